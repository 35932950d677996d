package io.cspguard.controls.dev;

import static io.cspguard.fixture.TenantFixture.ADMIN_AGENTS;
import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.AGENT2;
import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GDAP_GROUP;
import static io.cspguard.fixture.TenantFixture.POLICY_COMPLIANT_DEVICE;
import static io.cspguard.fixture.TenantFixture.ca;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.Licences;
import org.junit.jupiter.api.Test;

/** CSP.DEV.1 — customer access only from registered, healthy devices (partner tenant). */
class Dev1HealthyDevicesOnlyTest {
    private static final Control CONTROL = new Dev1HealthyDevicesOnly();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    @Test
    void partnerBasePasses_failedSignInFromUnhealthyDeviceIgnored() {
        ControlResult r = run(TenantFixture.partner());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    // ---- clause 1: covered by a device requirement -----------------------------------------------------------

    @Test
    void withoutDevicePolicyEveryCustomerAccessUserIsUncovered() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactlyInAnyOrder(tuple("user", pid(AGENT1), "not-covered"),
                        tuple("user", pid(AGENT2), "not-covered"));
    }

    @Test
    void excludedCustomerAccessUserIsUncovered() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca(POLICY_COMPLIANT_DEVICE).excludeUsers(pid(BG), pid(AGENT1))
                        .grant("OR", "compliantDevice").build()));
        assertThat(Results.objectRules(r)).containsExactly(pid(AGENT1) + " not-covered");
        assertThat(r.findings().get(0).detail()).contains(POLICY_COMPLIANT_DEVICE);
    }

    @Test
    void uncoveredUserWhoIsNotACustomerAccessUserPasses() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca(POLICY_COMPLIANT_DEVICE).excludeUsers(pid(BG), pid(ALICE))
                        .grant("OR", "compliantDevice").build()));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void hybridJoinedDeviceRequirementCovers() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca("Require hybrid join").excludeUsers(pid(BG)).grant("OR", "domainJoinedDevice")
                        .build()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void compliantOrHybridJoinedTogetherCover() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca("Compliant or hybrid").excludeUsers(pid(BG))
                        .grant("OR", "compliantDevice", "domainJoinedDevice").build()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void compliantDeviceOrMfaDoesNotRequireADevice() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca("Compliant or MFA").excludeUsers(pid(BG))
                        .grant("OR", "compliantDevice", "mfa").build()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.distinctObjectIds(r)).containsExactlyInAnyOrder(pid(AGENT1), pid(AGENT2));
    }

    @Test
    void reportOnlyDevicePolicyDoesNotCover() {
        ControlResult r = run(TenantFixture.partner().removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca(POLICY_COMPLIANT_DEVICE).excludeUsers(pid(BG)).grant("OR", "compliantDevice")
                        .reportOnly().build()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void withoutP1DevicePoliciesDoNotCount() {
        ControlResult r = run(TenantFixture.partner().licence(Licences.Tier.FREE));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(Results.distinctObjectIds(r)).containsExactlyInAnyOrder(pid(AGENT1), pid(AGENT2));
    }

    @Test
    void breakGlassCustomerAccessUserIsExcusedFromTheDeviceRequirement() {
        // decisions.md: break-glass accounts are excused from the device-requirement clause
        ControlResult r = run(TenantFixture.partner().groupMembers(ADMIN_AGENTS, AGENT1, BG));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void gdapGroupMemberIsACustomerAccessUser() {
        ControlResult r = run(TenantFixture.partner().groupMembers(GDAP_GROUP, AGENT2, BOB)
                .removeCaPolicy(POLICY_COMPLIANT_DEVICE)
                .addCaPolicies(ca(POLICY_COMPLIANT_DEVICE).excludeUsers(pid(BG), pid(BOB))
                        .grant("OR", "compliantDevice").build()));
        assertThat(Results.objectRules(r)).containsExactly(pid(BOB) + " not-covered");
    }

    // ---- clause 2: no successful sign-in from an unhealthy device -------------------------------------------

    @Test
    void successfulSignInFromUnhealthyDeviceFails() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-bad", AGENT1).unmanagedDevice().ip("198.51.100.7").build());
        ControlResult r = run(f);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-bad", "unhealthy-device"));
        assertThat(r.findings().get(0).detail()).contains("198.51.100.7", "Office 365", "2026-11-19T10:00:00Z");
    }

    @Test
    void managedButNotCompliantDeviceIsHealthy() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-managed", AGENT1).compliant(false).managed(true).build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void compliantButNotManagedDeviceIsHealthy() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-compliant", AGENT2).compliant(true).managed(false).build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failedSignInFromUnhealthyDeviceIsIgnored() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-failed", AGENT2).unmanagedDevice().failed(50126).build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void unhealthySignInOfANonCustomerAccessUserIsIgnored() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-alice", ALICE).unmanagedDevice().build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassIsNotExcusedFromTheSignInClause() {
        TenantFixture f = TenantFixture.partner().groupMembers(ADMIN_AGENTS, AGENT1, BG);
        f.addSignIns(f.signIn("si-bg", BG).unmanagedDevice().build());
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly("si-bg unhealthy-device");
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingSignInsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("signIns.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("signIns.json");
    }

    @Test
    void missingSignInsStillFailsOnAnUncoveredUser() {
        ControlResult r = run(TenantFixture.partner().without("signIns.json").removeCaPolicy(POLICY_COMPLIANT_DEVICE));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.distinctObjectIds(r)).containsExactlyInAnyOrder(pid(AGENT1), pid(AGENT2));
    }

    @Test
    void missingPoliciesIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("conditionalAccessPolicies.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("conditionalAccessPolicies.json");
    }

    @Test
    void missingPoliciesStillFailsOnAnUnhealthySignIn() {
        TenantFixture f = TenantFixture.partner().without("conditionalAccessPolicies.json");
        f.addSignIns(f.signIn("si-bad", AGENT2).unmanagedDevice().build());
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("si-bad");
    }

    @Test
    void missingAgentGroupMembersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/" + pid(ADMIN_AGENTS) + ".json");
    }

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void missingUsersStillFailsOnAnUnhealthySignInOfACustomerAccessUser() {
        // the group members files name the customer-access users without users.json
        TenantFixture f = TenantFixture.partner().without("users.json");
        f.addSignIns(f.signIn("si-bad", AGENT1).unmanagedDevice().build());
        ControlResult r = run(f);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-bad", "unhealthy-device"));
    }

    @Test
    void missingUsersDoesNotMakeAnUnhealthySignInOfAnotherUserFail() {
        TenantFixture f = TenantFixture.partner().without("users.json");
        f.addSignIns(f.signIn("si-alice", ALICE).unmanagedDevice().build());
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }
}
