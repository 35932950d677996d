package io.cspguard.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An entry's hash: lowercase hex SHA-256 over a canonical, unambiguous encoding of every field (docs/audit.md §Hash).
 * Each of {@code cspguard-audit-v1}, seq (decimal), at ({@link AuditTime}), actor, source IP, tenant, action, target,
 * result, detail and prev_hash is written as {@code -} when null, else as its UTF-8 byte length in decimal, a colon
 * and its UTF-8 bytes; nothing separates them. A length prefix cannot be forged by a value, so no two different
 * entries encode alike (unlike a delimiter a tenant name could contain).
 */
public final class AuditHash {
    /** The prev_hash of seq 1. */
    public static final String GENESIS = "0".repeat(64);
    static final String VERSION = "cspguard-audit-v1";

    private AuditHash() {
    }

    public static String of(AuditEntry e) {
        return compute(e.seq(), e.at(), e.actor(), e.sourceIp(), e.tenantId(), e.action(), e.target(), e.result(),
                e.detail(), e.prevHash());
    }

    public static String compute(long seq, Instant at, String actor, String sourceIp, String tenantId, String action,
                                 String target, String result, String detail, String prevHash) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream(256);
        for (String field : new String[] {VERSION, Long.toString(seq), at == null ? null : AuditTime.format(at), actor,
                sourceIp, tenantId, action, target, result, detail, prevHash}) {
            if (field == null) {
                canonical.write('-');
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                canonical.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                canonical.write(':');
                canonical.writeBytes(bytes);
            }
        }
        return HexFormat.of().formatHex(sha256().digest(canonical.toByteArray()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
