package io.cspguard.web.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A small OpenID provider for the refusal tests: its authorize endpoint signs whoever asks straight in (as {@code
 * username}), and its ID tokens are whatever {@code claims} makes of a valid one — the simulator always puts
 * {@code mfa} in {@code amr}, so a token without it has to come from here.
 */
final class FakeIdp implements AutoCloseable {
    static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    static final String SECRET = "fake-client-secret";
    /** The tenant the issuer names (a GUID, as Entra's do): a token's {@code tid} must be this one. */
    static final String TENANT = "7a3c9e2f-0b1d-4c5e-8f6a-1b2c3d4e5f60";

    final RSAKey key;
    private final Javalin app;
    private final Clock clock;
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    volatile String username = "ann@contoso.example";
    volatile UnaryOperator<JWTClaimsSet.Builder> claims = b -> b;

    FakeIdp(Clock clock) throws JOSEException {
        this.clock = clock;
        this.key = new RSAKeyGenerator(2048).keyID("k1").generate();
        this.app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.get("/" + TENANT + "/v2.0/.well-known/openid-configuration", ctx -> ctx.json(Map.of(
                "issuer", issuer(), "authorization_endpoint", base() + "/authorize",
                "token_endpoint", base() + "/token", "jwks_uri", base() + "/keys")));
        app.get("/keys", ctx -> ctx.contentType("application/json").result(new JWKSet(key.toPublicJWK()).toString()));
        app.get("/authorize", ctx -> {
            String code = UUID.randomUUID().toString();
            nonces.put(code, ctx.queryParam("nonce"));
            ctx.redirect(ctx.queryParam("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(ctx.queryParam("state"), StandardCharsets.UTF_8));
        });
        app.post("/token", ctx -> {
            String nonce = nonces.remove(ctx.formParam("code"));
            if (nonce == null || !SECRET.equals(ctx.formParam("client_secret"))
                    || ctx.formParam("code_verifier") == null) {
                ctx.status(400).json(Map.of("error", "invalid_grant"));
                return;
            }
            ctx.json(Map.of("id_token", sign(validClaims(nonce), key)));
        });
        app.start("127.0.0.1", 0);
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    String issuer() {
        return base() + "/" + TENANT + "/v2.0";
    }

    OidcSettings settings() {
        return new OidcSettings(URI.create(issuer()), CLIENT_ID, SECRET, null);
    }

    /** The claims of a token this provider accepts as valid, then changed by {@link #claims}. */
    JWTClaimsSet validClaims(String nonce) {
        long now = clock.instant().getEpochSecond();
        return claims.apply(new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject("sub-1")
                .issueTime(new Date(now * 1000)).notBeforeTime(new Date(now * 1000))
                .expirationTime(new Date((now + 3600) * 1000)).claim("nonce", nonce)
                .claim("amr", List.of("pwd", "mfa")).claim("preferred_username", username).claim("tid", TENANT))
                .build();
    }

    static String sign(JWTClaimsSet claims, RSAKey with) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    @Override
    public void close() {
        app.stop();
    }
}
