package io.cspguard.web.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A finding as the lists show it: which object breaks which rule, and its lifecycle. */
public record FindingRow(String findingId, String tenantId, String controlId, String objectType, String objectId,
                         String objectName, String rule, String detail, String state, boolean accepted,
                         long firstSeenRun, Instant firstSeenAt, long lastSeenRun, Instant lastSeenAt, Long resolvedRun,
                         Instant resolvedAt, int reopenedCount) {
    static final String COLUMNS = "finding_id, tenant_id, control_id, object_type, object_id, object_name, rule, detail,"
            + " state, accepted, first_seen_run, first_seen_at, last_seen_run, last_seen_at, resolved_run, resolved_at,"
            + " reopened_count";

    static FindingRow read(ResultSet rs) throws SQLException {
        return new FindingRow(rs.getString("finding_id"), rs.getString("tenant_id"), rs.getString("control_id"),
                rs.getString("object_type"), rs.getString("object_id"), rs.getString("object_name"),
                rs.getString("rule"), rs.getString("detail"), rs.getString("state"), rs.getBoolean("accepted"),
                rs.getLong("first_seen_run"), Rows.instant(rs, "first_seen_at"), rs.getLong("last_seen_run"),
                Rows.instant(rs, "last_seen_at"), Rows.longOrNull(rs, "resolved_run"), Rows.instant(rs, "resolved_at"),
                rs.getInt("reopened_count"));
    }

    public String href() {
        return Links.finding(findingId);
    }

    /** The object as people name it: its display name, else its id. */
    public String object() {
        return objectName != null && !objectName.isBlank() ? objectName : Fmt.text(objectId);
    }

    public boolean open() {
        return "open".equals(state);
    }
}
