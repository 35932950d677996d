package io.cspguard.graph.auth;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * App-only tokens (client credentials) for the partner tenant and every customer where the partner's app is consented:
 * one MSAL4J confidential client per tenant, authority {@code {authority}/{tenantId}/}, the certificate when the
 * profile has one, else the secret. Each token is kept until {@value TokenCache#MARGIN_MINUTES} minutes before it
 * expires — here, not only in MSAL's cache, which misses every time when the authority has a port, as the
 * simulator's does (MSAL4J issue #529); {@link #invalidate} drops it and makes the next request skip MSAL's cache too.
 * Failures are {@link AuthException}s with Entra's error and AADSTS number, redacted. Thread-safe; one request at a
 * time per tenant and resource.
 */
public final class AppTokenSource implements TokenSource {
    private final ConnectionProfile profile;
    private final IClientCredential credential;
    private final SSLContext tls;
    private final Redactor redactor = new Redactor();
    private final Map<String, ConfidentialClientApplication> apps = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> invalidated = ConcurrentHashMap.newKeySet();
    private final TokenCache cache;

    /** With secrets from this process's environment. */
    public AppTokenSource(ConnectionProfile profile) throws ProfileException {
        this(profile, System::getenv);
    }

    /**
     * @param env the environment {@code env:NAME} secrets are read from
     * @throws ProfileException no credential, an unset variable, an unreadable certificate or CA
     */
    public AppTokenSource(ConnectionProfile profile, Function<String, String> env) throws ProfileException {
        this(profile, env, Clock.systemUTC());
    }

    AppTokenSource(ConnectionProfile profile, Function<String, String> env, Clock clock) throws ProfileException {
        this.profile = profile;
        this.cache = new TokenCache(clock);
        this.credential = Credentials.of(profile, env, redactor);
        this.tls = Trust.sslContext(profile);
    }

    @Override
    public String token(String tenantId, Resource resource) throws AuthException {
        String key = key(tenantId, resource);
        ConfidentialClientApplication app = app(tenantId);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            String cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            boolean skipCache = invalidated.remove(key);
            ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(resource.scope()))
                    .skipCache(skipCache)
                    .build();
            IAuthenticationResult r;
            try {
                r = Msal.await(app.acquireToken(parameters), describe(tenantId, resource), redactor);
            } catch (AuthException e) {
                if (skipCache) {
                    invalidated.add(key); // the cached token is still the one Graph refused
                }
                throw e;
            }
            redactor.addToken(r.accessToken());
            cache.put(key, r);
            return r.accessToken();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void invalidate(String tenantId, Resource resource) {
        String key = key(tenantId, resource);
        invalidated.add(key);
        cache.remove(key);
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }

    /** The profile this source serves. */
    public ConnectionProfile profile() {
        return profile;
    }

    private ConfidentialClientApplication app(String tenantId) throws AuthException {
        String authority = Msal.authority(profile, tenantId);
        ConfidentialClientApplication app = apps.get(tenantId.toLowerCase(Locale.ROOT));
        if (app != null) {
            return app;
        }
        ConfidentialClientApplication created = Msal.confidential(profile, authority, credential, tls);
        ConfidentialClientApplication raced = apps.putIfAbsent(tenantId.toLowerCase(Locale.ROOT), created);
        return raced != null ? raced : created;
    }

    static String key(String tenantId, Resource resource) {
        return String.valueOf(tenantId).toLowerCase(Locale.ROOT) + "|" + resource;
    }

    static String describe(String tenantId, Resource resource) {
        return (resource == Resource.GRAPH ? "a Graph" : "a Partner Center") + " token for tenant " + tenantId;
    }
}
