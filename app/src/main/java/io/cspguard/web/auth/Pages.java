package io.cspguard.web.auth;

import io.cspguard.web.PageFrame;
import io.cspguard.web.Principal;
import io.cspguard.web.Views;
import io.cspguard.web.Web;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** Rendering of the security layer's pages, including the error pages every route shares. */
final class Pages {
    private Pages() {
    }

    static PageFrame frame(Context ctx, String title) {
        Principal p = ctx.attribute(Web.PRINCIPAL);
        return p == null ? PageFrame.anonymous(title) : Web.frame(ctx, title, "");
    }

    /** A page of one message (errors, notices), with an optional link onwards. */
    static void message(Context ctx, int status, String title, String message, String linkHref, String linkText) {
        Map<String, Object> p = new HashMap<>();
        p.put("frame", frame(ctx, title));
        p.put("heading", title);
        p.put("message", message);
        p.put("linkHref", linkHref);
        p.put("linkText", linkText);
        ctx.status(status);
        Views.html(ctx, "auth/message.jte", p);
    }

    static void render(Context ctx, int status, String template, String title, Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("frame", frame(ctx, title));
        ctx.status(status);
        Views.html(ctx, template, p);
    }

    /** Answers with JSON {@code {"error": message}} (the passkey script shows it). */
    static void jsonError(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
