package io.cspguard.controls;

import java.time.Instant;
import java.util.Optional;

/**
 * CSP Guard's own records that some controls read besides the snapshot: completed access reviews of GDAP
 * relationships (CSP.PRIV.9), reviewed recovery-info changes (CSP.MON.3) and the log archive (CSP.MON.2). A plain {@code assess} has none
 * ({@link #NONE}); the server's store provides them.
 */
public interface OwnRecords {
    OwnRecords NONE = new OwnRecords() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<Instant> lastAccessReview(String tenantId, String relationshipId) {
            return Optional.empty();
        }

        @Override
        public boolean recoveryChangeReviewed(String tenantId, String auditId) {
            return false;
        }
    };

    /** Whether the records exist at all (false for a plain assess). */
    boolean available();

    /** When the relationship's last completed access review ended. */
    Optional<Instant> lastAccessReview(String tenantId, String relationshipId);

    /** Whether a reviewer acknowledged the security-info change recorded by this directory audit entry. */
    boolean recoveryChangeReviewed(String tenantId, String auditId);

    /** Whether CSP Guard archives this tenant's sign-in and audit logs for at least 30 days (CSP.MON.2). */
    default boolean logsArchived(String tenantId) {
        return false;
    }
}
