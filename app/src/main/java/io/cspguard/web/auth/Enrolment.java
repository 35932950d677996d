package io.cspguard.web.auth;

import java.net.URI;
import java.time.Instant;

/**
 * A one-time enrolment link for a new local account: the person opening it sets a password and registers a passkey
 * or an authenticator app. The token is shown once; the store keeps only its hash.
 */
public record Enrolment(String name, String token, Instant expiresAt) {
    /** {@code <publicUrl>/enrol/<token>}. */
    public URI link(URI publicUrl) {
        String base = publicUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/enrol/" + token);
    }

    @Override
    public String toString() {
        return "Enrolment[name=" + name + ", token=***, expiresAt=" + expiresAt + "]";
    }
}
