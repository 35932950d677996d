package io.cspguard.audit;

/**
 * Appends to the audit trail. An append that cannot be written throws: an action whose record cannot be kept must
 * not go ahead silently.
 */
public interface Audit {
    void record(AuditEvent event);
}
