package io.cspguard.web.auth;

import io.cspguard.web.Role;
import java.time.Instant;

/**
 * What the admin page and {@code cspguard users list} show of an account. {@code factor}: {@code passkey},
 * {@code totp}, {@code passkey+totp}, {@code oidc} or {@code not enrolled}.
 */
public record UserSummary(long id, String name, Role role, String kind, String factor, boolean enabled,
                          Instant lastSignInAt, Instant lockedUntil) {
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
