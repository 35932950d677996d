package io.cspguard.sim.graph;

import static io.cspguard.sim.graph.SimFixture.C1;
import static io.cspguard.sim.graph.SimFixture.P;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Collections: paging to the end, $select, $top caps, $filter on dates, @odata.context, $count. */
class GraphPagingTest {
    static SimFixture sim;

    @BeforeAll
    static void start() {
        sim = new SimFixture();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void pagesToTheEndWithTopAndAStableOpaqueNextLink() throws Exception {
        SimFixture.Res first = sim.get("app-c1", "/v1.0/users?$select=id,displayName&$top=100");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("value")).hasSize(100);
        String next = first.json().get("@odata.nextLink").asText();
        assertThat(next).startsWith(sim.base() + "/v1.0/users?$select=id,displayName&$top=100&$skiptoken=");
        // The same page links to the same next page.
        assertThat(sim.get("app-c1", "/v1.0/users?$select=id,displayName&$top=100").json()
                .get("@odata.nextLink").asText()).isEqualTo(next);

        List<JsonNode> all = sim.all("app-c1", "/v1.0/users?$select=id,displayName&$top=100");
        assertThat(all).hasSize(250);
        Set<String> ids = new HashSet<>();
        all.forEach(u -> ids.add(u.get("id").asText()));
        assertThat(ids).hasSize(250);
    }

    @Test
    void defaultPageIs100AndTopIsCappedAtTheEndpointsLargestPage() throws Exception {
        assertThat(sim.get("app-c1", "/v1.0/users").json().get("value")).hasSize(100);
        SimFixture.Res big = sim.get("app-c1", "/v1.0/users?$top=5000");
        assertThat(big.status()).isEqualTo(200);
        assertThat(big.json().get("value")).hasSize(250);
        assertThat(big.json().has("@odata.nextLink")).isFalse();
        assertThat(sim.get("app-c1", "/v1.0/users?$top=0").status()).isEqualTo(400);
        assertThat(sim.get("app-c1", "/v1.0/users?$top=abc").status()).isEqualTo(400);
    }

    @Test
    void selectProjectsAndKeepsOdataType() throws Exception {
        JsonNode page = sim.get("app-c1", "/v1.0/users?$select=id,accountEnabled,jobTitle&$top=1").json();
        JsonNode u = page.get("value").get(0);
        List<String> names = new ArrayList<>();
        u.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "accountEnabled", "jobTitle");
        assertThat(u.get("jobTitle").isNull()).isTrue();
        assertThat(page.get("@odata.context").asText())
                .isEqualTo(sim.base() + "/v1.0/$metadata#users(id,accountEnabled,jobTitle)");

