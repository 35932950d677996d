package io.cspguard.web.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The security layer's cookies, all HttpOnly (no script reads them) and Secure behind TLS. SameSite=Strict except
 * the OIDC binding cookie, which must come back on the provider's cross-site redirect (Lax sends it on a top-level
 * GET navigation only).
 *
 * <p>The constants are base names; this class alone turns them into the names on the wire ({@link #name}), so every
 * reader and writer goes through it. Behind TLS a cookie with {@code Path=/} is named {@code __Host-<base>}: browsers
 * accept such a cookie only when it is Secure, has Path=/ and no Domain, so a sibling subdomain (which may set
 * cookies for the parent domain) cannot plant or overwrite it. The OIDC cookie is scoped to {@value #OIDC_PATH},
 * which {@code __Host-} forbids, so it gets {@code __Secure-} (Secure required, cannot be set over http). Over plain
 * http (localhost development) the base names are used: browsers refuse both prefixes without Secure.
 */
final class Cookies {
    static final String SESSION = "cspguard_session";
    /** The pre-session CSRF token of the sign-in and enrolment forms (double-submit). */
    static final String SIGNIN_CSRF = "cspguard_signin";
    /** Password accepted, second factor due. */
    static final String SECOND_FACTOR = "cspguard_mfa";
    /** Binds an OIDC authorization to the browser that started it. */
    static final String OIDC = "cspguard_oidc";
    static final String OIDC_PATH = "/signin/oidc";

    private final boolean secure;

    Cookies(boolean secure) {
        this.secure = secure;
    }

    /** The name on the wire of the cookie {@code base}. */
    String name(String base) {
        if (!secure) {
            return base;
        }
        return (OIDC.equals(base) ? "__Secure-" : "__Host-") + base;
    }

    /** The value this request carries for the cookie {@code base}, or null. */
    String read(Context ctx, String base) {
        return ctx.cookie(name(base));
    }

    /** @param maxAgeSeconds -1: until the browser closes (the server decides when a session ends) */
    void set(Context ctx, String base, String value, String path, int maxAgeSeconds, SameSite sameSite) {
        String name = name(base);
        if (name.startsWith("__Host-") && !"/".equals(path)) {
            // the browser would drop it silently: fail where the mistake is made
            throw new IllegalArgumentException(name + " must have Path=/, not " + path);
        }
        // domain null: no Domain attribute, so the cookie is host-only (also a __Host- requirement)
        ctx.cookie(new Cookie(name, value, path, maxAgeSeconds, secure, 0, true, null, null, sameSite));
    }

    void setStrict(Context ctx, String base, String value, int maxAgeSeconds) {
        set(ctx, base, value, "/", maxAgeSeconds, SameSite.STRICT);
    }

    void clear(Context ctx, String base, String path) {
        set(ctx, base, "", path, 0, SameSite.STRICT);
    }

    void clear(Context ctx, String base) {
        clear(ctx, base, "/");
    }
}
