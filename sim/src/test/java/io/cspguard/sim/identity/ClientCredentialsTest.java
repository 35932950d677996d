package io.cspguard.sim.identity;

import static io.cspguard.sim.identity.Entra.assertError;
import static io.cspguard.sim.identity.Entra.clientCredentials;
import static io.cspguard.sim.identity.TestWorld.CLIENT_ID;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_A;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_B;
import static io.cspguard.sim.identity.TestWorld.PARTNER;
import static io.cspguard.sim.identity.TestWorld.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {
    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
    private static final IdentityServer SIM = new IdentityServer();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void aSecretBuysAGraphTokenForThePartnerWithTheAppsRoles() {
        HttpResponse<String> r = clientCredentials(SIM, PARTNER, GRAPH_DEFAULT, SECRET);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store, no-cache");
        JsonNode body = IdentityServer.json(r);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(3599);
        assertThat(body.path("ext_expires_in").asInt()).isEqualTo(3599);

        JWTClaimsSet c = Entra.verified(SIM, body.path("access_token").asText());
        assertThat(c.getAudience()).containsExactly("https://graph.microsoft.com");
        assertThat(c.getClaim("tid")).isEqualTo(PARTNER);
        assertThat(c.getClaim("appid")).isEqualTo(CLIENT_ID);
        assertThat(c.getClaim("appidacr")).isEqualTo("1");
        assertThat(c.getClaim("idtyp")).isEqualTo("app");
        assertThat(c.getIssuer()).isEqualTo("https://sts.windows.net/" + PARTNER + "/");
        assertThat(c.getClaim("roles")).asList()
                .containsExactlyInAnyOrder("Directory.Read.All", "AuditLog.Read.All", "DelegatedAdminRelationship.Read.All");
        // token times follow the simulator's clock (the world's time), not the machine's
        assertThat(Duration.between(TestWorld.WORLD_TIME, c.getIssueTime().toInstant()).abs())
                .isLessThan(Duration.ofMinutes(1));
        assertThat(c.getNotBeforeTime()).isEqualTo(c.getIssueTime());
        assertThat(c.getExpirationTime().getTime() - c.getIssueTime().getTime()).isEqualTo(3_599_000L);
    }

    @Test
    void aConsentedCustomerGetsTheRolesGrantedThereAndPartnerCenterTokensTooAndTheyVerify() {
        JsonNode graph = IdentityServer.json(clientCredentials(SIM, CUSTOMER_A, GRAPH_DEFAULT, SECRET));
        JWTClaimsSet c = Entra.verified(SIM, graph.path("access_token").asText());
        assertThat(c.getClaim("tid")).isEqualTo(CUSTOMER_A);
        assertThat(c.getClaim("roles")).asList().containsExactly("Directory.Read.All");

        AccessToken t = SIM.platform.tokenService().verify(graph.path("access_token").asText(),
                IdentityPlatform.GRAPH).orElseThrow();
        assertThat(t.appOnly()).isTrue();
        assertThat(t.tenantId()).isEqualTo(CUSTOMER_A);
        assertThat(t.appId()).isEqualTo(CLIENT_ID);
        assertThat(t.roles()).containsExactly("Directory.Read.All");
        assertThat(t.userTenantId()).isNull();

        JsonNode pc = IdentityServer.json(clientCredentials(SIM, PARTNER,
                "https://api.partnercenter.microsoft.com/.default", SECRET));
        String pcToken = pc.path("access_token").asText();
        assertThat(Entra.verified(SIM, pcToken).getAudience()).containsExactly(IdentityPlatform.PARTNER_CENTER);
        assertThat(SIM.platform.tokenService().verify(pcToken, IdentityPlatform.PARTNER_CENTER)).isPresent();
        assertThat(SIM.platform.tokenService().verify(pcToken, IdentityPlatform.GRAPH)).isEmpty();
    }

    @Test
    void aTenantDomainNamesItsTenantAndTheGraphAppIdNamesGraph() {
        HttpResponse<String> r = clientCredentials(SIM, "contoso-partner.example",
                "00000003-0000-0000-c000-000000000000/.default", SECRET);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Entra.verified(SIM, IdentityServer.json(r).path("access_token").asText()).getClaim("tid"))
                .isEqualTo(PARTNER);
    }

    @Test
    void failuresAnswerEntrasCodes() {
        assertError(clientCredentials(SIM, PARTNER, GRAPH_DEFAULT, "wrong"), 401, "invalid_client", 7000215);
        assertError(clientCredentials(SIM, "00000000-0000-0000-0000-000000000000", GRAPH_DEFAULT, SECRET),
                400, "invalid_request", 90002);
        assertError(clientCredentials(SIM, CUSTOMER_B, GRAPH_DEFAULT, SECRET), 400, "unauthorized_client", 700016);
        // not consented: the app is absent there, so even a wrong secret meets 700016 first
        assertError(clientCredentials(SIM, CUSTOMER_B, GRAPH_DEFAULT, "wrong"), 400, "unauthorized_client", 700016);
        assertError(clientCredentials(SIM, "common", GRAPH_DEFAULT, SECRET), 400, "invalid_request", 50059);
        assertError(clientCredentials(SIM, PARTNER, "https://graph.microsoft.com/User.Read", SECRET),
                400, "invalid_scope", 1002012);
        assertError(clientCredentials(SIM, PARTNER, "https://vault.azure.net/.default", SECRET),
                400, "invalid_resource", 500011);
        assertError(SIM.post("/" + PARTNER + "/oauth2/v2.0/token", Map.of("grant_type", "password",
                "client_id", CLIENT_ID, "username", "x", "password", "y")), 400, "unsupported_grant_type", 70003);
        assertError(SIM.post("/" + PARTNER + "/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", UUID.randomUUID().toString(), "client_secret", SECRET, "scope", GRAPH_DEFAULT)),
                400, "unauthorized_client", 700016);
        assertError(SIM.post("/" + PARTNER + "/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", CLIENT_ID, "scope", GRAPH_DEFAULT)), 401, "invalid_client", 7000218);
        assertError(SIM.post("/" + PARTNER + "/oauth2/v2.0/token", Map.of("client_id", CLIENT_ID)),
                400, "invalid_request", 900144);
    }

    @Test
    void theClientRequestIdIsEchoedAsTheCorrelationId() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = SIM.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SIM.tokenEndpoint(PARTNER)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("client-request-id", id)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(IdentityServer.form(Map.of(
                        "grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", "bad",
                        "scope", GRAPH_DEFAULT)))).build());
        assertThat(assertError(r, 401, "invalid_client", 7000215).path("correlation_id").asText()).isEqualTo(id);
    }

    @Test
    void httpBasicClientCredentialsWork() {
        String basic = java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":" + IdentityServer.enc(SECRET))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = SIM.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SIM.tokenEndpoint(PARTNER)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(IdentityServer.form(Map.of(
                        "grant_type", "client_credentials", "scope", GRAPH_DEFAULT)))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    // --- client assertions (certificate credential) ---

    @Test
    void anAssertionSignedWithTheRegisteredCertificatesKeyBuysAToken() {
        HttpResponse<String> r = assertionRequest(PARTNER, assertion(TestWorld.APP_CERT, TestWorld.APP_CERT,
                SIM.tokenEndpoint(PARTNER), Instant.now()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Entra.verified(SIM, IdentityServer.json(r).path("access_token").asText()).getClaim("appidacr"))
                .isEqualTo("2");
    }

    @Test
    void aWrongCertificateABadSignatureAWrongAudienceAndAnExpiredAssertionAreRefused() {
        String endpoint = SIM.tokenEndpoint(PARTNER);
        // another certificate altogether: not registered on the app
        assertError(assertionRequest(PARTNER, assertion(TestWorld.OTHER_CERT, TestWorld.OTHER_CERT, endpoint,
                Instant.now())), 401, "invalid_client", 700027);
        // names the registered certificate but is signed with another key
        assertError(assertionRequest(PARTNER, assertion(TestWorld.APP_CERT, TestWorld.OTHER_CERT, endpoint,
                Instant.now())), 401, "invalid_client", 700027);
        assertError(assertionRequest(PARTNER, assertion(TestWorld.APP_CERT, TestWorld.APP_CERT,
                SIM.tokenEndpoint(CUSTOMER_A), Instant.now())), 401, "invalid_client", 50027);
        assertError(assertionRequest(PARTNER, assertion(TestWorld.APP_CERT, TestWorld.APP_CERT, endpoint,
                Instant.now().minus(Duration.ofHours(1)))), 401, "invalid_client", 700024);
        assertError(assertionRequest(PARTNER, "not-a-jwt"), 401, "invalid_client", 50027);
    }

    // --- the verifier used by Graph and Partner Center ---

    @Test
    void tokensExpireOnTheSimulatorsClockAndCanBeExpiredMidRun() {
        try (IdentityServer own = new IdentityServer()) { // moves its clock: not shared with the other tests
            String before = IdentityServer.json(clientCredentials(own, PARTNER, GRAPH_DEFAULT, SECRET))
                    .path("access_token").asText();
            TokenService verifier = own.platform.tokenService();
            assertThat(verifier.verify(before, "https://graph.microsoft.com/")).isPresent();
            assertThat(verifier.verify(before, "00000003-0000-0000-c000-000000000000")).isPresent();
            assertThat(verifier.verify(before, IdentityPlatform.PARTNER_CENTER)).isEmpty();
            assertThat(verifier.verify(before.substring(0, before.length() - 4) + "AAAA", IdentityPlatform.GRAPH))
                    .isEmpty();
            assertThat(verifier.verify("", IdentityPlatform.GRAPH)).isEmpty();
            assertThat(SIM.platform.tokenService().verify(before, IdentityPlatform.GRAPH))
                    .as("another simulator's key").isEmpty();

            own.platform.expireAllAccessTokens();
            assertThat(verifier.verify(before, IdentityPlatform.GRAPH)).as("issued before the fault").isEmpty();
            String after = IdentityServer.json(clientCredentials(own, PARTNER, GRAPH_DEFAULT, SECRET))
                    .path("access_token").asText();
            assertThat(verifier.verify(after, IdentityPlatform.GRAPH)).as("issued after it").isPresent();

            own.wall.advance(Duration.ofSeconds(3597));
            assertThat(verifier.verify(after, IdentityPlatform.GRAPH)).isPresent();
            own.wall.advance(Duration.ofSeconds(4));
            assertThat(verifier.verify(after, IdentityPlatform.GRAPH)).as("past exp").isEmpty();
        }
    }

    private static HttpResponse<String> assertionRequest(String tenant, String assertion) {
        return SIM.post("/" + tenant + "/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", CLIENT_ID, "scope", GRAPH_DEFAULT,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion));
    }

    /** An assertion naming {@code named}'s certificate (x5t#S256), signed with {@code signer}'s key. */
    static String assertion(TestWorld.Credential named, TestWorld.Credential signer, String audience, Instant at) {
        try {
            Base64URL x5t = Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(named.certificate().getEncoded()));
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .x509CertSHA256Thumbprint(x5t).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(CLIENT_ID).subject(CLIENT_ID).audience(audience)
                    .jwtID(UUID.randomUUID().toString()).notBeforeTime(Date.from(at))
                    .expirationTime(Date.from(at.plus(Duration.ofMinutes(10)))).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signer.keys().getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
