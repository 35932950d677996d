package io.cspguard.web.auth;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Web;
import io.javalin.http.Context;
import io.javalin.http.SameSite;
import java.util.Locale;

/**
 * What the sign-in routes share: the rate limit, the pre-session CSRF cookie, the failure record, and opening the
 * session once every factor has passed.
 */
final class SignInSupport {
    /** One message for every failure: it must not tell whether the name exists or the account is locked. */
    static final String FAILED = "Sign-in failed: the name, password or code is wrong, or the account is locked "
            + "for a while.";

    final SecuritySettings settings;
    final UserAccounts users;
    final Sessions sessions;
    final PendingStates pending;
    final Audit audit;
    final Cookies cookies;
    private final RateLimiter limiter;

    SignInSupport(SecuritySettings settings, UserAccounts users, Sessions sessions, PendingStates pending, Audit audit,
                  RateLimiter limiter) {
        this.settings = settings;
        this.users = users;
        this.sessions = sessions;
        this.pending = pending;
        this.audit = audit;
        this.limiter = limiter;
        this.cookies = new Cookies(settings.secureCookies());
    }

    /**
     * Counts a sign-in attempt from the client's address: every credential check, and every anonymous request that
     * stores a sign-in state (a passkey challenge, an OIDC authorization).
     *
     * @return false when the address is over its limit (the response is already a 429)
     */
    boolean withinRateLimit(Context ctx, boolean json) {
        RateLimiter.Verdict v = limiter.attempt(Web.clientIp(ctx));
        if (v == RateLimiter.Verdict.ALLOWED) {
            return true;
        }
        if (v == RateLimiter.Verdict.REFUSED_FIRST) {
            audit.record(new AuditEvent("anonymous", Web.clientIp(ctx), null, "signin.failure",
                    RequestGuard.loggablePath(ctx.path()), "denied",
                    "rate limited: too many sign-in attempts from this address"));
        }
        ctx.header("Retry-After", "60");
        String message = "Too many sign-in attempts from your address. Wait a minute and try again.";
        if (json) {
            Pages.jsonError(ctx, 429, message);
        } else {
            Pages.message(ctx, 429, "Too many attempts", message, "/signin", "Sign in");
        }
        return false;
    }

    /** The pre-session CSRF token of this browser, set as a cookie when it has none. */
    String signInCsrf(Context ctx) {
        String token = cookies.read(ctx, Cookies.SIGNIN_CSRF);
        if (token == null || token.length() != 43) {
            token = Tokens.random();
            cookies.set(ctx, Cookies.SIGNIN_CSRF, token, "/", -1, SameSite.STRICT);
        }
        return token;
    }

    void failure(Context ctx, String actor, String method, String reason) {
        audit.record(new AuditEvent(actor, Web.clientIp(ctx), null, "signin.failure", method, "failure", reason));
    }

    void complete(Context ctx, UserRecord user, String method) {
        complete(ctx, user, method, null);
    }

    /**
     * Records the sign-in, then opens the session (replacing any the browser had: a new token after every sign-in).
     * The record comes first: when it cannot be written the append throws, and no session or cookie is issued.
     */
    void complete(Context ctx, UserRecord user, String method, String detail) {
        audit.record(new AuditEvent(user.name(), Web.clientIp(ctx), null, "signin.success", method, "success", detail));
        String old = ctx.attribute(RequestGuard.SESSION_HASH);
        if (old != null) {
            sessions.close(old);
        }
        users.registerSuccess(user.id());
        Sessions.Opened opened = sessions.open(user.id(), method);
        cookies.setStrict(ctx, Cookies.SESSION, opened.token(), -1);
        cookies.clear(ctx, Cookies.SECOND_FACTOR);
    }

    /**
     * What the audit trail says of a name no account has: never the typed text (people type passwords into the
     * name field, and the trail is kept and exported), only a fingerprint that lets repeated attempts be matched —
     * the first 12 hex digits of the SHA-256 of the stripped, lower-cased name.
     */
    static String unknownName(String typed) {
        if (typed == null || typed.isBlank()) {
            return "no name given";
        }
        return "unknown name (fingerprint " + Tokens.sha256(typed.strip().toLowerCase(Locale.ROOT)).substring(0, 12)
                + ")";
    }

    /** A user that may sign in now: enabled and not locked. */
    boolean usable(UserRecord user, java.time.Instant now) {
        return user.enabled() && !user.lockedAt(now);
    }
}
