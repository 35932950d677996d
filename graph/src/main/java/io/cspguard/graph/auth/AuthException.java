package io.cspguard.graph.auth;

/**
 * No token could be had for a tenant: the partner's app is not consented there, the user has no GDAP role, a secret is
 * wrong, the refresh token expired. The message is redacted (no secret ever appears) and names Entra's error code.
 *
 * @see #code() Entra's error ({@code invalid_client}, {@code unauthorized_client}…) or null
 * @see #aadsts() the AADSTS number, e.g. 700016, or 0
 * @see #isTransient() whether trying again later may succeed
 */
public final class AuthException extends Exception {
    private final String code;
    private final int aadsts;
    private final boolean transientFailure;

    public AuthException(String message, String code, int aadsts, Throwable cause) {
        this(message, code, aadsts, false, cause);
    }

    /**
     * @param transientFailure the identity platform was busy or unreachable (429, 5xx, a timeout, a dropped
     *                         connection): the same request may succeed later
     */
    public AuthException(String message, String code, int aadsts, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.aadsts = aadsts;
        this.transientFailure = transientFailure;
    }

    public String code() {
        return code;
    }

    public int aadsts() {
        return aadsts;
    }

    /**
     * Whether the failure is the service's or the network's, not the request's (429, 5xx, timeout, connection
     * refused or dropped): a scheduler may retry with backoff. False for every answer Entra gives with an AADSTS
     * error about the request (wrong secret, no consent, no GDAP role, expired refresh token).
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
