package io.cspguard.sim.graph;

import static io.cspguard.sim.graph.SimFixture.ADMIN_AGENTS;
import static io.cspguard.sim.graph.SimFixture.ALICE;
import static io.cspguard.sim.graph.SimFixture.BOB;
import static io.cspguard.sim.graph.SimFixture.CAROL;
import static io.cspguard.sim.graph.SimFixture.GLOBAL_ADMIN;
import static io.cspguard.sim.graph.SimFixture.TIER2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes the workflows need, visible in later reads (and in the directory audit log). */
class GraphWritesTest {
    SimFixture sim;

    @BeforeEach
    void start() {
        sim = new SimFixture();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    List<String> ids(String token, String path) throws Exception {
        return sim.all(token, path).stream().map(n -> n.get("id").asText()).toList();
    }

    String ref(String id) {
        return "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/" + id + "\"}";
    }

    @Test
    void removingAMemberOfANestedGroupRemovesItFromTheGroupsAbove() throws Exception {
        assertThat(ids("app-p", "/v1.0/groups/" + ADMIN_AGENTS + "/transitiveMembers")).contains(BOB);
        assertThat(sim.send("DELETE", "app-p", "/v1.0/groups/" + TIER2 + "/members/" + BOB + "/$ref", null)
                .status()).isEqualTo(204);
        assertThat(ids("app-p", "/v1.0/groups/" + TIER2 + "/transitiveMembers")).isEmpty();
        assertThat(ids("app-p", "/v1.0/groups/" + ADMIN_AGENTS + "/transitiveMembers"))
                .containsExactly(ALICE, TIER2);
        // Not a direct member (any more): 404.
        assertThat(sim.send("DELETE", "app-p", "/v1.0/groups/" + TIER2 + "/members/" + BOB + "/$ref", null)
                .status()).isEqualTo(404);

        assertThat(sim.send("POST", "app-p", "/v1.0/groups/" + TIER2 + "/members/$ref", ref(CAROL)).status())
                .isEqualTo(204);
        assertThat(ids("app-p", "/v1.0/groups/" + ADMIN_AGENTS + "/transitiveMembers"))
                .containsExactly(ALICE, TIER2, CAROL);
        JsonNode carol = sim.get("app-p", "/v1.0/groups/" + TIER2 + "/members").json().get("value").get(0);
        assertThat(carol.get("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(carol.get("userPrincipalName").asText()).isEqualTo("carol@partner.example");
        SimFixture.Res again = sim.send("POST", "app-p", "/v1.0/groups/" + TIER2 + "/members/$ref", ref(CAROL));
        assertThat(again.status()).isEqualTo(400);
        assertThat(sim.send("POST", "app-p", "/v1.0/groups/" + TIER2 + "/members/$ref", ref(ADMIN_AGENTS))
                .status()).isEqualTo(400);

        List<JsonNode> audits = sim.all("app-p", "/v1.0/auditLogs/directoryAudits?$filter=activityDateTime%20ge%20"
                + "2026-11-26T00:00:00Z");
        assertThat(audits).extracting(a -> a.get("activityDisplayName").asText())
                .containsExactly("Remove member from group", "Add member to group");
        assertThat(audits.get(0).get("targetResources").get(0).get("id").asText()).isEqualTo(BOB);
    }

    @Test
    void aDirectMemberStaysWhenANestedPathRemains() throws Exception {
        // Alice joins Tier2 as well: removing her from AdminAgents directly keeps her there through Tier2.
        assertThat(sim.send("POST", "app-p", "/v1.0/groups/" + TIER2 + "/members/$ref", ref(ALICE)).status())
                .isEqualTo(204);
        assertThat(sim.send("DELETE", "app-p", "/v1.0/groups/" + ADMIN_AGENTS + "/members/" + ALICE + "/$ref",
                null).status()).isEqualTo(404);
        assertThat(ids("app-p", "/v1.0/groups/" + ADMIN_AGENTS + "/transitiveMembers")).contains(ALICE);
    }

    @Test
    void writesNeedWritePermissionsAndRoleAssignableGroupsMore() throws Exception {
        sim.tokens.put("app-p-members", SimFixture.app(SimFixture.P, Set.of("GroupMember.ReadWrite.All")));
        sim.tokens.put("app-p-read", SimFixture.app(SimFixture.P, SimFixture.ALL_READ));
        assertThat(sim.send("POST", "app-p-read", "/v1.0/groups/" + TIER2 + "/members/$ref", ref(CAROL)).status())
                .isEqualTo(403);
        assertThat(sim.send("POST", "app-p-members", "/v1.0/groups/" + SimFixture.HELPDESK + "/members/$ref",
                ref(CAROL)).status()).isEqualTo(403);
        assertThat(sim.send("POST", "app-p", "/v1.0/groups/" + SimFixture.HELPDESK + "/members/$ref", ref(CAROL))
                .status()).isEqualTo(204);
        // A delegated user without an admin role.
        assertThat(sim.send("POST", "user-p-bob", "/v1.0/groups/" + TIER2 + "/members/$ref", ref(CAROL)).status())
                .isEqualTo(403);
    }

    @Test
    void disablingAUser() throws Exception {
        SimFixture.Res r = sim.send("PATCH", "app-p", "/v1.0/users/carol@partner.example",
                "{\"accountEnabled\":false}");
        assertThat(r.status()).isEqualTo(204);
        assertThat(sim.get("app-p", "/v1.0/users/" + CAROL + "?$select=accountEnabled").json()
                .get("accountEnabled").asBoolean()).isFalse();
        assertThat(sim.send("PATCH", "app-p", "/v1.0/users/" + CAROL, "{\"displayName\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(sim.send("PATCH", "app-p", "/v1.0/users/nobody", "{\"accountEnabled\":false}").status())
                .isEqualTo(404);
        sim.tokens.put("app-p-read", SimFixture.app(SimFixture.P, SimFixture.ALL_READ));
        assertThat(sim.send("PATCH", "app-p-read", "/v1.0/users/" + CAROL, "{\"accountEnabled\":false}").status())
                .isEqualTo(403);
    }

    String activation(String action, String principal, String justification, String duration) {
        return "{\"action\":\"" + action + "\",\"principalId\":\"" + principal + "\",\"roleDefinitionId\":\""
                + GLOBAL_ADMIN + "\",\"directoryScopeId\":\"/\"" + (justification == null ? ""
                : ",\"justification\":\"" + justification + "\"") + (duration == null ? ""
                : ",\"scheduleInfo\":{\"startDateTime\":null,\"expiration\":{\"type\":\"afterDuration\","
                + "\"duration\":\"" + duration + "\"}}") + "}";
    }

    @Test
    void pimSelfActivationFollowsThePolicyAndChangesTheAssignments() throws Exception {
        String url = "/v1.0/roleManagement/directory/roleAssignmentScheduleRequests";
        SimFixture.Res noReason = sim.send("POST", "user-p-bob", url, activation("selfActivate", BOB, null, "PT4H"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("error").get("code").asText())
                .isEqualTo("RoleAssignmentRequestPolicyValidationFailed");
        assertThat(noReason.json().get("error").get("message").asText()).contains("JustificationRule");
        assertThat(sim.send("POST", "user-p-bob", url, activation("selfActivate", BOB, "ticket 1", "PT9H")).json()
                .get("error").get("message").asText()).contains("ExpirationRule");
        // Someone else's activation, or an app-only one.
        assertThat(sim.send("POST", "user-p-bob", url, activation("selfActivate", ALICE, "x", "PT1H")).status())
                .isEqualTo(403);
        assertThat(sim.send("POST", "app-p", url, activation("selfActivate", BOB, "x", "PT1H")).status())
                .isEqualTo(400);

        SimFixture.Res ok = sim.send("POST", "user-p-bob", url, activation("selfActivate", BOB, "ticket 1", "PT4H"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("status").asText()).isEqualTo("Provisioned");
        assertThat(ok.json().get("action").asText()).isEqualTo("selfActivate");
        String end = ok.json().get("scheduleInfo").get("expiration").get("endDateTime").asText();
        assertThat(java.time.Instant.parse(end)).isAfter(SimFixture.WORLD_TIME.plusSeconds(4 * 3600 - 60));
        List<JsonNode> schedules = sim.all("app-p", "/v1.0/roleManagement/directory/roleAssignmentSchedules");
        assertThat(schedules).anyMatch(s -> s.get("principalId").asText().equals(BOB)
                && s.get("assignmentType").asText().equals("Activated"));
        assertThat(ids("app-p", "/v1.0/roleManagement/directory/roleAssignments")).hasSize(2);
        assertThat(sim.get("app-p", url + "/" + ok.json().get("id").asText()).status()).isEqualTo(200);
        assertThat(sim.send("POST", "user-p-bob", url, activation("selfActivate", BOB, "again", "PT1H")).json()
                .get("error").get("code").asText()).isEqualTo("RoleAssignmentExists");

        assertThat(sim.send("POST", "user-p-bob", url, activation("selfDeactivate", BOB, null, null)).status())
                .isEqualTo(201);
        assertThat(sim.all("app-p", "/v1.0/roleManagement/directory/roleAssignments?$filter=principalId%20eq%20'"
                + BOB + "'")).isEmpty();
        // Alice is not eligible.
        SimFixture.Res alice = sim.send("POST", "user-p-alice", url, activation("selfActivate", ALICE, "x", "PT1H"));
        assertThat(alice.status()).isEqualTo(400);
    }

    @Test
    void adminRemoveEndsAnAssignment() throws Exception {
        String url = "/v1.0/roleManagement/directory/roleAssignmentScheduleRequests";
        SimFixture.Res r = sim.send("POST", "app-p", url, activation("adminRemove", ALICE, "leaver", null));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("Revoked");
        assertThat(ids("app-p", "/v1.0/roleManagement/directory/roleAssignments")).isEmpty();
        assertThat(ids("app-p", "/v1.0/roleManagement/directory/roleAssignmentSchedules")).isEmpty();
        assertThat(sim.send("POST", "app-p", url, activation("adminRemove", ALICE, "leaver", null)).json()
                .get("error").get("code").asText()).isEqualTo("RoleAssignmentDoesNotExist");
        SimFixture.Res assign = sim.send("POST", "app-p", url, activation("adminAssign", CAROL, "new admin", null));
        assertThat(assign.status()).isEqualTo(201);
        assertThat(ids("app-p", "/v1.0/roleManagement/directory/roleAssignments")).hasSize(1);
        assertThat(sim.all("app-p", "/v1.0/auditLogs/directoryAudits")).extracting(
                a -> a.get("loggedByService").asText()).containsOnly("PIM");
    }

    @Test
    void riskyUsersDismissAndConfirmCompromised() throws Exception {
        String body = "{\"userIds\":[\"" + BOB + "\"]}";
        assertThat(sim.send("POST", "app-p", "/v1.0/identityProtection/riskyUsers/confirmCompromised", body)
                .status()).isEqualTo(204);
        JsonNode bob = sim.get("app-p", "/v1.0/identityProtection/riskyUsers/" + BOB).json();
        assertThat(bob.get("riskState").asText()).isEqualTo("confirmedCompromised");
        assertThat(bob.get("riskLevel").asText()).isEqualTo("high");
        assertThat(bob.get("riskDetail").asText()).isEqualTo("adminConfirmedUserCompromised");
        assertThat(sim.send("POST", "app-p", "/v1.0/identityProtection/riskyUsers/dismiss", body).status())
                .isEqualTo(204);
        bob = sim.get("app-p", "/v1.0/identityProtection/riskyUsers/" + BOB).json();
        assertThat(bob.get("riskState").asText()).isEqualTo("dismissed");
        assertThat(bob.get("riskLevel").asText()).isEqualTo("none");
        assertThat(bob.get("riskDetail").asText()).isEqualTo("adminDismissedAllRiskForUser");
        assertThat(sim.send("POST", "app-p", "/v1.0/identityProtection/riskyUsers/dismiss", "{}").status())
                .isEqualTo(400);
    }

    @Test
    void gdapAccessAssignmentDeleteNeedsTheEtagAndSettlesAsDeleted() throws Exception {
        String url = "/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1/accessAssignments/asg-1";
        assertThat(sim.send("DELETE", "app-p", url, null).status()).isEqualTo(400);
        assertThat(sim.send("DELETE", "app-p", url, null, "If-Match", "W/\"other\"").status()).isEqualTo(412);
        String etag = sim.get("app-p", url).json().get("@odata.etag").asText();
        assertThat(sim.send("DELETE", "app-p", url, null, "If-Match", etag).status()).isEqualTo(204);
        JsonNode a = sim.get("app-p", url).json();
        assertThat(a.get("status").asText()).isIn("deleting", "deleted");
        assertThat(a.get("@odata.etag").asText()).isNotEqualTo(etag);
        Thread.sleep(100); // 30 s at time scale 1000
        assertThat(sim.all("app-p", "/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1/accessAssignments")
                .get(0).get("status").asText()).isEqualTo("deleted");
        assertThat(sim.send("DELETE", "app-p", url, null, "If-Match", "*").status()).isEqualTo(400);
        assertThat(sim.get("app-p", "/v1.0/tenantRelationships/delegatedAdminRelationships/nope/accessAssignments")
                .status()).isEqualTo(404);
    }
}
