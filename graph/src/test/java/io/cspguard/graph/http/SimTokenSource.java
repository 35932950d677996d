package io.cspguard.graph.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.graph.auth.AuthException;
import io.cspguard.graph.auth.Resource;
import io.cspguard.graph.auth.TokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A small client-credentials token source for tests: a plain POST of client_id, client_secret,
 * grant_type=client_credentials and scope to the simulator's {@code /{tenant}/oauth2/v2.0/token}, cached per tenant
 * and resource until {@link #invalidate}. (The MSAL4J one is plugged in by the CLI.)
 */
public final class SimTokenSource implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, Instant expires) {
    }

    private final String authority;
    private final String clientId;
    private final String secret;
    private final HttpClient http;
    private final ConcurrentHashMap<String, Token> cache = new ConcurrentHashMap<>();
    private final AtomicInteger fetched = new AtomicInteger();

    public SimTokenSource(String authority, String clientId, String secret, SSLContext ssl) {
        this.authority = authority;
        this.clientId = clientId;
        this.secret = secret;
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** How many tokens were bought. */
    public int fetched() {
        return fetched.get();
    }

    @Override
    public String token(String tenantId, Resource resource) throws AuthException {
        String key = tenantId.toLowerCase(Locale.ROOT) + "|" + resource;
        Token t = cache.get(key);
        if (t != null && t.expires().isAfter(Instant.now())) {
            return t.value();
        }
        synchronized (this) {
            t = cache.get(key);
            if (t != null && t.expires().isAfter(Instant.now())) {
                return t.value();
            }
            t = fetch(tenantId, resource);
            cache.put(key, t);
            return t.value();
        }
    }

    @Override
    public void invalidate(String tenantId, Resource resource) {
        cache.remove(tenantId.toLowerCase(Locale.ROOT) + "|" + resource);
    }

    private Token fetch(String tenantId, Resource resource) throws AuthException {
        String form = "client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&grant_type=client_credentials&scope=" + enc(resource.scope());
        HttpRequest req = HttpRequest.newBuilder(URI.create(authority + "/" + tenantId + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                int aadsts = body.path("error_codes").path(0).asInt(0);
                throw new AuthException("token request for " + tenantId + " refused: " + body.path("error").asText(),
                        body.path("error").asText(null), aadsts, null);
            }
            fetched.incrementAndGet();
            return new Token(body.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(60, body.path("expires_in").asLong(3599) - 60)));
        } catch (IOException e) {
            throw new AuthException("token request for " + tenantId + " failed: " + e.getMessage(), null, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException("interrupted", null, 0, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
