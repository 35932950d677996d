package io.cspguard.web.pages;

import io.cspguard.testing.MemoryAudit;
import io.cspguard.testing.MutableClock;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import io.javalin.Javalin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The dashboard's pages in a real Javalin on a free port, over a fresh store, with a recording audit and a test clock. */
final class Dashboard implements AutoCloseable {
    final Database db;
    final MemoryAudit audit = new MemoryAudit();
    final MutableClock clock = new MutableClock(ThreeTenants.NOW);
    final ExceptionStore exceptions;
    final StoreFixture fixture;
    final List<String> launches = new ArrayList<>();
    volatile String refuseLaunch;
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    Dashboard(TestDatabases.Kind kind, Path dir) {
        db = TestDatabases.open(kind, dir);
        fixture = new StoreFixture(db);
        exceptions = new ExceptionStore(db, audit, clock);
        RunLauncher launcher = (actor, ip) -> {
            if (refuseLaunch != null) {
                throw new IllegalStateException(refuseLaunch);
            }
            launches.add(actor + "@" + ip);
            return 100 + launches.size();
        };
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        DashboardRoutes.register(new TestSecuredRoutes(app), new DashboardServices(db, audit, clock, exceptions, launcher));
        app.start("127.0.0.1", 0);
    }

    HttpResponse<String> get(String user, String path) {
        return send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String user, String path) {
        return send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form POST with the session's CSRF token. */
    HttpResponse<String> post(String user, String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", TestSecuredRoutes.CSRF_TOKEN);
        String body = withToken.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (user != null) {
            b.header(TestSecuredRoutes.USER_HEADER, user);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(r, handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        app.stop();
        db.close();
    }
}
