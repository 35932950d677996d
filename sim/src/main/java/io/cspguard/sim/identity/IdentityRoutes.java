package io.cspguard.sim.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The identity platform's HTTP surface, at Entra's paths (an authority is {@code https://host:port/{tenant}/}):
 *
 * <pre>
 * GET  /{tenant}/v2.0/.well-known/openid-configuration   OpenID metadata
 * GET  /{tenant}/discovery/v2.0/keys                      JWKS
 * GET  /common/discovery/instance                         AAD instance discovery (api-version 1.1)
 * POST /{tenant}/oauth2/v2.0/token                        client_credentials, authorization_code, refresh_token, device_code
 * POST /{tenant}/oauth2/v2.0/devicecode                   starts a device-code sign-in
 * GET  /{tenant}/oauth2/v2.0/authorize                    sign-in page (UPN, password, authenticator code)
 * POST /{tenant}/oauth2/v2.0/authorize                    the page's form: redirects with code and state
 * GET  /devicelogin, POST /devicelogin                    the device-code sign-in page
 * </pre>
 *
 * URLs in answers (issuer, endpoints, verification URI) use the scheme and {@code Host} the client called, so the same
 * routes serve {@code 127.0.0.1} and {@code localhost}. Error bodies are Entra's.
 */
public final class IdentityRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final IdentityPlatform platform;
    private final TokenEndpoint tokens;
    private final SignInPages pages;

    public IdentityRoutes(IdentityPlatform platform) {
        this.platform = platform;
        this.tokens = new TokenEndpoint(platform);
        this.pages = new SignInPages(platform);
    }

    /** Adds the routes above to {@code app} (before or after its start). */
    public void register(Javalin app) {
        app.get("/{tenant}/v2.0/.well-known/openid-configuration", ctx -> json(ctx, () -> openidConfiguration(ctx)));
        app.get("/{tenant}/discovery/v2.0/keys", ctx -> ctx.contentType("application/json; charset=utf-8")
                .result(platform.jwksJson()));
        app.get("/common/discovery/instance", ctx -> json(ctx, () -> instanceDiscovery(ctx)));
        app.post("/{tenant}/oauth2/v2.0/token", ctx -> json(ctx, () -> tokens.token(tokenRequest(ctx))));
        app.post("/{tenant}/oauth2/v2.0/devicecode", ctx -> json(ctx,
                () -> tokens.deviceAuthorization(tokenRequest(ctx), baseUrl(ctx) + "/devicelogin")));
        app.get("/{tenant}/oauth2/v2.0/authorize", pages::authorizeForm);
        app.post("/{tenant}/oauth2/v2.0/authorize", pages::authorizeSubmit);
        app.get("/devicelogin", pages::deviceForm);
        app.post("/devicelogin", pages::deviceSubmit);
    }

    private ObjectNode openidConfiguration(Context ctx) {
        String segment = ctx.pathParam("tenant");
        Optional<SimTenant> tenant = platform.directory().resolve(segment);
        String base = baseUrl(ctx);
        String path = base + "/" + tenant.map(SimTenant::tenantId).orElse(segment);
        ObjectNode c = JSON.createObjectNode();
        c.put("token_endpoint", path + "/oauth2/v2.0/token");
        strings(c, "token_endpoint_auth_methods_supported", "client_secret_post", "private_key_jwt",
                "client_secret_basic");
        c.put("jwks_uri", path + "/discovery/v2.0/keys");
        strings(c, "response_modes_supported", "query", "fragment", "form_post");
        strings(c, "subject_types_supported", "pairwise");
        strings(c, "id_token_signing_alg_values_supported", "RS256");
        strings(c, "response_types_supported", "code");
        strings(c, "scopes_supported", "openid", "profile", "email", "offline_access");
        // For common/organizations Entra publishes the issuer as a template, as here.
        c.put("issuer", base + "/" + tenant.map(SimTenant::tenantId).orElse("{tenantid}") + "/v2.0");
        c.put("request_uri_parameter_supported", false);
        c.put("authorization_endpoint", path + "/oauth2/v2.0/authorize");
        c.put("device_authorization_endpoint", path + "/oauth2/v2.0/devicecode");
        strings(c, "code_challenge_methods_supported", "S256");
        strings(c, "grant_types_supported", "authorization_code", "client_credentials", "refresh_token",
                TokenEndpoint.DEVICE_CODE_GRANT);
        strings(c, "claims_supported", "sub", "iss", "aud", "exp", "iat", "nbf", "amr", "name", "nonce", "oid",
                "preferred_username", "tid", "ver");
        c.put("tenant_region_scope", "EU");
        c.put("cloud_instance_name", "microsoftonline.com");
        c.put("msgraph_host", "graph.microsoft.com");
        return c;
    }

    /**
     * What MSAL asks when instance discovery is on. Note: MSAL4J 1.23 sends this request to login.microsoftonline.com
     * for any host it does not know, so clients of the simulator must set {@code instanceDiscovery(false)}; this route
     * serves other clients that ask the authority's own host.
     */
    private ObjectNode instanceDiscovery(Context ctx) {
        String tenant = "common";
        String authorize = ctx.queryParam("authorization_endpoint");
        if (authorize != null) {
            String[] segments = URI.create(authorize).getPath().split("/");
            if (segments.length > 1 && !segments[1].isEmpty()) {
                tenant = segments[1];
            }
        }
        ObjectNode d = JSON.createObjectNode();
        d.put("tenant_discovery_endpoint", baseUrl(ctx) + "/" + tenant + "/v2.0/.well-known/openid-configuration");
        d.put("api-version", "1.1");
        ObjectNode entry = d.putArray("metadata").addObject();
        entry.put("preferred_network", ctx.host());
        entry.put("preferred_cache", ctx.host());
        entry.putArray("aliases").add(ctx.host());
        return d;
    }

    /** The form, with HTTP Basic client credentials (client_secret_basic, RFC 6749 §2.3.1) taking precedence. */
    private static TokenRequest tokenRequest(Context ctx) {
        Map<String, String> params = new HashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                params.put("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
                params.put("client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            }
        }
        return new TokenRequest(ctx.pathParam("tenant"), baseUrl(ctx), params);
    }

    private void json(Context ctx, Supplier<JsonNode> body) throws JsonProcessingException {
        String correlation = correlationId(ctx);
        String trace = UUID.randomUUID().toString();
        ctx.header("Cache-Control", "no-store, no-cache");
        ctx.header("Pragma", "no-cache");
        ctx.header("x-ms-request-id", trace);
        ctx.header("client-request-id", correlation);
        JsonNode out;
        try {
            out = body.get();
        } catch (EntraError e) {
            ctx.status(e.status);
            out = errorBody(ctx, e, trace, correlation);
        }
        ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(out));
    }

    /** Entra's error body; the description ends with the trace, correlation and time, as Entra's does. */
    private ObjectNode errorBody(Context ctx, EntraError e, String trace, String correlation) {
        String timestamp = TIMESTAMP.format(platform.clock().instant());
        ObjectNode b = JSON.createObjectNode();
        b.put("error", e.error);
        b.put("error_description", e.description() + " Trace ID: " + trace + " Correlation ID: " + correlation
                + " Timestamp: " + timestamp);
        b.putArray("error_codes").add(e.code);
        b.put("timestamp", timestamp);
        b.put("trace_id", trace);
        b.put("correlation_id", correlation);
        b.put("error_uri", baseUrl(ctx) + "/error?code=" + e.code);
        return b;
    }

    /** The client's {@code client-request-id} when it is a GUID (Entra echoes it as the correlation id). */
    private static String correlationId(Context ctx) {
        String given = ctx.header("client-request-id");
        if (given != null) {
            try {
                return UUID.fromString(given.trim()).toString();
            } catch (IllegalArgumentException ignored) {
                // not a GUID: Entra makes its own
            }
        }
        return UUID.randomUUID().toString();
    }

    static String baseUrl(Context ctx) {
        String host = ctx.host();
        return ctx.scheme() + "://" + (host == null || host.isBlank() ? "127.0.0.1:" + ctx.port() : host);
    }

    private static void strings(ObjectNode node, String field, String... values) {
        ArrayNode a = node.putArray(field);
        List.of(values).forEach(a::add);
    }
}
