package io.cspguard.web.auth;

import io.cspguard.web.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A row of {@code users}; the sealed TOTP secret stays sealed until a code is checked. {@code oidcSubject} is the
 * {@code <iss>|<oid or sub>} an OIDC account was bound to at its first sign-in (null before).
 */
record UserRecord(long id, String name, Role role, String kind, String passwordHash, byte[] sealedTotpSecret,
                  Long totpLastStep, String userHandle, boolean enabled, int failedCount, Instant lockedUntil,
                  Instant lastSignInAt, String createdBy, Instant createdAt, String oidcSubject) {
    static final String LOCAL = "local";
    static final String OIDC = "oidc";

    static UserRecord map(ResultSet rs) throws SQLException {
        long step = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new UserRecord(rs.getLong("id"), rs.getString("name"), Role.parse(rs.getString("role")),
                rs.getString("kind"), rs.getString("password_hash"), rs.getBytes("totp_secret"), lastStep,
                rs.getString("user_handle"), rs.getBoolean("enabled"), rs.getInt("failed_count"),
                Times.read(rs, "locked_until"), Times.read(rs, "last_signin_at"), rs.getString("created_by"),
                Times.read(rs, "created_at"), rs.getString("oidc_subject"));
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    boolean hasTotp() {
        return sealedTotpSecret != null;
    }
}
