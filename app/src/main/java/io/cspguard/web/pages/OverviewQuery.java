package io.cspguard.web.pages;

import io.cspguard.controls.ControlRegistry;
import io.cspguard.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the overview. One page of tenants at a time: the tenants of the latest stored run (run_tenants' primary
 * key), filtered and counted in SQL, then the results of just that page's tenants (results' primary key), so that
 * the cost follows the page size, not the number of tenants.
 */
final class OverviewQuery {
    static final int TREND_RUNS = 10;

    private OverviewQuery() {
    }

    static Long latestStoredRun(Handle h) {
        return h.createQuery("SELECT MAX(id) FROM runs WHERE state = 'stored'").mapTo(Long.class).findOne().orElse(null);
    }

    static OverviewView read(Database db, OverviewFilter filter) {
        return db.jdbi().withHandle(h -> {
            List<String> controls = List.copyOf(ControlRegistry.ids());
            List<String> licences = h.createQuery("SELECT DISTINCT licence FROM tenants WHERE licence IS NOT NULL ORDER BY licence")
                    .mapTo(String.class).list();
            Long runId = latestStoredRun(h);
            if (runId == null) {
                return new OverviewView(null, TrendChart.of(List.of()), controls, List.of(), filter,
                        new Paging(1, OverviewFilter.PAGE_SIZE, 0, "/", filter.asQuery()), licences);
            }
            List<RunSummary> recent = new ArrayList<>(h.createQuery("SELECT " + RunSummary.COLUMNS
                            + " FROM runs WHERE state = 'stored' ORDER BY id DESC LIMIT " + TREND_RUNS)
                    .map((rs, ctx) -> RunSummary.read(rs)).list());
            RunSummary latest = recent.get(0);
            java.util.Collections.reverse(recent);

            String where = where(filter);
            long total = bind(h.createQuery("SELECT COUNT(*) FROM run_tenants rt JOIN tenants t ON t.tenant_id = rt.tenant_id"
                    + where), runId, filter).mapTo(Long.class).one();
            Paging paging = new Paging(filter.page(), OverviewFilter.PAGE_SIZE, total, "/", filter.asQuery());
            if (filter.page() > paging.pages()) {
                throw PageProblem.notFound("page " + filter.page() + " does not exist: there are " + paging.pages());
            }
            List<String[]> tenants = bind(h.createQuery("SELECT rt.tenant_id, rt.display_name, t.role, t.licence"
                    + " FROM run_tenants rt JOIN tenants t ON t.tenant_id = rt.tenant_id" + where
                    + " ORDER BY CASE WHEN t.role = 'partner' THEN 0 ELSE 1 END, LOWER(rt.display_name), rt.tenant_id"
                    + " LIMIT " + paging.pageSize() + " OFFSET " + paging.offset()), runId, filter)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                    .list();
            Map<String, Map<String, OverviewView.Cell>> cells = cells(h, runId, tenants.stream().map(t -> t[0]).toList());
            List<OverviewView.Row> rows = new ArrayList<>();
            for (String[] t : tenants) {
                Map<String, OverviewView.Cell> byControl = cells.getOrDefault(t[0], Map.of());
                List<OverviewView.Cell> line = controls.stream()
                        .map(c -> byControl.getOrDefault(c, new OverviewView.Cell(c, null, 0, 0,
                                Links.tenantControl(t[0], c), c + ": no result in this run")))
                        .toList();
                rows.add(new OverviewView.Row(t[0], t[1], t[2], t[3], Links.tenant(t[0]), line));
            }
            return new OverviewView(latest, TrendChart.of(recent), controls, rows, filter, paging, licences);
        });
    }

    private static Map<String, Map<String, OverviewView.Cell>> cells(Handle h, long runId, List<String> tenantIds) {
        Map<String, Map<String, OverviewView.Cell>> out = new HashMap<>();
        if (tenantIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT tenant_id, control_id, status, open_count, accepted_count FROM results"
                        + " WHERE run_id = :run AND tenant_id IN (<ids>)")
                .bind("run", runId).bindList("ids", tenantIds)
                .map((rs, ctx) -> {
                    String tenant = rs.getString("tenant_id");
                    String control = rs.getString("control_id");
                    String status = rs.getString("status");
                    int open = rs.getInt("open_count");
                    int accepted = rs.getInt("accepted_count");
                    return Map.entry(tenant, new OverviewView.Cell(control, status, open, accepted,
                            Links.tenantControl(tenant, control), label(control, status, open, accepted)));
                })
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().controlId(), e.getValue()));
        return out;
    }

    static String label(String control, String status, int open, int accepted) {
        StringBuilder sb = new StringBuilder(control).append(": ").append(Fmt.status(status));
        if (open > 0) {
            sb.append(", ").append(open).append(open == 1 ? " open finding" : " open findings");
        }
        if (accepted > 0) {
            sb.append(", ").append(accepted).append(" accepted");
        }
        return sb.toString();
    }

    private static String where(OverviewFilter f) {
        StringBuilder sb = new StringBuilder(" WHERE rt.run_id = :run");
        if (f.search() != null) {
            // '!' escapes LIKE's wildcards: a backslash would be read by JDBI's parser as escaping the quote.
            sb.append(" AND (LOWER(rt.display_name) LIKE :like ESCAPE '!' OR LOWER(rt.tenant_id) LIKE :like ESCAPE '!')");
        }
        if (f.licence() != null) {
            sb.append(" AND t.licence = :licence");
        }
        if (f.role() != null) {
            sb.append(" AND t.role = :role");
        }
        if (f.status() != null) {
            sb.append(" AND EXISTS (SELECT 1 FROM results r WHERE r.run_id = rt.run_id AND r.tenant_id = rt.tenant_id"
                    + " AND r.status = :status)");
        }
        return sb.toString();
    }

    private static Query bind(Query q, long runId, OverviewFilter f) {
        q.bind("run", runId);
        if (f.search() != null) {
            q.bind("like", "%" + f.search().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        if (f.licence() != null) {
            q.bind("licence", f.licence());
        }
        if (f.role() != null) {
            q.bind("role", f.role());
        }
        if (f.status() != null) {
            q.bind("status", f.status());
        }
        return q;
    }
}
