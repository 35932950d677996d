package io.cspguard.web.auth;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Principal;
import io.cspguard.web.Role;
import io.cspguard.web.Web;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The checks that run before every request: headers, client address, session, CSRF and Origin on state-changing
 * requests, and the per-route role check of {@link GuardedRoutes}.
 */
final class RequestGuard {
    static final String SESSION_HASH = "cspguard.sessionHash";
    private static final Set<HandlerType> STATE_CHANGING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final SecuritySettings settings;
    private final Sessions sessions;
    private final Audit audit;
    private final SecurityHeaders headers;
    private final Cookies cookies;
    private final RefusalThrottle anonymousRefusals;

    RequestGuard(SecuritySettings settings, Sessions sessions, Audit audit, Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.audit = audit;
        this.headers = new SecurityHeaders(settings.secureCookies());
        this.cookies = new Cookies(settings.secureCookies());
        this.anonymousRefusals = new RefusalThrottle(clock, Duration.ofMinutes(1));
    }

    /** The before-handler of every request. */
    void before(Context ctx) {
        headers.apply(ctx);
        ctx.attribute(Web.CLIENT_IP, clientIp(ctx));
        sessions.resolve(cookies.read(ctx, Cookies.SESSION)).ifPresent(live -> {
            ctx.attribute(Web.PRINCIPAL, live.principal());
            ctx.attribute(Web.CSRF, live.csrf());
            ctx.attribute(SESSION_HASH, live.tokenHash());
        });
        if (!STATE_CHANGING.contains(ctx.method()) || ctx.path().startsWith("/static/")) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals(settings.origin())) {
            deny(ctx, "request from another origin (" + origin + ")");
            return;
        }
        if (preSession(ctx.path())) {
            if (!Tokens.same(cookies.read(ctx, Cookies.SIGNIN_CSRF), submittedCsrf(ctx))) {
                recordRefusal(ctx, "sign-in form CSRF token missing or wrong");
                Pages.message(ctx, 403, "Form expired", "This form has expired or did not come from this site. "
                        + "Open the sign-in page again.", "/signin", "Sign in");
                ctx.skipRemainingHandlers();
            }
            return;
        }
        Principal p = ctx.attribute(Web.PRINCIPAL);
        if (p == null) {
            unauthenticated(ctx);
            return;
        }
        if (!Tokens.same(ctx.attribute(Web.CSRF), submittedCsrf(ctx))) {
            deny(ctx, "CSRF token missing or wrong");
        }
    }

    /**
     * The role check of a route registered through {@link GuardedRoutes}.
     *
     * @return whether the handler may run
     */
    boolean allow(Context ctx, Role required) {
        Principal p = ctx.attribute(Web.PRINCIPAL);
        if (p == null) {
            if (ctx.method() == HandlerType.GET) {
                String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/signin?next=" + URLEncoder.encode(safeNext(target), StandardCharsets.UTF_8));
            } else {
                unauthenticated(ctx);
            }
            return false;
        }
        if (STATE_CHANGING.contains(ctx.method()) && !Tokens.same(ctx.attribute(Web.CSRF), submittedCsrf(ctx))) {
            deny(ctx, "CSRF token missing or wrong");
            return false;
        }
        if (!p.can(required)) {
            deny(ctx, "needs role " + required.label() + ", has " + p.role().label());
            return false;
        }
        return true;
    }

    /** Paths used before a session exists: their forms carry the double-submit token instead. */
    static boolean preSession(String path) {
        return path.equals("/signin") || path.startsWith("/signin/") || path.startsWith("/enrol/");
    }

    /** {@code next} as a path of this site; anything else (absolute, protocol-relative, odd) becomes "/". */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x20 || c == '\\' || c == 0x7f)
                || next.startsWith("/signin") || next.startsWith("/signout")) {
            return "/";
        }
        return next;
    }

    /**
     * {@code path} fit for a log or the audit trail: an enrolment link's token (a bearer secret, valid for a day) is
     * replaced by {@code <token>}.
     */
    static String loggablePath(String path) {
        if (path == null || !path.startsWith("/enrol/")) {
            return path;
        }
        int end = path.indexOf('/', "/enrol/".length());
        return "/enrol/<token>" + (end < 0 ? "" : path.substring(end));
    }

    private void deny(Context ctx, String reason) {
        recordRefusal(ctx, reason);
        Pages.message(ctx, 403, "Not allowed", "Your account may not do this. Ask an admin if you need it.", "/",
                "Overview");
        ctx.skipRemainingHandlers();
    }

    /**
     * Audits a refused request: always for a signed-in user; for an anonymous one at most once a minute per source
     * address (anyone can send these without limit), with the count of those left out since.
     */
    private void recordRefusal(Context ctx, String reason) {
        Principal p = ctx.attribute(Web.PRINCIPAL);
        String target = ctx.method() + " " + loggablePath(ctx.path());
        if (p != null) {
            audit.record(new AuditEvent(p.name(), Web.clientIp(ctx), null, "access.denied", target, "denied", reason));
            return;
        }
        OptionalInt unrecorded = anonymousRefusals.admit(Web.clientIp(ctx));
        if (unrecorded.isPresent()) {
            String detail = unrecorded.getAsInt() == 0 ? reason : reason + " (and " + unrecorded.getAsInt()
                    + " more anonymous refusal(s) from this address since its last entry, not recorded one by one)";
            audit.record(new AuditEvent("anonymous", Web.clientIp(ctx), null, "access.denied", target, "denied",
                    detail));
        }
    }

    private static void unauthenticated(Context ctx) {
        Pages.message(ctx, 401, "Sign in first", "Your session has ended or you have not signed in.", "/signin",
                "Sign in");
        ctx.skipRemainingHandlers();
    }

    private static String submittedCsrf(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        if (header != null) {
            return header;
        }
        String type = ctx.contentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            return ctx.formParam("_csrf");
        }
        return null;
    }

    private String clientIp(Context ctx) {
        if (settings.trustForwardedFor()) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // the proxy appends the address it saw: the last entry is the one a client cannot forge
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].strip();
            }
        }
        return ctx.ip();
    }
}
