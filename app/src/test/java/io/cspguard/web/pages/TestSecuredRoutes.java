package io.cspguard.web.pages;

import io.cspguard.web.Principal;
import io.cspguard.web.Role;
import io.cspguard.web.SecuredRoutes;
import io.cspguard.web.Web;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The security layer's contract without sign-in: the user comes from the {@code X-Test-User: name:role} header;
 * no header is 401, too small a role 403, and a POST without the session's CSRF token 403, before the handler runs.
 */
final class TestSecuredRoutes implements SecuredRoutes {
    static final String USER_HEADER = "X-Test-User";
    static final String CSRF_TOKEN = "test-csrf-token";

    private final Javalin app;

    TestSecuredRoutes(Javalin app) {
        this.app = app;
    }

    @Override
    public void get(String path, Role role, Handler handler) {
        app.get(path, ctx -> {
            if (admit(ctx, role)) {
                handler.handle(ctx);
            }
        });
    }

    @Override
    public void post(String path, Role role, Handler handler) {
        app.post(path, ctx -> {
            if (admit(ctx, role)) {
                if (!CSRF_TOKEN.equals(ctx.formParam("_csrf"))) {
                    ctx.status(403).result("CSRF token missing or wrong");
                    return;
                }
                handler.handle(ctx);
            }
        });
    }

    private static boolean admit(Context ctx, Role role) {
        String header = ctx.header(USER_HEADER);
        if (header == null || !header.contains(":")) {
            ctx.status(401).result("sign in");
            return false;
        }
        String[] parts = header.split(":", 2);
        Principal p = new Principal(1, parts[0], Role.parse(parts[1]), "test");
        if (!p.can(role)) {
            ctx.status(403).result("forbidden");
            return false;
        }
        ctx.attribute(Web.PRINCIPAL, p);
        ctx.attribute(Web.CSRF, CSRF_TOKEN);
        ctx.attribute(Web.CLIENT_IP, "192.0.2.7");
        return true;
    }
}
