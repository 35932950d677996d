package io.cspguard.controls.mfa;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.POLICY_COMPLIANT_DEVICE;
import static io.cspguard.fixture.TenantFixture.POLICY_PHISHING_RESISTANT;
import static io.cspguard.fixture.TenantFixture.ca;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.snapshot.Licences;
import org.junit.jupiter.api.Test;

/** CSP.MFA.2 — every enabled user (members and guests), break-glass aside, is covered by an MFA requirement. */
class Mfa2MfaRequiredForEveryUserTest {
    private static final Control CONTROL = new Mfa2MfaRequiredForEveryUser();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    /** The customer base with the phishing-resistant policy excluding ALICE as well as BG. */
    private static TenantFixture aliceExcluded() {
        return TenantFixture.customer().withCaPolicies(
                ca(POLICY_PHISHING_RESISTANT).excludeUsers(cid(BG), cid(ALICE)).build());
    }

    @Test
    void compliantBasesPass() {
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anExcludedUserFailsWithThePolicyAndTheExclusionNamed() {
        ControlResult r = run(aliceExcluded());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(ALICE));
        assertThat(r.findings().get(0).detail())
                .contains("excluded from policy '" + POLICY_PHISHING_RESISTANT + "' by user");
    }

    @Test
    void aUserExcludedByGroupIsNamedWithTheGroup() {
        TenantFixture f = TenantFixture.customer()
                .withCaPolicies(ca(POLICY_PHISHING_RESISTANT).excludeUsers(cid(BG))
                        .excludeGroups(cid(TenantFixture.STAFF)).build());
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(cid(ALICE), cid(BOB));
        assertThat(r.findings()).allSatisfy(finding -> assertThat(finding.detail())
                .contains("excluded from policy '" + POLICY_PHISHING_RESISTANT + "' by group 'All Staff'"));
    }

    @Test
    void aDevicePolicyAloneIsNoMfaRequirement() {
        ControlResult r = run(TenantFixture.customer().removeCaPolicy(POLICY_PHISHING_RESISTANT));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(cid(ALICE), cid(BOB), cid(GA1), cid(GA2));
    }

    @Test
    void aReportOnlyPolicyDoesNotCount() {
        ControlResult r = run(TenantFixture.customer().withCaPolicies(
                ca(POLICY_PHISHING_RESISTANT).reportOnly().excludeUsers(cid(BG)).build()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(cid(ALICE), cid(BOB), cid(GA1), cid(GA2));
    }

    @Test
    void guestsAreJudged() {
        TenantFixture f = TenantFixture.customer().withCaPolicies(ca(POLICY_PHISHING_RESISTANT).excludeUsers(cid(BG))
                .excludeGuests("b2bCollaborationGuest", null).build());
        f.withUsers(f.newUser("guest1").guest().upn("guest1_other.example#EXT#@customer.example"));
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid("guest1"));
    }

    @Test
    void aCoveredGuestPasses() {
        TenantFixture f = TenantFixture.customer();
        f.withUsers(f.newUser("guest1").guest());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void disabledUsersAreNotJudged() {
        assertThat(run(aliceExcluded().user(ALICE, u -> u.enabled(false))).status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassIsAsideButJudgedWhenNotConfigured() {
        // the base excludes BG from every policy
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        ControlResult r = run(TenantFixture.partner(), TenantFixture.config().noBreakGlass().build());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(BG));
    }

    @Test
    void complementaryPoliciesTogetherPass() {
        TenantFixture f = TenantFixture.customer().withCaPolicies(
                ca("MFA except staff").excludeUsers(cid(BG)).excludeGroups(cid(TenantFixture.STAFF)).build(),
                ca("MFA for staff").includeGroups(cid(TenantFixture.STAFF)).build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void withoutP1AndWithoutSecurityDefaultsTheRemedyIsSecurityDefaults() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.FREE));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(cid(ALICE), cid(BOB), cid(GA1), cid(GA2));
        assertThat(r.summary()).contains("turn on security defaults");
    }

    @Test
    void withoutP1SecurityDefaultsPass() {
        assertThat(run(TenantFixture.customer().licence(Licences.Tier.FREE).securityDefaults(true)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void withP1TheRemedyIsACaPolicy() {
        ControlResult r = run(aliceExcluded().licence(Licences.Tier.P1));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.summary()).contains("Conditional Access policy").doesNotContain("security defaults");
    }

    @Test
    void securityDefaultsCoverUsersThatPoliciesLeaveOut() {
        assertThat(run(aliceExcluded().securityDefaults(true)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }

    @Test
    void missingPoliciesIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("conditionalAccessPolicies.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("conditionalAccessPolicies.json");
    }

    @Test
    void missingPoliciesWithSecurityDefaultsOnPasses() {
        assertThat(run(TenantFixture.customer().without("conditionalAccessPolicies.json").securityDefaults(true))
                .status()).isEqualTo(Status.PASS);
    }

    @Test
    void unknownLicencesAreNotAssessedUnlessSecurityDefaultsDecide() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.UNKNOWN));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("subscribedSkus.json");
        assertThat(run(TenantFixture.customer().licence(Licences.Tier.UNKNOWN).securityDefaults(true)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void unknownLicencesStillFailAUserNoPolicyCouldCover() {
        ControlResult r = run(aliceExcluded().licence(Licences.Tier.UNKNOWN));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(ALICE));
    }

    @Test
    void aMissingMembersFileOfAnExcludedGroupIsNotAssessed() {
        TenantFixture f = TenantFixture.customer()
                .withCaPolicies(ca(POLICY_PHISHING_RESISTANT).excludeUsers(cid(BG))
                        .excludeGroups(cid(TenantFixture.STAFF)).build())
                .without("groupMembers/" + TenantFixture.STAFF);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/c-grp-staff.json");
    }

    @Test
    void aMissingMembersFileStillFailsAUserWhoIsCertainlyUncovered() {
        TenantFixture f = TenantFixture.customer()
                .withCaPolicies(ca(POLICY_PHISHING_RESISTANT).excludeUsers(cid(BG), cid(GA2))
                        .excludeGroups(cid(TenantFixture.STAFF)).build())
                .without("groupMembers/" + TenantFixture.STAFF);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(GA2));
    }

    @Test
    void aMissingMembersFileOfAGroupNamedOnlyByAReportOnlyPolicyDoesNotMatter() {
        TenantFixture f = TenantFixture.customer()
                .addCaPolicies(ca("Report-only staff").reportOnly().excludeGroups(cid(TenantFixture.STAFF)).build())
                .without("groupMembers/" + TenantFixture.STAFF);
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void theDevicePolicyIsNotNeeded() {
        assertThat(run(TenantFixture.customer().removeCaPolicy(POLICY_COMPLIANT_DEVICE)).status())
                .isEqualTo(Status.PASS);
    }
}
