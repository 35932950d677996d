package io.cspguard.web.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The security layer's cookies, all HttpOnly (no script reads them) and Secure behind TLS. SameSite=Strict except
 * the OIDC binding cookie, which must come back on the provider's cross-site redirect (Lax sends it on a top-level
 * GET navigation only).
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

    /** @param maxAgeSeconds -1: until the browser closes (the server decides when a session ends) */
    void set(Context ctx, String name, String value, String path, int maxAgeSeconds, SameSite sameSite) {
        ctx.cookie(new Cookie(name, value, path, maxAgeSeconds, secure, 0, true, null, null, sameSite));
    }

    void setStrict(Context ctx, String name, String value, int maxAgeSeconds) {
        set(ctx, name, value, "/", maxAgeSeconds, SameSite.STRICT);
    }

    void clear(Context ctx, String name, String path) {
        set(ctx, name, "", path, 0, SameSite.STRICT);
    }

    void clear(Context ctx, String name) {
        clear(ctx, name, "/");
    }
}
