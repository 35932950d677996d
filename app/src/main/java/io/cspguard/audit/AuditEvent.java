package io.cspguard.audit;

/**
 * One thing to record: who ({@code actor}: a user name, {@code system} for the scheduler, {@code anonymous} for a
 * failed sign-in under an unknown name), from where, about which tenant (or null), what ({@code action}, a dotted
 * verb such as {@code signin.success}, {@code tenant.viewed}, {@code run.started}, {@code exception.approved},
 * {@code export.downloaded}, {@code user.added}, {@code settings.changed}), on what ({@code target}), and how it
 * ended ({@code result}: {@code success}, {@code failure} or {@code denied}). {@code detail} is free text.
 */
public record AuditEvent(String actor, String sourceIp, String tenantId, String action, String target, String result,
                         String detail) {
    public static AuditEvent success(String actor, String sourceIp, String tenantId, String action, String target) {
        return new AuditEvent(actor, sourceIp, tenantId, action, target, "success", null);
    }
}
