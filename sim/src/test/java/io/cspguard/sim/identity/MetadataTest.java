package io.cspguard.sim.identity;

import static io.cspguard.sim.identity.Entra.assertError;
import static io.cspguard.sim.identity.TestWorld.PARTNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MetadataTest {
    private static final IdentityServer SIM = new IdentityServer();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void openIdConfigurationNamesThisAuthoritysEndpoints() {
        JsonNode c = IdentityServer.json(SIM.get("/" + PARTNER + "/v2.0/.well-known/openid-configuration"));
        String authority = SIM.base() + "/" + PARTNER;
        assertThat(c.path("issuer").asText()).isEqualTo(authority + "/v2.0");
        assertThat(c.path("token_endpoint").asText()).isEqualTo(authority + "/oauth2/v2.0/token");
        assertThat(c.path("authorization_endpoint").asText()).isEqualTo(authority + "/oauth2/v2.0/authorize");
        assertThat(c.path("device_authorization_endpoint").asText()).isEqualTo(authority + "/oauth2/v2.0/devicecode");
        assertThat(c.path("jwks_uri").asText()).isEqualTo(authority + "/discovery/v2.0/keys");
        assertThat(c.path("id_token_signing_alg_values_supported").get(0).asText()).isEqualTo("RS256");

        JsonNode common = IdentityServer.json(SIM.get("/organizations/v2.0/.well-known/openid-configuration"));
        assertThat(common.path("issuer").asText()).isEqualTo(SIM.base() + "/{tenantid}/v2.0");
        assertError(SIM.get("/contoso.invalid/v2.0/.well-known/openid-configuration"), 400, "invalid_request", 90002);
    }

    @Test
    void jwksPublishesTheRsaSigningKeyByKid() throws Exception {
        JWKSet keys = JWKSet.parse(SIM.get("/common/discovery/v2.0/keys").body());
        assertThat(keys.getKeys()).hasSize(1);
        assertThat(keys.getKeys().get(0).getKeyType()).isEqualTo(KeyType.RSA);
        assertThat(keys.getKeys().get(0).getKeyID()).isNotBlank();
        assertThat(keys.getKeys().get(0).isPrivate()).isFalse();
    }

    @Test
    void instanceDiscoveryPointsAtTheTenantsMetadata() {
        JsonNode d = IdentityServer.json(SIM.get("/common/discovery/instance?api-version=1.1&authorization_endpoint="
                + IdentityServer.enc(SIM.base() + "/" + PARTNER + "/oauth2/v2.0/authorize")));
        assertThat(d.path("tenant_discovery_endpoint").asText())
                .isEqualTo(SIM.base() + "/" + PARTNER + "/v2.0/.well-known/openid-configuration");
        assertThat(d.path("metadata").get(0).path("aliases").get(0).asText()).isEqualTo("127.0.0.1:" + SIM.port());
    }
}
