package io.cspguard.web.pages;

import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.store.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tenant's page: the tenant's latest stored run (tenants.last_run_id), its results there (results'
 * primary key) and its open findings (findings_tenant index).
 */
final class TenantQuery {
    private TenantQuery() {
    }

    static Optional<TenantView> read(Database db, String tenantId) {
        return db.jdbi().withHandle(h -> {
            Optional<Facts> tenant = h.createQuery("SELECT t.tenant_id, t.display_name, t.role, t.licence, t.collected_at,"
                            + " t.last_run_id FROM tenants t WHERE t.tenant_id = :id")
                    .bind("id", tenantId)
                    .map((rs, ctx) -> new Facts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Rows.instant(rs, "collected_at"), Rows.longOrNull(rs, "last_run_id")))
                    .findOne();
            if (tenant.isEmpty()) {
                return Optional.<TenantView>empty();
            }
            Facts t = tenant.get();
            Long runId = t.lastRunId();
            RunSummary run = runId == null ? null : h.createQuery("SELECT " + RunSummary.COLUMNS + " FROM runs WHERE id = :id")
                    .bind("id", runId).map((rs, ctx) -> RunSummary.read(rs)).findOne().orElse(null);
            List<String> problems = runId == null ? List.of() : h.createQuery(
                            "SELECT problems FROM run_tenants WHERE run_id = :run AND tenant_id = :id")
                    .bind("run", runId).bind("id", tenantId).mapTo(String.class).findOne().map(Rows::strings)
                    .orElse(List.of());
            Map<String, List<FindingRow>> open = new LinkedHashMap<>();
            h.createQuery("SELECT " + FindingRow.COLUMNS + " FROM findings WHERE tenant_id = :id AND state = 'open'"
                            + " ORDER BY control_id, LOWER(object_name), finding_id")
                    .bind("id", tenantId).map((rs, ctx) -> FindingRow.read(rs))
                    .forEach(f -> open.computeIfAbsent(f.controlId(), k -> new ArrayList<>()).add(f));
            List<TenantView.Control> controls = new ArrayList<>();
            if (runId != null) {
                Map<String, TenantView.Control> byId = new LinkedHashMap<>();
                h.createQuery("SELECT control_id, status, summary, reason, open_count, accepted_count, notes FROM results"
                                + " WHERE run_id = :run AND tenant_id = :id")
                        .bind("run", runId).bind("id", tenantId)
                        .map((rs, ctx) -> new TenantView.Control(rs.getString("control_id"),
                                title(rs.getString("control_id")), rs.getString("status"), rs.getString("summary"),
                                rs.getString("reason"), rs.getInt("open_count"), rs.getInt("accepted_count"),
                                Rows.strings(rs.getString("notes")),
                                open.getOrDefault(rs.getString("control_id"), List.of())))
                        .forEach(c -> byId.put(c.controlId(), c));
                // Catalog order first, then any control the catalog no longer has (an old run's).
                for (String id : ControlRegistry.ids()) {
                    Optional.ofNullable(byId.remove(id)).ifPresent(controls::add);
                }
                controls.addAll(byId.values());
            }
            int openCount = open.values().stream().mapToInt(List::size).sum();
            return Optional.of(new TenantView(t.id(), t.name(), t.role(), t.licence(), t.collectedAt(), run, problems,
                    controls, openCount));
        });
    }

    private record Facts(String id, String name, String role, String licence, Instant collectedAt, Long lastRunId) {
    }

    static String title(String controlId) {
        return ControlRegistry.info(controlId).map(ControlInfo::title).orElse(controlId);
    }
}
