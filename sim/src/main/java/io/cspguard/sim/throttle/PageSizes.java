package io.cspguard.sim.throttle;

import java.util.Locale;

/**
 * The largest page each simulated endpoint serves (the most objects one request can bring back), as the simulated
 * Graph and Partner Center must cap {@code $top}/{@code size}, and as {@link ThrottleBound} assumes when it counts
 * the fewest requests a collection needs. The values follow graph-reference.md where it gives one; where Microsoft
 * documents none, the simulator fixes one here (marked "simulator's choice").
 *
 * <p>Paths are as {@link io.cspguard.sim.faults.FaultInjector} sees them: without the version prefix and query.
 */
public final class PageSizes {
    private PageSizes() {
    }

    /** {@code $top} maximum of directory collections (users, groups, members, applications…). */
    public static final int DIRECTORY = 999;
    /** {@code /users} with {@code $select=…signInActivity} (graph-reference.md §1). */
    public static final int USERS_WITH_SIGN_IN_ACTIVITY = 500;
    /** {@code /auditLogs/signIns} (graph-reference.md §9: pages of 1000). */
    public static final int SIGN_INS = 1000;
    /** {@code /auditLogs/directoryAudits} ({@code $top} above 999 is refused by Microsoft's own module). */
    public static final int DIRECTORY_AUDITS = 999;
    /** {@code /reports/authenticationMethods/userRegistrationDetails}: no {@code $top}; simulator's choice. */
    public static final int USER_REGISTRATION_DETAILS = 999;
    /** {@code /deviceManagement/managedDevices}: fixed by the service (graph-reference.md §14). */
    public static final int MANAGED_DEVICES = 1000;
    /** {@code /identityProtection/riskyUsers}: simulator's choice. */
    public static final int RISKY_USERS = 500;
    /** {@code /tenantRelationships/delegatedAdminRelationships} and their access assignments: {@code $top} ≤ 300. */
    public static final int GDAP = 300;
    /** Partner Center {@code GET /v1/customers?size=}: simulator's choice. */
    public static final int PARTNER_CENTER_CUSTOMERS = 500;
    /** Partner Center {@code GET /v1/auditrecords?size=}: simulator's choice. */
    public static final int PARTNER_CENTER_AUDIT_RECORDS = 500;
    /** Unpaged reads (authentication methods of a user, subscriptions of a customer, single objects). */
    public static final int UNPAGED = Integer.MAX_VALUE;

    /**
     * The largest page of the endpoint at {@code path}.
     *
     * @param withSignInActivity whether a {@code /users} request selects {@code signInActivity}
     */
    public static int forPath(String path, boolean withSignInActivity) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.equals("/users")) {
            return withSignInActivity ? USERS_WITH_SIGN_IN_ACTIVITY : DIRECTORY;
        }
        if (p.startsWith("/users/") && p.contains("/authentication/")) {
            return UNPAGED;
        }
        if (p.equals("/auditlogs/signins")) {
            return SIGN_INS;
        }
        if (p.equals("/auditlogs/directoryaudits")) {
            return DIRECTORY_AUDITS;
        }
        if (p.startsWith("/reports/authenticationmethods/")) {
            return USER_REGISTRATION_DETAILS;
        }
        if (p.equals("/devicemanagement/manageddevices")) {
            return MANAGED_DEVICES;
        }
        if (p.startsWith("/identityprotection/")) {
            return RISKY_USERS;
        }
        if (p.startsWith("/tenantrelationships/")) {
            return GDAP;
        }
        if (p.equals("/v1/customers")) {
            return PARTNER_CENTER_CUSTOMERS;
        }
        if (p.equals("/v1/auditrecords")) {
            return PARTNER_CENTER_AUDIT_RECORDS;
        }
        if (p.startsWith("/v1/")) {
            return UNPAGED;
        }
        return DIRECTORY;
    }

    /** Pages needed for {@code objects} objects at {@code pageSize}: at least one (an empty collection is a page). */
    public static long pages(long objects, int pageSize) {
        if (objects <= 0 || pageSize == UNPAGED) {
            return 1;
        }
        return (objects + pageSize - 1) / pageSize;
    }
}
