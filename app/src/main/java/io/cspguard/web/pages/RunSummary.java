package io.cspguard.web.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One row of the runs table: when, who, how it ended, and its counts (filled when the run was stored). */
public record RunSummary(long id, String trigger, String triggeredBy, Instant startedAt, Instant finishedAt, String state,
                         String error, int tenants, int pass, int fail, int warn, int notApplicable, int notAssessed,
                         int newFindings, int resolvedFindings, int reopenedFindings) {
    static final String COLUMNS = "id, trigger_kind, triggered_by, started_at, finished_at, state, error, tenant_count,"
            + " pass_count, fail_count, warn_count, na_count, not_assessed_count, new_findings, resolved_findings,"
            + " reopened_findings";

    static RunSummary read(ResultSet rs) throws SQLException {
        return new RunSummary(rs.getLong("id"), rs.getString("trigger_kind"), rs.getString("triggered_by"),
                Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"), rs.getString("state"),
                rs.getString("error"), Rows.count(rs, "tenant_count"), Rows.count(rs, "pass_count"),
                Rows.count(rs, "fail_count"), Rows.count(rs, "warn_count"), Rows.count(rs, "na_count"),
                Rows.count(rs, "not_assessed_count"), Rows.count(rs, "new_findings"),
                Rows.count(rs, "resolved_findings"), Rows.count(rs, "reopened_findings"));
    }

    public int count(String status) {
        return switch (status) {
            case "PASS" -> pass;
            case "FAIL" -> fail;
            case "WARN" -> warn;
            case "NOT_APPLICABLE" -> notApplicable;
            case "NOT_ASSESSED" -> notAssessed;
            default -> 0;
        };
    }

    public boolean stored() {
        return "stored".equals(state);
    }
}
