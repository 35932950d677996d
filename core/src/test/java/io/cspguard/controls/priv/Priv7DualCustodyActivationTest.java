package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.GLOBAL_ADMIN;
import static io.cspguard.fixture.TenantFixture.PRIV_ROLE_ADMIN;
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
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.graph.PolicyAssignment.SubjectSet;
import org.junit.jupiter.api.Test;

/** CSP.PRIV.7 — activation of Global Administrator and Privileged Role Administrator needs dual custody. */
class Priv7DualCustodyActivationTest {
    private static final Control CONTROL = new Priv7DualCustodyActivation();
    private static final String APPROVERS = "grp-approvers";

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static SubjectSet user(String id) {
        return new SubjectSet("#microsoft.graph.singleUser", id, null, id);
    }

    private static SubjectSet group(String id) {
        return new SubjectSet("#microsoft.graph.groupMembers", null, id, id);
    }

    private static void assertOneGap(ControlResult r, String role, String rule) {
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("role", role, rule));
    }

    @Test
    void basesPass() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
    }

    // ---- a role with no policy ----------------------------------------------------------------------------------

    @Test
    void roleWithoutPolicyFails() {
        ControlResult r = run(TenantFixture.partner().removeRolePolicy(GLOBAL_ADMIN));
        assertOneGap(r, GLOBAL_ADMIN, "no-policy");
        assertThat(r.findings().get(0).objectName()).isEqualTo("Global Administrator");
    }

    @Test
    void privilegedRoleAdministratorWithoutPolicyFails() {
        assertOneGap(run(TenantFixture.partner().removeRolePolicy(PRIV_ROLE_ADMIN)), PRIV_ROLE_ADMIN, "no-policy");
    }

    // ---- approval required ------------------------------------------------------------------------------------

    @Test
    void approvalNotRequiredFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.approvalRequired(false))),
                GLOBAL_ADMIN, "approval-not-required");
    }

    @Test
    void approvalRuleAbsentFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(PRIV_ROLE_ADMIN,
                p -> p.without("Approval_EndUser_Assignment"))), PRIV_ROLE_ADMIN, "approval-not-required");
    }

    // ---- two distinct approving users in a stage ------------------------------------------------------------

    @Test
    void oneApproverFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.approvers(pid(GA1)))),
                GLOBAL_ADMIN, "fewer-than-two-approvers");
    }

    @Test
    void theSameApproverTwiceIsOneDistinctApprover() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.approvers(pid(GA1), pid(GA1)))),
                GLOBAL_ADMIN, "fewer-than-two-approvers");
    }

    @Test
    void twoStagesOfOneApproverEachFail() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN,
                        p -> p.noStages().addStage(user(pid(GA1))).addStage(user(pid(GA2))))),
                GLOBAL_ADMIN, "fewer-than-two-approvers");
    }

    @Test
    void noApprovalStageFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.noStages())),
                GLOBAL_ADMIN, "fewer-than-two-approvers");
    }

    @Test
    void groupApproverCountsAsItsMembers() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup(APPROVERS, "PIM approvers").groupMembers(APPROVERS, GA1, GA2)
                .rolePolicy(GLOBAL_ADMIN, p -> p.noStages().addStage(group(pid(APPROVERS)))));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void groupApproverWithOneMemberFails() {
        assertOneGap(run(TenantFixture.partner()
                        .addGroup(APPROVERS, "PIM approvers").groupMembers(APPROVERS, GA1)
                        .rolePolicy(GLOBAL_ADMIN, p -> p.noStages().addStage(group(pid(APPROVERS))))),
                GLOBAL_ADMIN, "fewer-than-two-approvers");
    }

    @Test
    void groupApproverAndASingleUserWhoIsItsMemberAreOneApprover() {
        assertOneGap(run(TenantFixture.partner()
                        .addGroup(APPROVERS, "PIM approvers").groupMembers(APPROVERS, GA1)
                        .rolePolicy(GLOBAL_ADMIN, p -> p.noStages().addStage(group(pid(APPROVERS)), user(pid(GA1))))),
                GLOBAL_ADMIN, "fewer-than-two-approvers");
    }

    @Test
    void groupApproverAndAnotherSingleUserAreTwo() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup(APPROVERS, "PIM approvers").groupMembers(APPROVERS, GA1)
                .rolePolicy(GLOBAL_ADMIN, p -> p.noStages().addStage(group(pid(APPROVERS)), user(pid(GA2)))));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void groupApproverWithoutMembersFileIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup(APPROVERS, "PIM approvers") // no groupMembers file
                .rolePolicy(GLOBAL_ADMIN, p -> p.noStages().addStage(group(pid(APPROVERS)), user(pid(GA1)))));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/" + pid(APPROVERS) + ".json");
    }

    @Test
    void groupApproverWithoutMembersFileDoesNotMatterWhenTwoUsersApprove() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup(APPROVERS, "PIM approvers")
                .rolePolicy(GLOBAL_ADMIN, p -> p.noStages()
                        .addStage(group(pid(APPROVERS)), user(pid(GA1)), user(pid(GA2)))));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void missingApproverMembersStillFailsWhenAnotherRuleFails() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup(APPROVERS, "PIM approvers")
                .rolePolicy(GLOBAL_ADMIN, p -> p.noStages().addStage(group(pid(APPROVERS))))
                .rolePolicy(PRIV_ROLE_ADMIN, p -> p.enabledRules("Justification")));
        assertOneGap(r, PRIV_ROLE_ADMIN, "activation-without-mfa");
    }

    // ---- enablement: MFA and justification ----------------------------------------------------------------

    @Test
    void activationWithoutMfaFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.enabledRules("Justification"))),
                GLOBAL_ADMIN, "activation-without-mfa");
    }

    @Test
    void activationWithoutJustificationFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN,
                p -> p.enabledRules("MultiFactorAuthentication"))), GLOBAL_ADMIN, "activation-without-justification");
    }

    @Test
    void enabledRulesAreComparedCaseInsensitively() {
        ControlResult r = run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN,
                p -> p.enabledRules("multifactorauthentication", "JUSTIFICATION")));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void enablementRuleAbsentFailsBoth() {
        ControlResult r = run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN,
                p -> p.without("Enablement_EndUser_Assignment")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(
                GLOBAL_ADMIN + " activation-without-mfa", GLOBAL_ADMIN + " activation-without-justification");
    }

    // ---- expiration: maximumDuration at most maxActivationHours ------------------------------------------------

    @Test
    void activationLongerThanMaxActivationHoursFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.maximumDuration("PT9H"))),
                GLOBAL_ADMIN, "activation-too-long");
    }

    @Test
    void activationOfExactlyMaxActivationHoursPasses() {
        ControlResult r = run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN, p -> p.maximumDuration("PT8H")));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void activationOfOneDayFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(PRIV_ROLE_ADMIN, p -> p.maximumDuration("P1D"))),
                PRIV_ROLE_ADMIN, "activation-too-long");
    }

    @Test
    void maxActivationHoursIsConfigurable() {
        Config four = TenantFixture.config().maxActivationHours(4).build();
        ControlResult r = Results.run(CONTROL, TenantFixture.partner().build(), four);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(
                GLOBAL_ADMIN + " activation-too-long", PRIV_ROLE_ADMIN + " activation-too-long");
    }

    @Test
    void expirationRuleAbsentFails() {
        assertOneGap(run(TenantFixture.partner().rolePolicy(GLOBAL_ADMIN,
                p -> p.without("Expiration_EndUser_Assignment"))), GLOBAL_ADMIN, "activation-too-long");
    }

    // ---- licences and missing data ---------------------------------------------------------------------------

    @Test
    void withoutP2IsNotApplicable() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.P1));
        assertThat(r.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(r.reason()).contains("needs Entra ID P2");
        assertThat(run(TenantFixture.partner().licence(Licences.Tier.FREE)).status())
                .isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void unknownLicencesAreNotAssessed() {
        assertThat(run(TenantFixture.partner().licence(Licences.Tier.UNKNOWN)).status())
                .isEqualTo(Status.NOT_ASSESSED);
    }

    @Test
    void missingPolicyFileIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("roleManagementPolicyAssignments.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleManagementPolicyAssignments.json");
    }
}
