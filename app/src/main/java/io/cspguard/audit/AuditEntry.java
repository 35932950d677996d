package io.cspguard.audit;

import java.time.Instant;

/**
 * One stored entry of the audit trail, as it is hashed: {@code hash} is {@link AuditHash#of(AuditEntry)} when the entry
 * is intact, and {@code prevHash} the hash of the entry before it ({@link AuditHash#GENESIS} for seq 1).
 */
public record AuditEntry(long seq, Instant at, String actor, String sourceIp, String tenantId, String action,
                         String target, String result, String detail, String prevHash, String hash) {
}
