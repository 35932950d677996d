package io.cspguard.graph.auth;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegated tokens (the Secure Application Model): the partner user's refresh token, stored by {@link Connect}, buys
 * a token for each tenant with MSAL4J's refresh-token grant against {@code {authority}/{tenantId}/} — the partner's
 * own, and each customer's within that user's GDAP roles (Entra answers AADSTS50020 where the user has none). The
 * client is confidential when the profile has an app credential, public otherwise. Tokens are cached per tenant and
 * resource until {@value TokenCache#MARGIN_MINUTES} minutes before they expire; the newest refresh token Entra returns
 * replaces the stored one (encrypted). Thread-safe; one request at a time per tenant and resource.
 */
public final class DelegatedTokenSource implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(DelegatedTokenSource.class);
    /**
     * The refresh token itself is no longer good: expired (700082 inactivity, 70008, 70043), revoked by a password
     * change or an admin (50173, 50133), or malformed (9002313).
     */
    static final Set<Integer> SIGN_IN_AGAIN = Set.of(700082, 70008, 70043, 50173, 50133, 9002313);

    private final ConnectionProfile profile;
    private final RefreshTokenStore store;
    private final IClientCredential credential;
    private final SSLContext tls;
    private final Redactor redactor = new Redactor();
    private final Map<String, AbstractClientApplicationBase> apps = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final TokenCache cache;
    private final Object refreshLock = new Object();
    private volatile String refreshToken;

    /** With the key and secrets from this process's environment. */
    public DelegatedTokenSource(ConnectionProfile profile) throws ProfileException {
        this(profile, System::getenv);
    }

    public DelegatedTokenSource(ConnectionProfile profile, Function<String, String> env) throws ProfileException {
        this(profile, RefreshTokenStore.of(profile, env), env, Clock.systemUTC());
    }

    /**
     * @throws ProfileException no refresh token stored yet (run {@code cspguard connect}), one that cannot be
     *                          decrypted, an unset {@code env:} variable, an unreadable certificate or CA
     */
    DelegatedTokenSource(ConnectionProfile profile, RefreshTokenStore store, Function<String, String> env, Clock clock)
            throws ProfileException {
        this.profile = profile;
        this.store = store;
        this.cache = new TokenCache(clock);
        this.credential = Credentials.present(profile) ? Credentials.of(profile, env, redactor) : null;
        this.tls = Trust.sslContext(profile);
        try {
            this.refreshToken = store.load();
        } catch (NoSuchFileException e) {
            throw new ProfileException(profile.source(), "refreshToken", "no refresh token at " + store.tokenFile()
                    + ": sign in first with `cspguard connect --connection " + profile.source() + "`");
        } catch (IOException e) {
            throw new ProfileException(profile.source(), "refreshToken", e.getMessage());
        }
        redactor.add(refreshToken);
    }

    @Override
    public String token(String tenantId, Resource resource) throws AuthException {
        String key = key(tenantId, resource);
        AbstractClientApplicationBase app = app(tenantId);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            String cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            RefreshTokenParameters parameters = RefreshTokenParameters
                    .builder(Set.of(resource.scope()), refreshToken).build();
            IAuthenticationResult r;
            try {
                r = Msal.await(app.acquireToken(parameters),
                        AppTokenSource.describe(tenantId, resource) + " (delegated)", redactor);
            } catch (AuthException e) {
                throw SIGN_IN_AGAIN.contains(e.aadsts()) ? new AuthException(e.getMessage() + " — sign in again with "
                        + "`cspguard connect --connection " + profile.source() + "`", e.code(), e.aadsts(),
                        e.isTransient(), e.getCause()) : e;
            }
            redactor.addToken(r.accessToken());
            cache.put(key, r);
            keepNewest(Connect.refreshToken(app));
            return r.accessToken();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void invalidate(String tenantId, Resource resource) {
        cache.remove(key(tenantId, resource));
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }

    /** The profile this source serves. */
    public ConnectionProfile profile() {
        return profile;
    }

    /** Entra rotates refresh tokens: keep the newest, in memory and (encrypted) on disk. */
    private void keepNewest(Optional<String> newest) {
        if (newest.isEmpty()) {
            return;
        }
        String token = newest.get();
        synchronized (refreshLock) {
            if (token.equals(refreshToken)) {
                return;
            }
            redactor.add(token);
            refreshToken = token;
            try {
                store.save(token);
            } catch (IOException e) {
                // the previous token stays valid until it expires; the next rotation tries again
                LOG.warn(redactor.redact("Could not store the new refresh token in " + store.tokenFile() + ": "
                        + e.getMessage()));
            }
        }
    }

    private AbstractClientApplicationBase app(String tenantId) throws AuthException {
        String authority = Msal.authority(profile, tenantId);
        String key = tenantId.toLowerCase(Locale.ROOT);
        AbstractClientApplicationBase app = apps.get(key);
        if (app != null) {
            return app;
        }
        AbstractClientApplicationBase created = credential != null
                ? Msal.confidential(profile, authority, credential, tls)
                : Msal.publicClient(profile, authority, tls);
        AbstractClientApplicationBase raced = apps.putIfAbsent(key, created);
        return raced != null ? raced : created;
    }

    private static String key(String tenantId, Resource resource) {
        return AppTokenSource.key(tenantId, resource);
    }
}