        JsonNode members = sim.get("app-p", "/v1.0/groups/" + SimFixture.ADMIN_AGENTS
                + "/transitiveMembers?$select=id").json();
        assertThat(members.get("value").get(0).get("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(members.get("value").get(0).has("displayName")).isFalse();
    }

    @Test
    void usersWithoutSelectGetGraphsDefaultPropertySet() throws Exception {
        JsonNode u = sim.get("app-c1", "/v1.0/users?$top=1").json().get("value").get(0);
        assertThat(u.has("userPrincipalName")).isTrue();
        assertThat(u.has("accountEnabled")).isFalse();
        assertThat(u.has("signInActivity")).isFalse();
        assertThat(u.has("businessPhones")).isTrue();
    }

    @Test
    void filtersSignInsOnDatesWithGeLeAndAnd() throws Exception {
        String base = "/beta/auditLogs/signIns?$filter=";
        assertThat(sim.all("app-c2", base + "createdDateTime%20ge%202026-11-20T00:00:00Z")).hasSize(6);
        assertThat(sim.all("app-c2", base + "createdDateTime le 2026-11-03T12:00:00Z".replace(" ", "%20")))
                .hasSize(3);
        assertThat(sim.all("app-c2", base + "createdDateTime+ge+2026-11-10T00:00:00Z+and+createdDateTime+le+"
                + "2026-11-12T23:59:59Z")).extracting(n -> n.get("id").asText())
                .containsExactly("si-10", "si-11", "si-12");
        // Sub-second timestamps compare as instants, not as text.
        assertThat(sim.all("app-p", "/v1.0/auditLogs/signIns?$filter=createdDateTime%20gt%20"
                + "2026-11-10T12:00:00Z")).extracting(n -> n.get("id").asText()).containsExactly("si-p-10");
        // Paging through a filter keeps the filter.
        List<JsonNode> paged = sim.all("app-c2", base + "createdDateTime%20ge%202026-11-05T00:00:00Z&$top=7");
        assertThat(paged).hasSize(21);
        assertThat(sim.get("app-c2", base + "createdDateTime%20ge%20x%20or%20y").status()).isEqualTo(400);
    }

    @Test
    void countAndFilterOnStrings() throws Exception {
        JsonNode r = sim.get("app-p", "/v1.0/groups?$filter=displayName%20eq%20'adminagents'&$count=true",
                "ConsistencyLevel", "eventual").json();
        assertThat(r.get("@odata.count").asInt()).isEqualTo(1);
        assertThat(r.get("value").get(0).get("id").asText()).isEqualTo(SimFixture.ADMIN_AGENTS);
    }

    @Test
    void aSkipTokenFromAnotherRequestIsRefused() throws Exception {
        String next = sim.get("app-c1", "/v1.0/users?$top=10").json().get("@odata.nextLink").asText();
        String token = next.substring(next.indexOf("$skiptoken=") + 11);
        assertThat(sim.get("app-c1", "/v1.0/users?$top=20&$skiptoken=" + token).status()).isEqualTo(400);
        assertThat(sim.get("app-c1", "/v1.0/users?$skiptoken=garbage").status()).isEqualTo(400);
    }

    @Test
    void signInActivityPagesAreCappedAt500AndOtherwise999() throws Exception {
        // The partner has P2 and AuditLog.Read.All: the property is served.
        JsonNode r = sim.get("app-p", "/v1.0/users?$select=id,signInActivity&$top=999").json();
        assertThat(r.get("value").get(0).get("signInActivity").get("lastSignInDateTime").asText())
                .isEqualTo("2026-11-20T08:00:00Z");
    }

    @Test
    void pimPolicyAssignmentsNeedTheFilterAndExpandDecidesThePolicyProperty() throws Exception {
        String q = "/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20'/'%20and%20scopeType%20eq"
                + "%20'DirectoryRole'";
        JsonNode plain = sim.get("app-p", q).json();
        assertThat(plain.get("value")).hasSize(1);
        assertThat(plain.get("value").get(0).has("policy")).isFalse();
        JsonNode expanded = sim.get("app-p", q + "&$expand=policy($expand=rules)").json();
        assertThat(expanded.get("value").get(0).get("policy").get("rules")).hasSize(2);
        assertThat(expanded.get("@odata.context").asText()).endsWith(
                "#policies/roleManagementPolicyAssignments(policy(rules()))");
        // scopeType 'Directory' is accepted too.
        assertThat(sim.get("app-p", q.replace("DirectoryRole", "Directory")).json().get("value")).hasSize(1);
        assertThat(sim.get("app-p", "/v1.0/policies/roleManagementPolicyAssignments").status()).isEqualTo(400);

        JsonNode group = sim.get("app-p", "/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20'"
                + SimFixture.ADMIN_AGENTS + "'%20and%20scopeType%20eq%20'Group'&$expand=policy($expand=rules)").json();
        assertThat(group.get("value").get(0).get("scopeType").asText()).isEqualTo("Group");
        JsonNode schedules = sim.get("app-p", "/v1.0/identityGovernance/privilegedAccess/group/assignmentSchedules"
                + "?$filter=groupId%20eq%20'" + SimFixture.ADMIN_AGENTS + "'").json();
        assertThat(schedules.get("value")).hasSize(1);
        JsonNode none = sim.get("app-p", "/v1.0/identityGovernance/privilegedAccess/group/eligibilitySchedules"
                + "?$filter=groupId%20eq%20'" + SimFixture.ADMIN_AGENTS + "'").json();
        assertThat(none.get("value")).isEmpty();
    }

    @Test
    void singleObjectsAndAuthenticationMethods() throws Exception {
        JsonNode sd = sim.get("app-p", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy").json();
        assertThat(sd.get("isEnabled").asBoolean()).isFalse();
        assertThat(sd.get("@odata.context").asText()).endsWith(
                "#policies/identitySecurityDefaultsEnforcementPolicy/$entity");
        JsonNode methods = sim.get("app-p", "/v1.0/users/bob@partner.example/authentication/methods").json();
        assertThat(methods.get("value").get(0).get("@odata.type").asText())
                .isEqualTo("#microsoft.graph.passwordAuthenticationMethod");
        assertThat(sim.get("app-p", "/v1.0/users/" + P + "/authentication/methods").status()).isEqualTo(404);
        assertThat(sim.get("app-p", "/v1.0/users/" + SimFixture.BOB).json().get("userPrincipalName").asText())
                .isEqualTo("bob@partner.example");
    }

    @Test
    void directMembersExcludeThoseReachedThroughANestedGroup() throws Exception {
        List<JsonNode> direct = sim.all("app-p", "/v1.0/groups/" + SimFixture.ADMIN_AGENTS + "/members");
        assertThat(direct).extracting(n -> n.get("id").asText()).containsExactly(SimFixture.ALICE, SimFixture.TIER2);
        List<JsonNode> users = sim.all("app-p", "/v1.0/groups/" + SimFixture.ADMIN_AGENTS
                + "/transitiveMembers/microsoft.graph.user");
        assertThat(users).extracting(n -> n.get("id").asText()).containsExactly(SimFixture.ALICE, SimFixture.BOB);
        assertThat(sim.get("app-p", "/v1.0/groups/" + C1 + "/members").status()).isEqualTo(404);
    }
}
