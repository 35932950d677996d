package io.cspguard.web.pages;

import io.cspguard.store.Database;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the run history and a run's diff (finding_events_run index). */
final class RunQuery {
    static final int PAGE_SIZE = 50;
    /** A first run makes every finding new: the page lists the first ones and says how many there are. */
    static final int MAX_PER_EVENT = 1000;

    private RunQuery() {
    }

    static RunsView list(Database db, int page, String message, String error) {
        return db.jdbi().withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM runs").mapTo(Long.class).one();
            Paging paging = new Paging(page, PAGE_SIZE, total, "/runs", Map.of());
            if (page > paging.pages()) {
                throw PageProblem.notFound("page " + page + " does not exist: there are " + paging.pages());
            }
            List<RunSummary> runs = h.createQuery("SELECT " + RunSummary.COLUMNS + " FROM runs ORDER BY id DESC LIMIT "
                            + PAGE_SIZE + " OFFSET " + paging.offset())
                    .map((rs, ctx) -> RunSummary.read(rs)).list();
            return new RunsView(runs, paging, message, error);
        });
    }

    static Optional<RunView> read(Database db, long runId) {
        return db.jdbi().withHandle(h -> {
            Optional<RunSummary> run = h.createQuery("SELECT " + RunSummary.COLUMNS + " FROM runs WHERE id = :id")
                    .bind("id", runId).map((rs, ctx) -> RunSummary.read(rs)).findOne();
            if (run.isEmpty()) {
                return Optional.<RunView>empty();
            }
            Long previous = h.createQuery("SELECT MAX(id) FROM runs WHERE state = 'stored' AND id < :id")
                    .bind("id", runId).mapTo(Long.class).findOne().orElse(null);
            boolean report = h.createQuery("SELECT COUNT(*) FROM run_reports WHERE run_id = :id")
                    .bind("id", runId).mapTo(Integer.class).one() > 0;
            return Optional.of(new RunView(run.get(), previous, changes(h, runId, "new"), changes(h, runId, "resolved"),
                    changes(h, runId, "reopened"), report));
        });
    }

    private static List<RunView.Change> changes(Handle h, long runId, String event) {
        return h.createQuery("SELECT f.finding_id, f.tenant_id, t.display_name, f.control_id, f.object_type, f.object_id,"
                        + " f.object_name, f.rule FROM finding_events e JOIN findings f ON f.finding_id = e.finding_id"
                        + " LEFT JOIN tenants t ON t.tenant_id = f.tenant_id"
                        + " WHERE e.run_id = :run AND e.event = :event"
                        + " ORDER BY LOWER(t.display_name), f.tenant_id, f.control_id, f.finding_id LIMIT " + MAX_PER_EVENT)
                .bind("run", runId).bind("event", event)
                .map((rs, ctx) -> {
                    String name = rs.getString("object_name");
                    String tenantName = rs.getString("display_name");
                    return new RunView.Change(rs.getString("finding_id"), rs.getString("tenant_id"),
                            tenantName == null ? rs.getString("tenant_id") : tenantName, rs.getString("control_id"),
                            rs.getString("object_type"), name != null && !name.isBlank() ? name : rs.getString("object_id"),
                            rs.getString("rule"));
                })
                .list();
    }
}
