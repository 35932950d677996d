package io.cspguard.web;

import io.cspguard.audit.Audit;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.store.Database;
import io.cspguard.web.admin.AdminRoutes;
import io.cspguard.web.admin.SettingsStore;
import io.cspguard.web.auth.Security;
import io.cspguard.web.auth.SecuritySettings;
import io.cspguard.web.pages.DashboardRoutes;
import io.cspguard.web.pages.DashboardServices;
import io.cspguard.web.pages.RunLauncher;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The dashboard: Javalin serving server-rendered pages and the jar's own static files (nothing from the internet),
 * with the security layer installed before any page so that every route is signed-in, role-checked and
 * CSRF-protected.
 */
public final class WebServer implements AutoCloseable {
    private final Javalin app;
    private final Security security;

    private WebServer(Javalin app, Security security) {
        this.app = app;
        this.security = security;
    }

    public record Services(Database db, Audit audit, Clock clock, ExceptionStore exceptions, SettingsStore settings,
                           RunLauncher launcher, Path dataDir) {
    }

    /** Starts serving on {@code bind:port} (port 0: any free port). */
    public static WebServer start(String bind, int port, SecuritySettings securitySettings, Services s) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web/static";
                files.location = Location.CLASSPATH;
            });
            cfg.http.maxRequestSize = 1_000_000L;
        });
        Security security = new Security(s.db(), s.audit(), s.clock(), securitySettings, s.dataDir());
        security.install(app);
        SecuredRoutes routes = security.routes(app);
        DashboardRoutes.register(routes, new DashboardServices(s.db(), s.audit(), s.clock(), s.exceptions(), s.launcher()));
        AdminRoutes.register(routes, security, s.settings(), s.audit(), s.clock());
        app.start(bind, port);
        return new WebServer(app, security);
    }

    public int port() {
        return app.port();
    }

    /** The running Javalin: the route-coverage test lists every route the server registered from it. */
    public Javalin javalin() {
        return app;
    }

    public Security security() {
        return security;
    }

    @Override
    public void close() {
        app.stop();
    }
}
