package io.cspguard.store;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every row of the tables a run writes, in key order, for before/after comparisons. */
final class StoreTables {
    private static final Map<String, String> ORDER = Map.of(
            "tenants", "tenant_id",
            "run_tenants", "run_id, tenant_id",
            "results", "run_id, tenant_id, control_id",
            "findings", "finding_id",
            "finding_events", "finding_id, run_id",
            "run_reports", "run_id");

    private StoreTables() {
    }

    /** The contents of every run table, and of {@code runs} without the row of {@code exceptRun}. */
    static Map<String, List<Map<String, Object>>> contents(Database db, long exceptRun) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        db.jdbi().useHandle(h -> {
            all.put("runs", h.createQuery("SELECT * FROM runs WHERE id <> :id ORDER BY id").bind("id", exceptRun)
                    .mapToMap().map(StoreTables::comparable).list());
            ORDER.forEach((table, key) -> all.put(table, h.createQuery("SELECT * FROM " + table + " ORDER BY " + key)
                    .mapToMap().map(StoreTables::comparable).list()));
        });
        return all;
    }

    static int count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, v instanceof byte[] b ? HexFormat.of().formatHex(b) : v));
        return out;
    }
}
