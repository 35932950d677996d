package io.cspguard.web.auth;

import io.cspguard.audit.Audit;
import io.cspguard.store.Database;
import io.cspguard.web.SecuredRoutes;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's security layer: sign-in with MFA (password + TOTP or passkey, a passkey alone, or Entra by OIDC
 * with MFA in the token), sessions, roles on every route, CSRF, security headers, rate limiting and lockout.
 *
 * <p>{@link #install} adds the before-handler every request passes (headers, session, CSRF, Origin), the sign-in,
 * sign-out, enrolment and OIDC routes, and the 404/500 pages; pages are then registered through {@link #routes}.
 */
public final class Security {
    static final int SIGNIN_ATTEMPTS_PER_MINUTE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Security.class);

    private final SecuritySettings settings;
    private final Clock clock;
    private final Audit audit;
    private final UserAccounts users;
    private final Sessions sessions;
    private final PendingStates pending;
    private final Passkeys passkeys;
    private final RequestGuard guard;
    private final AtomicLong lastPurge = new AtomicLong();

    public Security(Database db, Audit audit, Clock clock, SecuritySettings settings, Path dataDir) {
        this(db, audit, clock, settings, dataDir, System::getenv);
    }

    Security(Database db, Audit audit, Clock clock, SecuritySettings settings, Path dataDir,
             Function<String, String> env) {
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.users = new UserAccounts(db, audit, clock, dataDir, env);
        this.sessions = new Sessions(db, clock, settings.sessionIdle(), settings.sessionMax());
        this.pending = new PendingStates(db, clock);
        this.passkeys = new Passkeys(settings, new PasskeyCredentials(db, users), clock);
        this.guard = new RequestGuard(settings, sessions, audit, clock);
        passkeys.unavailable().ifPresent(LOG::warn);
    }

    public void install(Javalin app) {
        app.before(ctx -> {
            purgeNowAndThen();
            guard.before(ctx);
        });
        SignInSupport support = new SignInSupport(settings, users, sessions, pending, audit,
                new RateLimiter(clock, SIGNIN_ATTEMPTS_PER_MINUTE, Duration.ofMinutes(1)));
        new SignInRoutes(support, passkeys, clock, settings.oidc().isPresent()).register(app);
        new EnrolRoutes(support, passkeys, clock).register(app);
        settings.oidc().ifPresent(o -> new OidcRoutes(support, new OidcClient(o, clock), clock).register(app));
        app.exception(EndpointNotFound.class, (e, ctx) ->
                Pages.message(ctx, 404, "Not found", "There is no page at this address.", "/", "Overview"));
        app.exception(HttpResponseException.class, (e, ctx) ->
                Pages.message(ctx, e.getStatus(), e.getStatus() == 404 ? "Not found" : "Cannot do that",
                        e.getMessage(), "/", "Overview"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), RequestGuard.loggablePath(ctx.path()), e);
            Pages.message(ctx, 500, "Something went wrong", "The server could not complete this request; the error "
                    + "is in its log.", "/", "Overview");
        });
    }

    public SecuredRoutes routes(Javalin app) {
        return new GuardedRoutes(app, guard);
    }

    public UserAccounts users() {
        return users;
    }

    public SecuritySettings settings() {
        return settings;
    }

    /** Expired sessions and sign-in states are deleted at most once a minute, by whichever request comes. */
    private void purgeNowAndThen() {
        long now = clock.millis();
        long last = lastPurge.get();
        if (now - last >= 60_000 && lastPurge.compareAndSet(last, now)) {
            sessions.purgeExpired();
        }
    }
}
