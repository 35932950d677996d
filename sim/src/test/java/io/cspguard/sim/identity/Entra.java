package io.cspguard.sim.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the tests do as a client of the simulated Entra: ask for tokens, sign in, and check answers. */
final class Entra {
    private Entra() {
    }

    static HttpResponse<String> clientCredentials(IdentityServer s, String tenant, String scope, String secret) {
        return s.post("/" + tenant + "/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", TestWorld.CLIENT_ID, "client_secret", secret, "scope", scope));
    }

    /** Entra's error body, with the exact code, and its status. */
    static JsonNode assertError(HttpResponse<String> r, int status, String error, long code) {
        JsonNode body = IdentityServer.json(r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_codes").get(0).asLong()).isEqualTo(code);
        assertThat(body.path("error_description").asText()).startsWith("AADSTS" + code + ": ")
                .contains("Trace ID: ", "Correlation ID: ", "Timestamp: ");
        assertThat(body.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body.path("trace_id").asText()).hasSize(36);
        assertThat(body.path("correlation_id").asText()).hasSize(36);
        assertThat(body.path("error_uri").asText()).endsWith("/error?code=" + code);
        return body;
    }

    /** Verifies a token with the JWKS the simulator publishes (fetched over HTTPS), and returns its claims. */
    static JWTClaimsSet verified(IdentityServer s, String token) {
        try {
            JWKSet keys = JWKSet.parse(s.get("/" + TestWorld.PARTNER + "/discovery/v2.0/keys").body());
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("kid %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
            assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
            return jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String totpNow() {
        return Totp.code(TestWorld.TOTP_SECRET, Instant.now());
    }

    /** A code that is none of the accepted ones (the valid window is ±1 step around now). */
    static String wrongTotp() {
        String now = totpNow();
        String wrong = now;
        for (int i = 0; wrong.equals(now) || Totp.verify(TestWorld.TOTP_SECRET, wrong, Instant.now()); i++) {
            wrong = String.format("%06d", (Integer.parseInt(now) + 111_111 * (i + 1)) % 1_000_000);
        }
        return wrong;
    }

    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            return new Pkce(verifier, TokenEndpoint.s256(verifier));
        }
    }

    static final String REDIRECT = "http://localhost:53682/callback";

    static Map<String, String> authorizeParams(Pkce pkce, String scope) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", TestWorld.CLIENT_ID);
        p.put("response_type", "code");
        p.put("redirect_uri", REDIRECT);
        p.put("scope", scope);
        p.put("state", "st-42");
        p.put("nonce", "n-0S6_WzA2Mj");
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    /** Posts the sign-in form of the authorize page. */
    static HttpResponse<String> signIn(IdentityServer s, String tenant, Map<String, String> authorize, String upn,
                                       String password, String otc) {
        Map<String, String> form = new LinkedHashMap<>(authorize);
        form.put("login", upn);
        form.put("passwd", password);
        form.put("otc", otc);
        return s.post("/" + tenant + "/oauth2/v2.0/authorize", form);
    }

    static Map<String, String> query(String location) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Signs {@code upn} in with the device code flow at {@code tenant}; returns the token response. */
    static JsonNode deviceFlow(IdentityServer s, String tenant, String upn, String scope) {
        JsonNode start = IdentityServer.json(s.post("/" + tenant + "/oauth2/v2.0/devicecode",
                Map.of("client_id", TestWorld.CLIENT_ID, "scope", scope)));
        HttpResponse<String> page = s.post("/devicelogin", Map.of("user_code", start.path("user_code").asText(),
                "login", upn, "passwd", TestWorld.PASSWORD, "otc", totpNow()));
        assertThat(page.body()).as(page.body()).contains("You have signed in");
        HttpResponse<String> token = s.post("/" + tenant + "/oauth2/v2.0/token", Map.of(
                "grant_type", TokenEndpoint.DEVICE_CODE_GRANT, "client_id", TestWorld.CLIENT_ID,
                "device_code", start.path("device_code").asText()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return IdentityServer.json(token);
    }

    static HttpResponse<String> refresh(IdentityServer s, String tenant, String refreshToken, String scope) {
        return s.post("/" + tenant + "/oauth2/v2.0/token", Map.of("grant_type", "refresh_token",
                "client_id", TestWorld.CLIENT_ID, "refresh_token", refreshToken, "scope", scope));
    }
}
