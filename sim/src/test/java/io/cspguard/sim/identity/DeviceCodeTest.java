package io.cspguard.sim.identity;

import static io.cspguard.sim.identity.Entra.assertError;
import static io.cspguard.sim.identity.TestWorld.ALICE;
import static io.cspguard.sim.identity.TestWorld.ALICE_UPN;
import static io.cspguard.sim.identity.TestWorld.CLIENT_ID;
import static io.cspguard.sim.identity.TestWorld.PARTNER;
import static io.cspguard.sim.identity.TestWorld.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceCodeTest {
    private static final String SCOPE = "https://graph.microsoft.com/.default offline_access openid";

    @Test
    void pendingUntilTheUserSignsInWithPasswordAndTotpThenTokens() {
        try (IdentityServer sim = new IdentityServer()) {
            HttpResponse<String> started = sim.post("/organizations/oauth2/v2.0/devicecode",
                    Map.of("client_id", CLIENT_ID, "scope", SCOPE));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            JsonNode d = IdentityServer.json(started);
            assertThat(d.path("user_code").asText()).matches("[A-Z0-9]{9}");
            assertThat(d.path("verification_uri").asText()).isEqualTo(sim.base() + "/devicelogin");
            assertThat(d.path("expires_in").asInt()).isEqualTo(900);
            assertThat(d.path("interval").asInt()).isEqualTo(5);
            assertThat(d.path("message").asText()).contains(d.path("user_code").asText());

            Map<String, String> poll = Map.of("grant_type", TokenEndpoint.DEVICE_CODE_GRANT, "client_id", CLIENT_ID,
                    "device_code", d.path("device_code").asText());
            assertError(sim.post("/organizations/oauth2/v2.0/token", poll), 400, "authorization_pending", 70016);

            assertThat(sim.get(d.path("verification_uri").asText()).body()).contains("name=\"user_code\"");
            HttpResponse<String> wrong = sim.post("/devicelogin", Map.of("user_code", d.path("user_code").asText(),
                    "login", ALICE_UPN, "passwd", PASSWORD, "otc", Entra.wrongTotp()));
            assertThat(wrong.body()).contains("AADSTS500121");
            assertError(sim.post("/organizations/oauth2/v2.0/token", poll), 400, "authorization_pending", 70016);

            HttpResponse<String> ok = sim.post("/devicelogin", Map.of("user_code",
                    d.path("user_code").asText().toLowerCase(), "login", ALICE_UPN, "passwd", PASSWORD,
                    "otc", Entra.totpNow()));
            assertThat(ok.body()).contains("You have signed in");

            HttpResponse<String> tokens = sim.post("/organizations/oauth2/v2.0/token", poll);
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            JsonNode body = IdentityServer.json(tokens);
            assertThat(Entra.verified(sim, body.path("access_token").asText()).getClaim("oid")).isEqualTo(ALICE);
            assertThat(Entra.verified(sim, body.path("id_token").asText()).getClaim("amr")).asList()
                    .containsExactly("pwd", "mfa");
            assertThat(body.path("refresh_token").asText()).isNotEmpty();

            // redeemed once only
            assertError(sim.post("/organizations/oauth2/v2.0/token", poll), 400, "bad_verification_code", 70000);
        }
    }

    @Test
    void msal4jsShortGrantNameIsAcceptedToo() {
        try (IdentityServer sim = new IdentityServer()) {
            JsonNode d = IdentityServer.json(sim.post("/" + PARTNER + "/oauth2/v2.0/devicecode",
                    Map.of("client_id", CLIENT_ID, "scope", SCOPE)));
            assertError(sim.post("/" + PARTNER + "/oauth2/v2.0/token", Map.of("grant_type", "device_code",
                    "client_id", CLIENT_ID, "device_code", d.path("device_code").asText())),
                    400, "authorization_pending", 70016);
        }
    }

    @Test
    void anUnusedDeviceCodeExpiresAfterFifteenMinutes() {
        try (IdentityServer sim = new IdentityServer()) {
            JsonNode d = IdentityServer.json(sim.post("/organizations/oauth2/v2.0/devicecode",
                    Map.of("client_id", CLIENT_ID, "scope", SCOPE)));
            sim.wall.advance(Duration.ofMinutes(16));
            assertError(sim.post("/organizations/oauth2/v2.0/token", Map.of("grant_type",
                    TokenEndpoint.DEVICE_CODE_GRANT, "client_id", CLIENT_ID,
                    "device_code", d.path("device_code").asText())), 400, "expired_token", 70020);
            assertThat(sim.post("/devicelogin", Map.of("user_code", d.path("user_code").asText(), "login", ALICE_UPN,
                    "passwd", PASSWORD, "otc", Entra.totpNow())).body()).contains("AADSTS70020");
            assertError(sim.post("/organizations/oauth2/v2.0/token", Map.of("grant_type",
                    TokenEndpoint.DEVICE_CODE_GRANT, "client_id", CLIENT_ID, "device_code", "nope")),
                    400, "bad_verification_code", 70000);
        }
    }

    @Test
    void aDeviceCodeRequestNeedsAKnownTenantAndClient() {
        try (IdentityServer sim = new IdentityServer()) {
            assertError(sim.post("/nowhere.example/oauth2/v2.0/devicecode",
                    Map.of("client_id", CLIENT_ID, "scope", SCOPE)), 400, "invalid_request", 90002);
            assertError(sim.post("/organizations/oauth2/v2.0/devicecode",
                    Map.of("client_id", "11111111-2222-3333-4444-555555555555", "scope", SCOPE)),
                    400, "unauthorized_client", 700016);
            assertError(sim.post("/organizations/oauth2/v2.0/devicecode", Map.of("client_id", CLIENT_ID)),
                    400, "invalid_request", 900144);
        }
    }
}
