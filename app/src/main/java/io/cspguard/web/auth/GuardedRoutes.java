package io.cspguard.web.auth;

import io.cspguard.web.Role;
import io.cspguard.web.SecuredRoutes;
import io.javalin.Javalin;
import io.javalin.http.Handler;

/** {@link SecuredRoutes} on a Javalin app: the role check (and CSRF, again) before the page's handler. */
final class GuardedRoutes implements SecuredRoutes {
    private final Javalin app;
    private final RequestGuard guard;

    GuardedRoutes(Javalin app, RequestGuard guard) {
        this.app = app;
        this.guard = guard;
    }

    @Override
    public void get(String path, Role role, Handler handler) {
        app.get(path, ctx -> {
            if (guard.allow(ctx, role)) {
                handler.handle(ctx);
            }
        });
    }

    @Override
    public void post(String path, Role role, Handler handler) {
        app.post(path, ctx -> {
            if (guard.allow(ctx, role)) {
                handler.handle(ctx);
            }
        });
    }
}
