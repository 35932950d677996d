package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.ADMIN_AGENTS;
import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.AGENT2;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.DirectoryObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSP.PRIV.2 (partner) — every AdminAgents member is an enabled user, signed in successfully within staleSignInDays
 * (lastSuccessfulSignInDateTime, else lastSignInDateTime), and, when approvedAdminAgents is set, is listed there.
 */
class Priv2AdminAgentsNeedToKnowTest {
    private static final Control CONTROL = new Priv2AdminAgentsNeedToKnow();
    /** collectedAt minus 90 days: still within. */
    private static final String DAY_90 = "2026-08-22T09:00:00Z";
    private static final String DAY_91 = "2026-08-21T09:00:00Z";

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    @Test
    void compliantBasePasses() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void doesNotApplyToCustomers() {
        assertThat(CONTROL.info().scope().includes(io.cspguard.snapshot.TenantRole.CUSTOMER)).isFalse();
    }

    // ---- enabled user ---------------------------------------------------------------------------------------------

    @Test
    void aDisabledMemberFails() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.enabled(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " disabled");
    }

    @Test
    void aServicePrincipalMemberFails() {
        TenantFixture f = TenantFixture.partner().addServicePrincipal("sp-tool", "Automation tool");
        f.groupMembers(ADMIN_AGENTS, AGENT1, "sp-tool");
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid("sp-tool") + " not-an-enabled-user");
        assertThat(r.findings()).extracting(Finding::objectType).containsExactly("servicePrincipal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#microsoft.graph.device", "#microsoft.graph.orgContact"})
    void aDeviceOrContactMemberFailsOnTheAdminAgentsGroup(String odataType) {
        // formats.md §3 has no object type for a device or contact: the group carries the finding
        TenantFixture f = TenantFixture.partner();
        f.groupMembers(ADMIN_AGENTS, List.of(f.directoryObject(AGENT1),
                new DirectoryObject(odataType, "P-Obj-1", "Front desk", null)));
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("group", pid(ADMIN_AGENTS), "member-not-a-user:p-obj-1"));
        assertThat(r.findings().get(0).objectName()).isEqualTo("AdminAgents");
        assertThat(r.findings().get(0).detail()).contains(odataType, "Front desk", "P-Obj-1");
    }

    @Test
    void aMemberMissingFromUsersJsonFails() {
        TenantFixture f = TenantFixture.partner();
        f.groupMembers(ADMIN_AGENTS, List.of(f.directoryObject(AGENT1),
                new DirectoryObject("#microsoft.graph.user", "p-deleted", "Deleted Person", "deleted@partner.example")));
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("p-deleted");
        assertThat(r.findings()).extracting(Finding::objectType, Finding::rule)
                .containsExactly(tuple("user", "not-an-enabled-user"));
        assertThat(r.findings().get(0).detail()).contains("not found in users.json");
    }

    @Test
    void aNestedGroupIsSkippedButItsUsersAreJudged() {
        TenantFixture f = TenantFixture.partner().addGroup("grp-tier2", "Tier 2")
                .groupMembers("grp-tier2", BOB)
                .groupMembers(ADMIN_AGENTS, AGENT1, "grp-tier2", BOB)
                .user(BOB, u -> u.lastSignIn(DAY_91));
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(BOB) + " stale");
    }

    // ---- signed in within staleSignInDays ----------------------------------------------------------------------

    @Test
    void aMemberWhoLastSignedIn91DaysAgoFails() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.lastSignIn(DAY_91)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " stale");
    }

    @Test
    void exactly90DaysIsWithin() {
        assertThat(run(TenantFixture.partner().user(AGENT1, u -> u.lastSignIn(DAY_90))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void theThresholdIsConfigurable() {
        Config thirty = TenantFixture.config().staleSignInDays(30).build();
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.lastSignIn("2026-10-01T00:00:00Z")), thirty);
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " stale");
    }

    @Test
    void aMemberWhoNeverSignedInFails() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.neverSignedIn()));
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " stale");
    }

    @Test
    void lastSuccessfulSignInWinsOverARecentFailedAttempt() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1,
                u -> u.signInActivity("2026-11-19T00:00:00Z", DAY_91)));
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " stale");
    }

    @Test
    void withoutLastSuccessfulSignInTheLastSignInIsUsed() {
        assertThat(run(TenantFixture.partner().user(AGENT1, u -> u.lastSignInOnly("2026-11-10T00:00:00Z")))
                .status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner().user(AGENT1, u -> u.lastSignInOnly(DAY_91))).status())
                .isEqualTo(Status.FAIL);
    }

    @Test
    void signInActivityNotCollectedIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.noSignInActivity()));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("signInActivity");
    }

    @Test
    void signInActivityNotCollectedStillFailsADisabledMember() {
        ControlResult r = run(TenantFixture.partner().user(AGENT1, u -> u.noSignInActivity().enabled(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " disabled");
    }

    @Test
    void aBreakGlassMemberIsExcusedFromStaleness() {
        // formats.md §2: break-glass accounts are "excused from CA coverage and staleness".
        // Regression test, fixed: Priv2AdminAgentsNeedToKnow applies the staleness clause to break-glass accounts (no isBreakGlass
        // check), so a dormant break-glass member of AdminAgents is reported "stale" (FAIL instead of PASS).
        TenantFixture f = TenantFixture.partner().groupMembers(ADMIN_AGENTS, AGENT1, BG)
                .user(BG, u -> u.lastSignIn("2026-01-01T00:00:00Z"));
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    // ---- approvedAdminAgents -------------------------------------------------------------------------------------

    @Test
    void whenApprovedAdminAgentsIsSetAnUnlistedMemberFails() {
        TenantFixture f = TenantFixture.partner().groupMembers(ADMIN_AGENTS, AGENT1, AGENT2);
        ControlResult r = run(f, TenantFixture.config().approvedAdminAgents("adm-agent1@partner.example").build());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT2) + " not-approved");
    }

    @Test
    void approvedAdminAgentsMatchUpnCaseInsensitivelyOrObjectId() {
        TenantFixture f = TenantFixture.partner().groupMembers(ADMIN_AGENTS, AGENT1, AGENT2);
        Config config = TenantFixture.config().approvedAdminAgents("ADM-AGENT1@Partner.Example", pid(AGENT2)).build();
        assertThat(run(f, config).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aMemberFailingSeveralRulesIsNamedForEach() {
        TenantFixture f = TenantFixture.partner().user(AGENT1, u -> u.enabled(false).lastSignIn(DAY_91));
        ControlResult r = run(f, TenantFixture.config().approvedAdminAgents("someone@partner.example").build());
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(pid(AGENT1) + " disabled",
                pid(AGENT1) + " stale", pid(AGENT1) + " not-approved");
    }

    // ---- missing data -------------------------------------------------------------------------------------------

    @Test
    void noAdminAgentsGroupIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().removeGroup(ADMIN_AGENTS));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("AdminAgents");
    }

    @Test
    void missingGroupsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("groups.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groups.json");
    }

    @Test
    void missingMembersFileIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/p-grp-adminagents.json");
    }

    @Test
    void missingUsersIsNotAssessed() {
        assertThat(run(TenantFixture.partner().without("users.json")).status()).isEqualTo(Status.NOT_ASSESSED);
    }
}
