package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.HELPDESK_ADMIN;
import static io.cspguard.fixture.TenantFixture.REPORTS_READER;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.RoleDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSP.PRIV.1 — no (enabled) admin, break-glass included, has a collaboration plan: an assignedPlans entry with
 * capabilityStatus Enabled and service exchange, SharePoint, TeamspaceAPI or MicrosoftCommunicationsOnline.
 */
class Priv1AdminsWithoutCollaborationTest {
    private static final Control CONTROL = new Priv1AdminsWithoutCollaboration();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    @Test
    void compliantBasesPass() {
        // the customer's ordinary users ALICE and BOB have Exchange, SharePoint and Teams: they are not admins
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchange", "SharePoint", "TeamspaceAPI", "MicrosoftCommunicationsOnline", "Exchange"})
    void anAdminWithACollaborationPlanFails(String service) {
        ControlResult r = run(TenantFixture.customer().user(GA2, u -> u.plans(service)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(GA2));
        assertThat(r.findings().get(0).detail()).contains(service);
    }

    @Test
    void theFindingListsThePlans() {
        ControlResult r = run(TenantFixture.customer().user(GA1, u -> u.plans("exchange", "TeamspaceAPI")));
        assertThat(Results.objectIds(r)).containsExactly(cid(GA1));
        assertThat(r.findings().get(0).detail()).contains("exchange").contains("TeamspaceAPI");
    }

    @Test
    void breakGlassIsIncluded() {
        ControlResult r = run(TenantFixture.partner().user(BG, u -> u.plans("exchange")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(BG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Suspended", "Deleted", "Warning"})
    void aPlanThatIsNotEnabledDoesNotCount(String status) {
        assertThat(run(TenantFixture.customer().user(GA2, u -> u.plan("exchange", status))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void otherServicesDoNotCount() {
        assertThat(run(TenantFixture.customer().user(GA2, u -> u.plans("AADPremiumService", "MicrosoftOffice",
                "exchangeArchive"))).status()).isEqualTo(Status.PASS);
    }

    @Test
    void disabledAdminsAreNotJudged() {
        assertThat(run(TenantFixture.customer().user(GA2, u -> u.enabled(false).plans("exchange"))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void anAdminThroughAGroupIsJudged() {
        TenantFixture f = TenantFixture.customer().addGroup("grp-helpdesk", "Helpdesk")
                .groupMembers("grp-helpdesk", ALICE).addEligibility("grp-helpdesk", HELPDESK_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(ALICE));
    }

    @Test
    void aNonPrivilegedRoleIsNoAdmin() {
        assertThat(run(TenantFixture.customer().addRoleAssignment(ALICE, REPORTS_READER)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aCustomRoleMarkedPrivilegedMakesAnAdmin() {
        TenantFixture f = TenantFixture.customer()
                .addRoleDefinition(new RoleDefinition("custom-role-1", "custom-role-1", "Mail admin (custom)", false,
                        true))
                .addRoleAssignment(BOB, "custom-role-1");
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(BOB));
    }

    @Test
    void missingUsersIsNotAssessed() {
        assertThat(run(TenantFixture.customer().without("users.json")).status()).isEqualTo(Status.NOT_ASSESSED);
    }

    @Test
    void missingRoleDataWhileSomeoneHasPlansIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("roleEligibilitySchedules.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleEligibilitySchedules.json");
    }

    @Test
    void missingRoleDataStillFailsAKnownAdmin() {
        ControlResult r = run(TenantFixture.customer().without("roleEligibilitySchedules.json")
                .user(GA1, u -> u.plans("exchange")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(GA1));
    }

    @Test
    void missingRoleDataWhenNobodyHasAPlanPasses() {
        // nobody at all has a collaboration plan: no admin can have one
        assertThat(run(TenantFixture.partner().without("roleEligibilitySchedules.json")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void ordinaryUsersWithPlansAreFine() {
        assertThat(run(TenantFixture.partner().user(BOB, u -> u.plans("exchange"))).status()).isEqualTo(Status.PASS);
    }
}
