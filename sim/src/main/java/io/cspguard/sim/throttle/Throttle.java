package io.cspguard.sim.throttle;

/**
 * Budgets modelled on Microsoft's published limits. The simulated Graph asks before serving each request (each
 * request inside a {@code $batch} too) and answers 429 when it is not admitted.
 */
public interface Throttle {
    /** No throttling at all (benchmarks of the simulator itself, unit tests). */
    Throttle NONE = (tenantId, appId, category, resourceUnits) -> Admission.ADMITTED;

    /**
     * @param appId         the client application (budgets are per app per tenant, and per app across tenants)
     * @param resourceUnits the request's cost in resource units (directory reads; ignored by the other categories)
     */
    Admission admit(String tenantId, String appId, Category category, int resourceUnits);
}
