package io.cspguard.controls.mfa;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.PHISHING_RESISTANT_COMBINATIONS;
import static io.cspguard.fixture.TenantFixture.PHISHING_RESISTANT_STRENGTH;
import static io.cspguard.fixture.TenantFixture.POLICY_PHISHING_RESISTANT;
import static io.cspguard.fixture.TenantFixture.ca;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.AuthenticationMethodsPolicy;
import io.cspguard.snapshot.graph.AuthenticationMethodsPolicy.MethodConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CSP.MFA.3 — every enabled user (break-glass aside) is covered by a phishing-resistant requirement, OR no phishable
 * second factor is left on (Sms and Voice disabled, absent counts as disabled; Authenticator number matching not off).
 */
class Mfa3PhishingResistantMfaTest {
    private static final Control CONTROL = new Mfa3PhishingResistantMfa();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    /** The customer base, with ALICE left out of the phishing-resistant policy: the first alternative fails. */
    private static TenantFixture notEveryoneCovered() {
        return TenantFixture.customer().removeCaPolicy(POLICY_PHISHING_RESISTANT).addCaPolicies(
                ca(POLICY_PHISHING_RESISTANT).excludeUsers(cid(BG), cid(ALICE)).strength(PHISHING_RESISTANT_STRENGTH,
                        "Phishing-resistant MFA", PHISHING_RESISTANT_COMBINATIONS.toArray(String[]::new)).build());
    }

    private static TenantFixture authenticator(String featureSettings, String includeTargets, String state) {
        return notEveryoneCovered().authenticationMethodsPolicy(new AuthenticationMethodsPolicy(
                "authenticationMethodsPolicy", List.of(
                TenantFixture.method("Sms", "disabled"), TenantFixture.method("Voice", "disabled"),
                new MethodConfiguration("#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
                        "MicrosoftAuthenticator", state, featureSettings == null ? null : json(featureSettings),
                        includeTargets == null ? null : json(includeTargets)))));
    }

    @Test
    void compliantBasesPass() {
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    // ---- first alternative: everyone covered -------------------------------------------------------------------

    @Test
    void everyoneCoveredPassesEvenWithSmsAndVoiceOn() {
        ControlResult r = run(TenantFixture.customer().methodState("Sms", "enabled").methodState("Voice", "enabled"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void plainMfaIsNotPhishingResistant() {
        ControlResult r = run(TenantFixture.customer().withCaPolicies(ca("MFA").excludeUsers(cid(BG)).build())
                .methodState("Sms", "enabled"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("Sms");
    }

    @Test
    void breakGlassAndDisabledUsersAreAside() {
        // BG is excluded from every policy in the base; a disabled ALICE does not count either
        assertThat(run(notEveryoneCovered().user(ALICE, u -> u.enabled(false)).methodState("Sms", "enabled"))
                .status()).isEqualTo(Status.PASS);
    }

    // ---- second alternative: no phishable factor ----------------------------------------------------------------

    @Test
    void notEveryoneCoveredButNoPhishableMethodPasses() {
        assertThat(run(notEveryoneCovered()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void smsLeftOnFailsWithOneFindingNamingIt() {
        ControlResult r = run(notEveryoneCovered().methodState("Sms", "enabled"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("Sms");
    }

    @Test
    void voiceLeftOnFails() {
        ControlResult r = run(notEveryoneCovered().methodState("Voice", "enabled"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("Voice");
    }

    @Test
    void oneFindingPerPhishableMethod() {
        ControlResult r = run(notEveryoneCovered().methodState("Sms", "enabled").methodState("Voice", "enabled"));
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder("Sms", "Voice");
    }

    @Test
    void stateIsComparedCaseInsensitively() {
        assertThat(run(notEveryoneCovered().methodState("Sms", "Disabled")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anAbsentSmsOrVoiceConfigurationCountsAsDisabled() {
        assertThat(run(notEveryoneCovered().removeMethodConfiguration("Sms").removeMethodConfiguration("Voice"))
                .status()).isEqualTo(Status.PASS);
    }

    @Test
    void numberMatchingTurnedOffInFeatureSettingsFails() {
        ControlResult r = run(authenticator("{\"numberMatchingRequiredState\":{\"state\":\"disabled\"}}", null,
                "enabled"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("MicrosoftAuthenticator");
    }

    @Test
    void numberMatchingTurnedOffOnAnIncludeTargetFails() {
        ControlResult r = run(authenticator(null,
                "[{\"targetType\":\"group\",\"id\":\"all_users\",\"numberMatchingRequiredState\":\"disabled\"}]",
                "enabled"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("MicrosoftAuthenticator");
    }

    @Test
    void numberMatchingDefaultOrEnabledPasses() {
        assertThat(run(authenticator("{\"numberMatchingRequiredState\":{\"state\":\"default\"}}", null, "enabled"))
                .status()).isEqualTo(Status.PASS);
        assertThat(run(authenticator(null, null, "enabled")).status()).as("absent: not turned off")
                .isEqualTo(Status.PASS);
    }

    @Test
    void numberMatchingOffIsPhishableEvenOnADisabledAuthenticator() {
        // the catalog: "number matching is not turned off", whatever the Authenticator method's own state
        ControlResult r = run(authenticator("{\"numberMatchingRequiredState\":{\"state\":\"disabled\"}}", null,
                "disabled"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly("MicrosoftAuthenticator");
        assertThat(r.findings().get(0).detail()).contains("number matching is turned off");
    }

    // ---- missing data --------------------------------------------------------------------------------------------

    @Test
    void missingMethodsPolicyWhenNotEveryoneIsCoveredIsNotAssessed() {
        ControlResult r = run(notEveryoneCovered().without("authenticationMethodsPolicy.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("authenticationMethodsPolicy.json");
    }

    @Test
    void missingMethodsPolicyWhenEveryoneIsCoveredPasses() {
        // one alternative holds: the control's definition is met
        assertThat(run(TenantFixture.customer().without("authenticationMethodsPolicy.json")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void missingPoliciesWithNoPhishableMethodPasses() {
        assertThat(run(TenantFixture.customer().without("conditionalAccessPolicies.json")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void missingPoliciesWithSmsOnIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("conditionalAccessPolicies.json")
                .methodState("Sms", "enabled"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("conditionalAccessPolicies.json");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void missingUsersWithSmsOnIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("users.json").methodState("Sms", "enabled"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }
}
