package io.cspguard.web;

/**
 * The signed-in user of a request. {@code method} is how the session was opened ({@code totp}, {@code passkey}
 * or {@code oidc}); every session is opened with MFA.
 */
public record Principal(long userId, String name, Role role, String method) {
    public boolean can(Role required) {
        return role.includes(required);
    }
}
