package io.cspguard.sim.throttle;

/** Microsoft's throttling families that the collectors meet (graph-reference.md, "Throttling"). */
public enum Category {
    /** Users, groups, applications, policies…: resource units per app per tenant per 10 s, by tenant size. */
    DIRECTORY,
    /** auditLogs (sign-ins, directory audits), reports, authentication methods: 5 per 10 s per app per tenant. */
    REPORTS,
    /** Conditional Access and Identity Protection: 1 per second per tenant. */
    CONDITIONAL_ACCESS,
    /** Partner Center: not throttled in the simulator. */
    PARTNER_CENTER
}
