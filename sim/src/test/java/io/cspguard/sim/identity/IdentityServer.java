package io.cspguard.sim.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.sim.SimClock;
import io.cspguard.sim.world.World;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The test harness: the identity routes on Javalin over HTTPS (SimCertificates) on a free loopback port, and an
 * HttpClient that trusts exactly the simulator's CA. No redirects are followed: tests read {@code Location}.
 */
final class IdentityServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestClock wall = new TestClock();
    final World world;
    final SimClock clock;
    final SimCertificates certificates = SimCertificates.create();
    final IdentityPlatform platform;
    final Javalin app;
    final HttpClient http;
    /** "METHOD path" of every request served, in order (what a client such as MSAL actually asked for). */
    final List<String> requests = new CopyOnWriteArrayList<>();

    IdentityServer() {
        this(TestWorld.build());
    }

    IdentityServer(World world) {
        this.world = world;
        this.clock = new SimClock(world.worldTime(), 1.0, wall);
        this.platform = new IdentityPlatform(world, clock, Clock.systemUTC());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.addConnector((server, httpConfig) ->
                    certificates.httpsConnector(server, httpConfig, "127.0.0.1", 0));
        });
        app.before(ctx -> requests.add(ctx.method() + " " + ctx.path()));
        new IdentityRoutes(platform).register(app);
        app.start();
        this.http = HttpClient.newBuilder().sslContext(certificates.clientSslContext())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    int port() {
        return app.port();
    }

    String base() {
        return "https://127.0.0.1:" + port();
    }

    String tokenEndpoint(String tenant) {
        return base() + "/" + tenant + "/oauth2/v2.0/token";
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
    }

    HttpResponse<String> post(String pathOrUrl, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("https://") ? pathOrUrl : base() + pathOrUrl);
    }

    @Override
    public void close() {
        app.stop();
    }
}
