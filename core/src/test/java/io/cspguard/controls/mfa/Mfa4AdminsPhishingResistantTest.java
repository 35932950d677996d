package io.cspguard.controls.mfa;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.MFA_STRENGTH;
import static io.cspguard.fixture.TenantFixture.PHISHING_RESISTANT_COMBINATIONS;
import static io.cspguard.fixture.TenantFixture.PHISHING_RESISTANT_STRENGTH;
import static io.cspguard.fixture.TenantFixture.POLICY_PHISHING_RESISTANT;
import static io.cspguard.fixture.TenantFixture.SECURITY_ADMIN;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSP.MFA.4 — every enabled admin (break-glass aside) is covered by a phishing-resistant requirement, AND every enabled
 * admin (break-glass included) has a phishing-resistant method registered.
 */
class Mfa4AdminsPhishingResistantTest {
    private static final Control CONTROL = new Mfa4AdminsPhishingResistant();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    /** The customer base with the phishing-resistant policy also excluding these users. */
    private static TenantFixture excluding(String... users) {
        String[] ids = new String[users.length + 1];
        ids[0] = cid(BG);
        for (int i = 0; i < users.length; i++) {
            ids[i + 1] = cid(users[i]);
        }
        return TenantFixture.customer().removeCaPolicy(POLICY_PHISHING_RESISTANT).addCaPolicies(
                ca(POLICY_PHISHING_RESISTANT).excludeUsers(ids).strength(PHISHING_RESISTANT_STRENGTH,
                        "Phishing-resistant MFA", PHISHING_RESISTANT_COMBINATIONS.toArray(String[]::new)).build());
    }

    @Test
    void compliantBasesPass() {
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void baseExcludingNoOneElseAlsoPasses() {
        assertThat(run(excluding()).status()).isEqualTo(Status.PASS);
    }

    // ---- clause 1: coverage --------------------------------------------------------------------------------------

    @Test
    void anAdminNotCoveredFails() {
        ControlResult r = run(excluding(GA2));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA2) + " not-covered");
        assertThat(r.findings().get(0).detail()).contains("excluded from policy '" + POLICY_PHISHING_RESISTANT + "'");
    }

    @Test
    void plainMfaDoesNotCoverAdmins() {
        ControlResult r = run(TenantFixture.customer().withCaPolicies(ca("MFA").excludeUsers(cid(BG))
                .strength(MFA_STRENGTH, "Multifactor authentication", "fido2", "password,microsoftAuthenticatorPush")
                .build()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(cid(GA1) + " not-covered",
                cid(GA2) + " not-covered");
    }

    @Test
    void aNonAdminNotCoveredDoesNotMatter() {
        assertThat(run(excluding(ALICE, BOB)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassIsAsideFromCoverage() {
        // BG is excluded from every policy in the base, and passes
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        ControlResult r = run(TenantFixture.partner(), TenantFixture.config().noBreakGlass().build());
        assertThat(Results.objectRules(r)).containsExactly(pid(BG) + " not-covered");
    }

    @Test
    void anAdminThroughAGroupIsJudged() {
        TenantFixture f = excluding(BOB).addGroup("grp-secops", "SecOps").groupMembers("grp-secops", BOB)
                .addEligibility("grp-secops", SECURITY_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        // BOB is not covered, and has only Authenticator registered
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(cid(BOB) + " not-covered",
                cid(BOB) + " no-phishing-resistant-method");
    }

    @Test
    void disabledAdminsAreNotJudged() {
        assertThat(run(excluding(GA2).user(GA2, u -> u.enabled(false).methods("sms"))).status())
                .isEqualTo(Status.PASS);
    }

    // ---- clause 2: a registered method ---------------------------------------------------------------------------

    @Test
    void anAdminWithoutAPhishingResistantMethodFails() {
        ControlResult r = run(TenantFixture.customer().user(GA2, u -> u.methods("microsoftAuthenticatorPush", "sms")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA2) + " no-phishing-resistant-method");
    }

    @Test
    void anAdminMissingFromUserRegistrationDetailsFails() {
        ControlResult r = run(TenantFixture.customer().user(GA1, u -> u.noRegistration()));
        assertThat(Results.objectRules(r)).containsExactly(cid(GA1) + " no-phishing-resistant-method");
    }

    @Test
    void breakGlassIsIncludedInTheRegisteredMethodClause() {
        ControlResult r = run(TenantFixture.customer().user(BG, u -> u.methods("microsoftAuthenticatorPush")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(BG) + " no-phishing-resistant-method");
    }

    @Test
    void anAdminLackingBothHasTwoFindings() {
        ControlResult r = run(excluding(GA2).user(GA2, u -> u.methods("softwareOneTimePasscode")));
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(cid(GA2) + " not-covered",
                cid(GA2) + " no-phishing-resistant-method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fido2SecurityKey", "windowsHelloForBusiness", "passKeyDeviceBound",
            "passKeyDeviceBoundAuthenticator", "passKeyDeviceBoundWindowsHello", "passKeySynced",
            "macOsSecureEnclaveKey", "FIDO2SECURITYKEY"})
    void eachPhishingResistantMethodCounts(String method) {
        assertThat(run(TenantFixture.customer().user(GA2, u -> u.methods(method))).status()).isEqualTo(Status.PASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"microsoftAuthenticatorPush", "softwareOneTimePasscode", "hardwareOneTimePasscode",
            "sms", "voice", "email", "temporaryAccessPass", "microsoftAuthenticatorPasswordless"})
    void otherMethodsDoNotCount(String method) {
        ControlResult r = run(TenantFixture.customer().user(GA2, u -> u.methods(method)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(GA2));
    }

    @Test
    void ordinaryUsersNeedNoPhishingResistantMethod() {
        assertThat(run(TenantFixture.customer().user(ALICE, u -> u.methods("sms"))).status()).isEqualTo(Status.PASS);
    }

    // ---- missing data --------------------------------------------------------------------------------------------

    @Test
    void missingRegistrationDetailsIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("userRegistrationDetails.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("userRegistrationDetails.json");
    }

    @Test
    void missingRegistrationDetailsStillFailsAnUncoveredAdmin() {
        ControlResult r = run(excluding(GA1).without("userRegistrationDetails.json"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA1) + " not-covered");
    }

    @Test
    void missingPoliciesIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("conditionalAccessPolicies.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("conditionalAccessPolicies.json");
    }

    @Test
    void missingPoliciesStillFailsAnAdminWithoutAMethod() {
        ControlResult r = run(TenantFixture.customer().without("conditionalAccessPolicies.json")
                .user(GA1, u -> u.methods("sms")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA1) + " no-phishing-resistant-method");
    }

    @Test
    void missingEligibilitiesMakeWhoIsAnAdminUnknown() {
        ControlResult r = run(TenantFixture.customer().without("roleEligibilitySchedules.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleEligibilitySchedules.json");
    }

    @Test
    void missingUsersIsNotAssessed() {
        assertThat(run(TenantFixture.customer().without("users.json")).status()).isEqualTo(Status.NOT_ASSESSED);
    }
}
