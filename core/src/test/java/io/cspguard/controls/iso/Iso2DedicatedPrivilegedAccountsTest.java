package io.cspguard.controls.iso;

import static io.cspguard.fixture.TenantFixture.ADMIN_AGENTS;
import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.AGENT2;
import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GDAP_GROUP;
import static io.cspguard.fixture.TenantFixture.HELPDESK_ADMIN;
import static io.cspguard.fixture.TenantFixture.OLD_RELATIONSHIP;
import static io.cspguard.fixture.TenantFixture.accessAssignment;
import static io.cspguard.fixture.TenantFixture.pid;
import static io.cspguard.fixture.TenantFixture.relationship;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import org.junit.jupiter.api.Test;

/** CSP.ISO.2 — privileged partner users (customer-access users) have dedicated accounts. */
class Iso2DedicatedPrivilegedAccountsTest {
    private static final Control CONTROL = new Iso2DedicatedPrivilegedAccounts();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    private static Config pattern(String regex) {
        return TenantFixture.config().privilegedAccountPattern(regex).build();
    }

    @Test
    void partnerBasePasses() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    // ---- clause 1: no collaboration plan ----------------------------------------------------------------------

    @Test
    void adminAgentWithCollaborationPlanFails() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.plans("exchange")));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", pid(AGENT1), "collaboration-plan"));
        assertThat(r.findings().get(0).detail()).contains("AdminAgents", "exchange");
    }

    @Test
    void helpdeskAgentWithCollaborationPlanFails() {
        ControlResult r = run(TenantFixture.partner().user(AGENT2, u -> u.plans("TeamspaceAPI")));
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT2) + " collaboration-plan");
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void gdapGroupMemberWithCollaborationPlanFails() {
        ControlResult r = run(TenantFixture.partner().groupMembers(GDAP_GROUP, AGENT2, BOB)
                .user(BOB, u -> u.plans("SharePoint")));
        assertThat(Results.objectRules(r)).containsExactly(pid(BOB) + " collaboration-plan");
        assertThat(r.findings().get(0).detail()).contains("GDAP");
    }

    @Test
    void salesAgentIsNotACustomerAccessUser() {
        // ALICE is in SalesAgents only
        assertThat(run(TenantFixture.partner().user(ALICE, u -> u.plans("exchange"))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void groupOfATerminatedRelationshipGivesNoCustomerAccess() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup("grp-old", "Old").groupMembers("grp-old", BOB)
                .accessAssignments(OLD_RELATIONSHIP, accessAssignment("aa-old", "active", pid("grp-old"),
                        HELPDESK_ADMIN))
                .user(BOB, u -> u.plans("exchange")));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void disabledPlanDoesNotCount() {
        assertThat(run(TenantFixture.partner().user(AGENT1, u -> u.plan("exchange", "Suspended"))).status())
                .isEqualTo(Status.PASS);
    }

    // ---- clause 2: the UPN matches privilegedAccountPattern ----------------------------------------------------

    @Test
    void matchingPatternPasses() {
        assertThat(run(TenantFixture.partner(), pattern("^adm-[a-z0-9]+@partner\\.example$")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void patternIsASearchNotAWholeMatch() {
        // decisions.md: Matcher.find; anchor with ^…$ to match the whole UPN
        assertThat(run(TenantFixture.partner(), pattern("adm-")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void notMatchingPatternFailsForEachAccount() {
        ControlResult r = run(TenantFixture.partner(), pattern("^admin-"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectId, Finding::rule)
                .containsExactlyInAnyOrder(tuple(pid(AGENT1), "naming"), tuple(pid(AGENT2), "naming"));
    }

    @Test
    void oneAccountNotMatchingFails() {
        ControlResult r = run(TenantFixture.partner().user(AGENT2, u -> u.upn("agent2@partner.example")),
                pattern("^adm-"));
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT2) + " naming");
    }

    @Test
    void noPatternSetNoNamingRule() {
        assertThat(run(TenantFixture.partner().user(AGENT2, u -> u.upn("agent2@partner.example"))).status())
                .isEqualTo(Status.PASS);
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }

    @Test
    void missingAgentGroupMembersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/" + pid(ADMIN_AGENTS) + ".json");
    }

    @Test
    void missingAgentGroupMembersStillFailsOnAKnownAccount() {
        ControlResult r = run(TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS)
                .user(AGENT2, u -> u.plans("exchange")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(AGENT2));
    }

    @Test
    void missingRelationshipsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("delegatedAdminRelationships.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("delegatedAdminRelationships.json");
    }

    @Test
    void anotherRelationshipsMissingAssignmentsDoesNotHideAKnownGdapGroupMember() {
        // Regression (fixed in aaa290a): rel-fab's missing assignments file must not hide BOB, a known member of the
        // base relationship's GDAP group, with a mailbox.
        ControlResult r = run(TenantFixture.partner().groupMembers(GDAP_GROUP, AGENT2, BOB)
                .user(BOB, u -> u.plans("exchange"))
                .addRelationships(relationship("rel-fab", "Fabrikam", "active", "44444444-4444-4444-8444-444444444444",
                        "Fabrikam", HELPDESK_ADMIN))
                .without("delegatedAdminAccessAssignments/rel-fab"));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(BOB));
    }

    @Test
    void helpdeskAgentsCountEvenWithoutAdminAgentsGroup() {
        ControlResult r = run(TenantFixture.partner().removeGroup(ADMIN_AGENTS)
                .user(AGENT2, u -> u.plans("exchange")));
        assertThat(Results.objectIds(r)).containsExactly(pid(AGENT2));
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }
}
