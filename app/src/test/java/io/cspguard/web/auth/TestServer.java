package io.cspguard.web.auth;

import io.cspguard.testing.MemoryAudit;
import io.cspguard.testing.MutableClock;
import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import io.cspguard.web.SecuredRoutes;
import io.cspguard.web.Web;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A dashboard for the security tests: the security layer, the static files, and one dummy page per role
 * ({@code GET /t/<role>}, {@code POST /t/<role>}) that says who is signed in.
 */
public final class TestServer implements AutoCloseable {
    public static final Instant START = Instant.parse("2025-03-10T09:00:00Z");
    public static final Map<String, String> ENV = Map.of();

    public final Database db;
    public final MemoryAudit audit = new MemoryAudit();
    public final Clock clock;
    public final Security security;
    public final SecuritySettings settings;
    private final Javalin app;

    public TestServer(TestDatabases.Kind kind, Path dir) {
        this(kind, dir, new MutableClock(START), s -> s);
    }

    public TestServer(TestDatabases.Kind kind, Path dir, Clock clock, UnaryOperator<SecuritySettings> configure) {
        this(kind, dir, clock, configure, (server, routes) -> { });
    }

    /** A server with more pages registered (the admin pages, in their tests). */
    public static TestServer withPages(TestDatabases.Kind kind, Path dir,
                                       java.util.function.BiConsumer<TestServer, SecuredRoutes> pages) {
        return new TestServer(kind, dir, new MutableClock(START), s -> s, pages);
    }

    private TestServer(TestDatabases.Kind kind, Path dir, Clock clock, UnaryOperator<SecuritySettings> configure,
                       java.util.function.BiConsumer<TestServer, SecuredRoutes> pages) {
        this.db = TestDatabases.open(kind, dir);
        this.clock = clock;
        int port = freePort();
        this.settings = configure.apply(SecuritySettings.local(port));
        this.security = new Security(db, audit, clock, settings, dir.resolve("data"), ENV::get);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web/static";
                files.location = Location.CLASSPATH;
            });
        });
        security.install(app);
        SecuredRoutes routes = security.routes(app);
        for (Role role : Role.values()) {
            routes.get("/t/" + role.label(), role, ctx -> ctx.result("page for " + role.label() + ", signed in as "
                    + Web.principal(ctx).name() + " by " + Web.principal(ctx).method() + " csrf=" + Web.csrf(ctx)));
            routes.post("/t/" + role.label(), role, ctx -> ctx.result("done by " + Web.principal(ctx).name()));
        }
        pages.accept(this, routes);
        app.start("127.0.0.1", port);
    }

    public MutableClock testClock() {
        return (MutableClock) clock;
    }

    public String base() {
        return "http://localhost:" + app.port();
    }

    public UserAccounts users() {
        return security.users();
    }

    /** A local account with TOTP; returns its secret. */
    public String totpUser(String name, Role role, String password) {
        return users().createWithTotp(name, role, password, "test").secret();
    }

    /** The rows of a store table, e.g. {@code sessions}. */
    public int rows(String table) {
        Integer n = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class)
                .one());
        return n;
    }

    public String code(String secret) {
        return TotpCodes.code(secret, clock.instant());
    }

    @Override
    public void close() {
        app.stop();
        db.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
