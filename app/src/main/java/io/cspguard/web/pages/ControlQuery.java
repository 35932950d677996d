package io.cspguard.web.pages;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.store.Database;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the controls list and a control's page from the latest stored run (results_control and findings_control indexes). */
final class ControlQuery {
    /** A control failed everywhere can have tens of thousands of findings; the page shows the first ones. */
    static final int MAX_FINDINGS = 2000;

    private ControlQuery() {
    }

    private record Count(String control, String status, int n) {
    }

    static ControlsView list(Database db) {
        return db.jdbi().withHandle(h -> {
            Long runId = OverviewQuery.latestStoredRun(h);
            Map<String, Map<String, Integer>> counts = new HashMap<>();
            if (runId != null) {
                h.createQuery("SELECT control_id, status, COUNT(*) AS n FROM results WHERE run_id = :run"
                                + " GROUP BY control_id, status")
                        .bind("run", runId)
                        .map((rs, ctx) -> new Count(rs.getString("control_id"), rs.getString("status"), rs.getInt("n")))
                        .forEach(c -> counts.computeIfAbsent(c.control(), k -> new HashMap<>()).put(c.status(), c.n()));
            }
            List<ControlsView.Entry> entries = ControlRegistry.all().stream().map(Control::info)
                    .map(i -> new ControlsView.Entry(i, counts.getOrDefault(i.id(), Map.of()))).toList();
            return new ControlsView(runId, entries);
        });
    }

    static Optional<ControlView> read(Database db, String controlId) {
        Optional<ControlInfo> info = ControlRegistry.info(controlId);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(db.jdbi().withHandle(h -> {
            Long runId = OverviewQuery.latestStoredRun(h);
            if (runId == null) {
                return new ControlView(info.get(), null, Map.of(), List.of(), 0, 0);
            }
            Map<String, Integer> counts = new HashMap<>();
            h.createQuery("SELECT status, COUNT(*) AS n FROM results WHERE control_id = :c AND run_id = :run GROUP BY status")
                    .bind("c", controlId).bind("run", runId)
                    .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            Map<String, List<FindingRow>> findings = new HashMap<>();
            List<FindingRow> shown = h.createQuery("SELECT " + FindingRow.COLUMNS + " FROM findings"
                            + " WHERE control_id = :c AND state = 'open' ORDER BY tenant_id, LOWER(object_name), finding_id"
                            + " LIMIT " + MAX_FINDINGS)
                    .bind("c", controlId).map((rs, ctx) -> FindingRow.read(rs)).list();
            shown.forEach(f -> findings.computeIfAbsent(f.tenantId(), k -> new ArrayList<>()).add(f));
            int total = h.createQuery("SELECT COUNT(*) FROM findings WHERE control_id = :c AND state = 'open'")
                    .bind("c", controlId).mapTo(Integer.class).one();
            List<ControlView.FailingTenant> failing = failing(h, controlId, runId, findings);
            return new ControlView(info.get(), runId, counts, failing, shown.size(), total);
        }));
    }

    private static List<ControlView.FailingTenant> failing(Handle h, String controlId, long runId,
                                                            Map<String, List<FindingRow>> findings) {
        Map<String, ControlView.FailingTenant> out = new LinkedHashMap<>();
        h.createQuery("SELECT r.tenant_id, rt.display_name, r.status, r.summary, r.open_count, r.accepted_count"
                        + " FROM results r JOIN run_tenants rt ON rt.run_id = r.run_id AND rt.tenant_id = r.tenant_id"
                        + " WHERE r.control_id = :c AND r.run_id = :run AND r.status IN ('FAIL', 'WARN')"
                        + " ORDER BY r.status, LOWER(rt.display_name), r.tenant_id")
                .bind("c", controlId).bind("run", runId)
                .map((rs, ctx) -> new ControlView.FailingTenant(rs.getString("tenant_id"), rs.getString("display_name"),
                        rs.getString("status"), rs.getString("summary"), rs.getInt("open_count"),
                        rs.getInt("accepted_count"), findings.getOrDefault(rs.getString("tenant_id"), List.of())))
                .forEach(t -> out.put(t.tenantId(), t));
        return List.copyOf(out.values());
    }
}
