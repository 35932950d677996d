package io.cspguard.web.pages;

import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.exceptions.ExceptionFilter;
import io.cspguard.exceptions.ExceptionRow;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.store.Database;

import java.util.List;
import java.util.Optional;

/** Reads a finding's page: the findings row, its control's result in the run that last saw it, its events. */
final class FindingQuery {
    private FindingQuery() {
    }

    private record Result(String status, String summary, String reason) {
    }

    static Optional<FindingView> read(Database db, ExceptionStore exceptions, String findingId) {
        Optional<FindingView> view = db.jdbi().withHandle(h -> {
            Optional<FindingRow> found = h.createQuery("SELECT " + FindingRow.COLUMNS + " FROM findings WHERE finding_id = :id")
                    .bind("id", findingId).map((rs, ctx) -> FindingRow.read(rs)).findOne();
            if (found.isEmpty()) {
                return Optional.<FindingView>empty();
            }
            FindingRow f = found.get();
            String tenantName = h.createQuery("SELECT display_name FROM tenants WHERE tenant_id = :t")
                    .bind("t", f.tenantId()).mapTo(String.class).findOne().orElse(f.tenantId());
            Result result = h.createQuery("SELECT status, summary, reason FROM results"
                            + " WHERE run_id = :run AND tenant_id = :t AND control_id = :c")
                    .bind("run", f.lastSeenRun()).bind("t", f.tenantId()).bind("c", f.controlId())
                    .map((rs, ctx) -> new Result(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .findOne().orElse(new Result(null, null, null));
            List<FindingView.Event> history = h.createQuery("SELECT e.run_id, e.event, e.at, r.started_at"
                            + " FROM finding_events e JOIN runs r ON r.id = e.run_id WHERE e.finding_id = :id ORDER BY e.run_id")
                    .bind("id", findingId)
                    .map((rs, ctx) -> new FindingView.Event(rs.getLong("run_id"), rs.getString("event"),
                            Rows.instant(rs, "at"), Rows.instant(rs, "started_at")))
                    .list();
            Optional<ControlInfo> info = ControlRegistry.info(f.controlId());
            return Optional.of(new FindingView(f, tenantName, info.map(ControlInfo::title).orElse(f.controlId()),
                    result.status(), result.summary(), result.reason(),
                    info.map(ControlInfo::remediation).filter(s -> !s.isBlank()).orElse(null), history, null, List.of()));
        });
        return view.map(v -> withExceptions(v, exceptions));
    }

    private static FindingView withExceptions(FindingView v, ExceptionStore exceptions) {
        FindingRow f = v.finding();
        List<ExceptionRow> covering = exceptions.list(new ExceptionFilter(null, f.tenantId(), f.controlId())).stream()
                .filter(e -> e.covers(f.tenantId(), f.controlId(), f.objectId(), f.objectName())).toList();
        ExceptionRow live = covering.stream().filter(ExceptionRow::live).findFirst().orElse(null);
        List<ExceptionRow> pending = covering.stream().filter(e -> ExceptionRow.REQUESTED.equals(e.status())).toList();
        return new FindingView(f, v.tenantName(), v.controlTitle(), v.resultStatus(), v.resultSummary(),
                v.resultReason(), v.remediation(), v.history(), live, pending);
    }
}
