package io.cspguard.audit;

/**
 * Which entries {@link AuditTrail#recent} returns, newest first: optionally only one actor's, one tenant's, those whose
 * action starts with a prefix (such as {@code signin.}), those before a seq (the next page); at most {@code limit}
 * (1 to {@value #MAX_LIMIT}).
 */
public record AuditQuery(String actor, String tenantId, String actionPrefix, Long beforeSeq, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, limit);
    }

    public AuditQuery byActor(String value) {
        return new AuditQuery(value, tenantId, actionPrefix, beforeSeq, limit);
    }

    public AuditQuery byTenant(String value) {
        return new AuditQuery(actor, value, actionPrefix, beforeSeq, limit);
    }

    public AuditQuery byActionPrefix(String value) {
        return new AuditQuery(actor, tenantId, value, beforeSeq, limit);
    }

    public AuditQuery before(long seq) {
        return new AuditQuery(actor, tenantId, actionPrefix, seq, limit);
    }
}
