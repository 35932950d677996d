package io.cspguard.sim.faults;

/** Decides, per request, the fault a scenario injects. Deterministic for a given seed and request sequence. */
public interface FaultInjector {
    FaultInjector NONE = (tenantId, method, path, attempt) -> Fault.NONE;

    /**
     * @param path    the request path without the version prefix and query (e.g. {@code /users},
     *                {@code /auditLogs/signIns}, {@code /v1/customers})
     * @param attempt how many times this same request (tenant, method, path and query) has been seen before, 0 first:
     *                transient faults clear on retry, permanent ones ({@link Scenario#BROKEN}) do not
     */
    Fault decide(String tenantId, String method, String path, int attempt);
}
