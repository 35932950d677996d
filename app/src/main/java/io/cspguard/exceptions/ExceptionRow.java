package io.cspguard.exceptions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One exception of the store as the dashboard shows it. {@code state} is what was decided (requested, approved,
 * rejected, revoked); {@code status} adds the calendar: an approved exception past its expiry date is
 * {@code expired}, an approved one before it is {@code live}, and a request not decided before its expiry date is
 * {@code expired} too (it can no longer be approved).
 *
 * @param configLine the line of cspguard.yaml for {@code source = config}, otherwise null
 */
public record ExceptionRow(long id, String source, String tenantId, String controlId, List<String> objects,
                           String reason, String requestedBy, Instant requestedAt, String state, String decidedBy,
                           Instant decidedAt, LocalDate expires, Integer configLine, String status) {
    public ExceptionRow {
        objects = List.copyOf(objects);
    }

    public static final String REQUESTED = "requested";
    public static final String LIVE = "live";
    public static final String EXPIRED = "expired";
    public static final String REJECTED = "rejected";
    public static final String REVOKED = "revoked";

    /** The display statuses, in the order the exceptions page lists them. */
    public static final List<String> STATUSES = List.of(REQUESTED, LIVE, EXPIRED, REJECTED, REVOKED);

    /** The status of a stored state on a given day: live through the end of its expiry day (UTC). */
    static String status(String state, LocalDate expires, LocalDate today) {
        return switch (state) {
            case "approved" -> expires.isBefore(today) ? EXPIRED : LIVE;
            case "requested" -> expires.isBefore(today) ? EXPIRED : REQUESTED;
            case "rejected" -> REJECTED;
            case "revoked" -> REVOKED;
            default -> throw new IllegalStateException("exception " + state + " has an unknown state");
        };
    }

    public boolean live() {
        return LIVE.equals(status);
    }

    public boolean fromConfig() {
        return "config".equals(source);
    }

    /** Whether this exception covers an object of a tenant's control (whole control when it names no objects). */
    public boolean covers(String tenant, String control, String objectId, String objectName) {
        if (!controlId.equals(control) || !("*".equals(tenantId) || tenantId.equalsIgnoreCase(tenant))) {
            return false;
        }
        return objects.isEmpty() || objects.stream().anyMatch(o -> o.equalsIgnoreCase(objectId == null ? "" : objectId)
                || o.equalsIgnoreCase(objectName == null ? "" : objectName));
    }
}
