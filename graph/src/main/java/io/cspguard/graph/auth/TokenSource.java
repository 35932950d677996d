package io.cspguard.graph.auth;

/**
 * Access tokens per tenant and resource, cached until they expire: app-only (client credentials, for the partner and
 * every customer where the partner's app is consented) or delegated (the Secure Application Model: a partner user's
 * refresh token buys a token for each customer, limited by that user's GDAP roles). Thread-safe.
 */
public interface TokenSource {
    /** A valid bearer token for the tenant (from the cache when it has one). */
    String token(String tenantId, Resource resource) throws AuthException;

    /** Drops the cached token (Graph said it expired mid-run): the next {@link #token} gets a new one. */
    void invalidate(String tenantId, Resource resource);

    /**
     * The redactor that knows this source's secrets and the tokens it handed out: pass anything shown or logged
     * through it. (The default knows none of them and masks only what looks like a token.)
     */
    default Redactor redactor() {
        return new Redactor();
    }
}
