package io.cspguard.web;

import io.javalin.http.Context;

/** Request attributes shared by the security layer (which sets them) and the pages (which read them). */
public final class Web {
    public static final String PRINCIPAL = "cspguard.principal";
    public static final String CSRF = "cspguard.csrf";
    public static final String CLIENT_IP = "cspguard.clientIp";

    private Web() {
    }

    /** The signed-in user; routes registered through {@link SecuredRoutes} always have one. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no signed-in user on " + ctx.path() + ": register it through SecuredRoutes");
        }
        return p;
    }

    /** The session's CSRF token, to put in every form as {@code _csrf}. */
    public static String csrf(Context ctx) {
        String token = ctx.attribute(CSRF);
        return token == null ? "" : token;
    }

    /** The client address the audit trail records (the socket's, or the proxy's header when configured to trust it). */
    public static String clientIp(Context ctx) {
        String ip = ctx.attribute(CLIENT_IP);
        return ip == null ? ctx.ip() : ip;
    }

    /** The frame of a signed-in page. */
    public static PageFrame frame(Context ctx, String title, String nav) {
        return new PageFrame(title, ctx.attribute(PRINCIPAL), csrf(ctx), nav);
    }
}
