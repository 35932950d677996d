package io.cspguard.sim.faults;

import java.time.Duration;

/**
 * How much goes wrong in the {@link Scenario#FLAKY} and {@link Scenario#BROKEN} scenarios. Shares are fractions of a
 * tenant's first attempts (retries are never faulted by FLAKY); durations are Microsoft-scale and shrink by the
 * simulator's time scale.
 *
 * @param stormShare               share of a tenant's requests that start a 429 storm
 * @param stormLength              how many consecutive requests of the tenant a storm answers 429
 * @param stormRetryAfter          the storm's {@code Retry-After}
 * @param serverErrorShare         share answered 500, 503 (with a {@code Retry-After} of 1 s) or 504, a third each
 * @param slowShare                share served late
 * @param slowMin                  the least delay of a slow response
 * @param slowMax                  the most delay of a slow response
 * @param dropAtMin                the one dropped connection comes at the n-th request of the run (first attempts,
 *                                 all tenants, counted from 0), n drawn from the seed in [dropAtMin, dropAtMax)
 * @param dropAtMax                see {@code dropAtMin}
 * @param tokenExpiredAtMin        the same for the one expired token
 * @param tokenExpiredAtMax        see {@code tokenExpiredAtMin}
 * @param brokenTenantShare        BROKEN: share of the customer tenants with a permanently refused endpoint (at
 *                                 least one tenant)
 * @param brokenEndpointsPerTenant BROKEN: how many endpoints are refused in each of those tenants
 * @param truncate                 BROKEN: whether one paged file is served cut short
 */
public record FaultShares(double stormShare, int stormLength, Duration stormRetryAfter, double serverErrorShare,
                          double slowShare, Duration slowMin, Duration slowMax, int dropAtMin, int dropAtMax,
                          int tokenExpiredAtMin, int tokenExpiredAtMax, double brokenTenantShare,
                          int brokenEndpointsPerTenant, boolean truncate) {

    /**
     * About 4% of first attempts faulted in FLAKY: 0.5% start a storm of 4 (≈ 2% answered 429, Retry-After 2 s), 1%
     * 5xx, 1% slow (200–800 ms); one drop among requests 20–59, one expired token among 60–99. BROKEN: a fifth of
     * the customers lose one endpoint each, and one paged file is cut short.
     */
    public static final FaultShares DEFAULTS = new FaultShares(0.005, 4, Duration.ofSeconds(2), 0.01, 0.01,
            Duration.ofMillis(200), Duration.ofMillis(800), 20, 60, 60, 100, 0.2, 1, true);

    public FaultShares {
        if (stormShare < 0 || serverErrorShare < 0 || slowShare < 0 || stormShare + serverErrorShare + slowShare > 1) {
            throw new IllegalArgumentException("fault shares must be between 0 and 1 together");
        }
        if (stormLength < 1 || dropAtMin < 0 || dropAtMax <= dropAtMin || tokenExpiredAtMin < 0
                || tokenExpiredAtMax <= tokenExpiredAtMin || slowMax.compareTo(slowMin) < 0
                || brokenTenantShare < 0 || brokenTenantShare > 1 || brokenEndpointsPerTenant < 0) {
            throw new IllegalArgumentException("invalid fault settings");
        }
    }

    public FaultShares withStorm(double share, int length) {
        return new FaultShares(share, length, stormRetryAfter, serverErrorShare, slowShare, slowMin, slowMax, dropAtMin,
                dropAtMax, tokenExpiredAtMin, tokenExpiredAtMax, brokenTenantShare, brokenEndpointsPerTenant, truncate);
    }

    public FaultShares withServerErrors(double share) {
        return new FaultShares(stormShare, stormLength, stormRetryAfter, share, slowShare, slowMin, slowMax, dropAtMin,
                dropAtMax, tokenExpiredAtMin, tokenExpiredAtMax, brokenTenantShare, brokenEndpointsPerTenant, truncate);
    }

    public FaultShares withSlow(double share) {
        return new FaultShares(stormShare, stormLength, stormRetryAfter, serverErrorShare, share, slowMin, slowMax,
                dropAtMin, dropAtMax, tokenExpiredAtMin, tokenExpiredAtMax, brokenTenantShare, brokenEndpointsPerTenant,
                truncate);
    }

    public FaultShares withOneOffs(int dropAtMin, int dropAtMax, int tokenExpiredAtMin, int tokenExpiredAtMax) {
        return new FaultShares(stormShare, stormLength, stormRetryAfter, serverErrorShare, slowShare, slowMin, slowMax,
                dropAtMin, dropAtMax, tokenExpiredAtMin, tokenExpiredAtMax, brokenTenantShare, brokenEndpointsPerTenant,
                truncate);
    }

    public FaultShares withBroken(double tenantShare, int endpointsPerTenant, boolean truncate) {
        return new FaultShares(stormShare, stormLength, stormRetryAfter, serverErrorShare, slowShare, slowMin, slowMax,
                dropAtMin, dropAtMax, tokenExpiredAtMin, tokenExpiredAtMax, tenantShare, endpointsPerTenant, truncate);
    }
}
