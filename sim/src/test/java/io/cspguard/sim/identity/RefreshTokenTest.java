package io.cspguard.sim.identity;

import static io.cspguard.sim.identity.Entra.assertError;
import static io.cspguard.sim.identity.TestWorld.ALICE;
import static io.cspguard.sim.identity.TestWorld.ALICE_UPN;
import static io.cspguard.sim.identity.TestWorld.BOB_UPN;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_A;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_B;
import static io.cspguard.sim.identity.TestWorld.GLOBAL_READER;
import static io.cspguard.sim.identity.TestWorld.PARTNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Secure Application Model: one partner user's refresh token buys tokens for customers, within GDAP. */
class RefreshTokenTest {
    private static final String GRAPH = "https://graph.microsoft.com/.default offline_access";

    @Test
    void aRefreshTokenBuysACustomerTokenCarryingTheUsersGdapRoles() {
        try (IdentityServer sim = new IdentityServer()) {
            String rt = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            HttpResponse<String> r = Entra.refresh(sim, CUSTOMER_A, rt, GRAPH);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = IdentityServer.json(r);
            assertThat(body.path("refresh_token").asText()).isNotEmpty().isNotEqualTo(rt);

            JWTClaimsSet c = Entra.verified(sim, body.path("access_token").asText());
            assertThat(c.getClaim("tid")).isEqualTo(CUSTOMER_A);
            assertThat(c.getClaim("oid")).isEqualTo(ALICE);
            assertThat(c.getClaim("idtyp")).isEqualTo("user");
            assertThat(c.getClaim("idp")).isEqualTo("https://sts.windows.net/" + PARTNER + "/");
            // active assignment a1 only, and of its roles only those the relationship grants; a2 is pending
            assertThat(c.getClaim("wids")).asList().containsExactly(GLOBAL_READER);

            AccessToken t = sim.platform.tokenService().verify(body.path("access_token").asText(),
                    IdentityPlatform.GRAPH).orElseThrow();
            assertThat(t.tenantId()).isEqualTo(CUSTOMER_A);
            assertThat(t.userTenantId()).isEqualTo(PARTNER);
            assertThat(t.wids()).containsExactly(GLOBAL_READER);

            // the partner's own tenant still works with the same refresh token
            assertThat(Entra.refresh(sim, PARTNER, rt, GRAPH).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAGdapRoleTheCustomerRefusesTheUser() {
        try (IdentityServer sim = new IdentityServer()) {
            String alice = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            // B's relationship is terminated
            assertError(Entra.refresh(sim, CUSTOMER_B, alice, GRAPH), 400, "invalid_grant", 50020);
            String bob = Entra.deviceFlow(sim, "organizations", BOB_UPN, GRAPH).path("refresh_token").asText();
            // Bob is in no access group of A's relationship
            assertError(Entra.refresh(sim, CUSTOMER_A, bob, GRAPH), 400, "invalid_grant", 50020);
        }
    }

    @Test
    void gdapChangesApplyToTheNextTokenNotToTokensAlreadyIssued() {
        try (IdentityServer sim = new IdentityServer()) {
            String rt = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            assertThat(Entra.refresh(sim, CUSTOMER_A, rt, GRAPH).statusCode()).isEqualTo(200);
            var partner = sim.world.partner();
            partner.lock().writeLock().lock();
            try { // the workflow "remove Alice from the access group", as Graph's route would do it
                partner.collection("groupMembers/" + TestWorld.GROUP_READERS + ".json").clear();
            } finally {
                partner.lock().writeLock().unlock();
            }
            assertError(Entra.refresh(sim, CUSTOMER_A, rt, GRAPH), 400, "invalid_grant", 50020);
        }
    }

    @Test
    void revokedExpiredUnknownAndDisabledAreRefused() {
        try (IdentityServer sim = new IdentityServer()) {
            String rt = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            assertError(Entra.refresh(sim, PARTNER, "garbage", GRAPH), 400, "invalid_grant", 9002313);

            sim.wall.advance(Duration.ofDays(89)); // use within 90 days slides the window
            HttpResponse<String> used = Entra.refresh(sim, PARTNER, rt, GRAPH);
            assertThat(used.statusCode()).isEqualTo(200);
            sim.wall.advance(Duration.ofDays(89));
            assertThat(Entra.refresh(sim, PARTNER, rt, GRAPH).statusCode()).isEqualTo(200);
            sim.wall.advance(Duration.ofDays(91));
            assertError(Entra.refresh(sim, PARTNER, rt, GRAPH), 400, "invalid_grant", 700082);

            String fresh = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            sim.platform.revokeSignInSessions(ALICE);
            assertError(Entra.refresh(sim, PARTNER, fresh, GRAPH), 400, "invalid_grant", 50173);

            String again = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            disable(sim, ALICE);
            assertError(Entra.refresh(sim, PARTNER, again, GRAPH), 400, "invalid_grant", 50057);
        }
    }

    @Test
    void scopesBeyondTheAppsConsentAreRefusedAndPartnerCenterGetsUserImpersonation() {
        try (IdentityServer sim = new IdentityServer()) {
            String rt = Entra.deviceFlow(sim, "organizations", ALICE_UPN, GRAPH).path("refresh_token").asText();
            assertError(Entra.refresh(sim, PARTNER, rt, "https://graph.microsoft.com/Mail.ReadWrite"),
                    400, "invalid_grant", 65001);
            assertError(Entra.refresh(sim, PARTNER, rt,
                            "https://graph.microsoft.com/.default https://api.partnercenter.microsoft.com/.default"),
                    400, "invalid_scope", 28000);
            HttpResponse<String> pc = Entra.refresh(sim, PARTNER, rt, "https://api.partnercenter.microsoft.com/.default");
            assertThat(pc.statusCode()).as(pc.body()).isEqualTo(200);
            JWTClaimsSet c = Entra.verified(sim, IdentityServer.json(pc).path("access_token").asText());
            assertThat(c.getAudience()).containsExactly(IdentityPlatform.PARTNER_CENTER);
            assertThat(c.getClaim("scp")).isEqualTo("user_impersonation");
            HttpResponse<String> named = Entra.refresh(sim, PARTNER, rt, "User.Read directory.read.all");
            assertThat(Entra.verified(sim, IdentityServer.json(named).path("access_token").asText()).getClaim("scp"))
                    .isEqualTo("User.Read Directory.Read.All");
        }
    }

    private static void disable(IdentityServer sim, String userId) {
        var partner = sim.world.partner();
        partner.lock().writeLock().lock();
        try {
            for (ObjectNode u : partner.collection("users.json")) {
                if (u.path("id").asText().equals(userId)) {
                    u.put("accountEnabled", false);
                }
            }
        } finally {
            partner.lock().writeLock().unlock();
        }
    }
}
