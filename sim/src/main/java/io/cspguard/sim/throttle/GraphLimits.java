package io.cspguard.sim.throttle;

import java.time.Duration;

/**
 * Microsoft's published Graph limits that the simulator enforces (graph-reference.md §16, "Throttling";
 * https://learn.microsoft.com/graph/throttling-limits), in one place so that {@link GraphThrottle} (which enforces
 * them) and {@link ThrottleBound} (which computes the least time any client could take under them) cannot disagree.
 * Every budget is a token bucket: it starts full, holds at most its budget, and refills continuously at
 * budget ÷ window.
 */
public final class GraphLimits {
    private GraphLimits() {
    }

    /** Identity and access (directory) reads: resource units per app per tenant per 10 s, by tenant size. */
    public static final Duration DIRECTORY_WINDOW = Duration.ofSeconds(10);
    /** Directory reads: resource units per app across all tenants. */
    public static final long DIRECTORY_APP_BUDGET = 150_000;
    public static final Duration DIRECTORY_APP_WINDOW = Duration.ofSeconds(20);

    /** Identity and access reports (audit logs, sign-ins, reports/authenticationMethods, authentication methods). */
    public static final long REPORTS_TENANT_BUDGET = 5;
    public static final long REPORTS_APP_BUDGET = 122;
    public static final Duration REPORTS_WINDOW = Duration.ofSeconds(10);

    /** Conditional Access and Identity Protection: 1 request per second per tenant, all apps together. */
    public static final long CONDITIONAL_ACCESS_BUDGET = 1;
    public static final Duration CONDITIONAL_ACCESS_WINDOW = Duration.ofSeconds(1);

    /** Tenant size classes of the directory budget. */
    public enum TenantSize {
        /** Fewer than 50 users. */
        S(3_500),
        /** 50 to 500 users. */
        M(5_000),
        /** More than 500 users. */
        L(8_000);

        private final long resourceUnits;

        TenantSize(long resourceUnits) {
            this.resourceUnits = resourceUnits;
        }

        /** Resource units per app per tenant per {@link #DIRECTORY_WINDOW}. */
        public long resourceUnits() {
            return resourceUnits;
        }

        public static TenantSize ofUsers(long users) {
            return users < 50 ? S : users <= 500 ? M : L;
        }
    }
}
