package io.cspguard.coverage;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.GLOBAL_ADMIN;
import static io.cspguard.fixture.TenantFixture.MFA_STRENGTH;
import static io.cspguard.fixture.TenantFixture.PHISHING_RESISTANT_STRENGTH;
import static io.cspguard.fixture.TenantFixture.ca;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.config.Config;
import io.cspguard.controls.TenantView;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.TenantSnapshot;
import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.User;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * controls.md, "When a Conditional Access policy enforces a grant for a user": applies (enabled, included, not
 * excluded), covers every sign-in (no narrowing), requires the grant (operator rule, authentication strengths), per user
 * across all policies; security defaults; unknowns.
 */
class CoverageEngineTest {
    private static final Config CONFIG = TenantFixture.defaultConfig();
    private static final String POLICY = "MFA for everyone";

    /** The customer base with its CA policies replaced. */
    private static TenantFixture tenant(CaPolicy... policies) {
        return TenantFixture.customer().withCaPolicies(policies);
    }

    private static Coverage coverage(TenantFixture f, String user, Requirement requirement) {
        TenantView v = TenantFixture.view(f.build(), CONFIG);
        return coverage(v, f.id(user), requirement);
    }

    private static Coverage coverage(TenantView v, String userId, Requirement requirement) {
        User u = v.user(userId).orElseThrow(() -> new AssertionError("no user " + userId));
        return v.coverage().coverage(u, requirement);
    }

    private static Coverage mfa(TenantFixture f, String user) {
        return coverage(f, user, Requirement.MFA);
    }

    @Test
    void anEnabledPolicyForAllUsersAndAllAppsRequiringMfaCoversEveryone() {
        TenantFixture f = tenant(ca(POLICY).build());
        for (String user : List.of(ALICE, BOB, GA1, GA2, BG)) {
            Coverage c = mfa(f, user);
            assertThat(c.covered()).as(user).isEqualTo(Tri.TRUE);
            assertThat(c.coveredBy()).isEqualTo("policy '" + POLICY + "'");
        }
    }

    @Test
    void noPolicyAtAllLeavesEveryoneUncoveredAndSaysSo() {
        Coverage c = mfa(tenant(), ALICE);
        assertThat(c.covered()).isEqualTo(Tri.FALSE);
        assertThat(c.why()).isEqualTo("no enabled policy includes them");
    }

    // ---- state ----------------------------------------------------------------------------------------------------

    @Nested
    class State {
        @Test
        void reportOnlyPolicyNeverCounts() {
            Coverage c = mfa(tenant(ca(POLICY).reportOnly().build()), ALICE);
            assertThat(c.covered()).isEqualTo(Tri.FALSE);
            assertThat(c.why()).contains("policy '" + POLICY + "'").contains("report-only");
        }

        @Test
        void disabledPolicyNeverCounts() {
            Coverage c = mfa(tenant(ca(POLICY).disabled().build()), ALICE);
            assertThat(c.covered()).isEqualTo(Tri.FALSE);
            assertThat(c.why()).contains("policy '" + POLICY + "'").contains("disabled");
        }

        @Test
        void stateIsComparedCaseInsensitively() {
            assertThat(mfa(tenant(ca(POLICY).state("Enabled").build()), ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void aReportOnlyPolicyNextToAnEnabledOneChangesNothing() {
            TenantFixture f = tenant(ca("Report-only: exclude nobody").reportOnly().build(),
                    ca(POLICY).excludeUsers(TenantFixture.cid(ALICE)).build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        }
    }

    // ---- who is included and excluded ------------------------------------------------------------------------------

    @Nested
    class WhoIsIncluded {
        @Test
        void excludedByUser() {
            TenantFixture f = tenant(ca(POLICY).excludeUsers(TenantFixture.cid(ALICE)).build());
            Coverage alice = mfa(f, ALICE);
            assertThat(alice.covered()).isEqualTo(Tri.FALSE);
            assertThat(alice.explanations()).containsExactly("excluded from policy '" + POLICY + "' by user");
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void includedByUserOnly() {
            TenantFixture f = tenant(ca(POLICY).includeUsers(TenantFixture.cid(BOB)).build());
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void excludedByNestedGroupThroughTheTransitiveMembersFile() {
            // Contractors contains the group Vendors, which contains Alice: transitiveMembers lists both.
            TenantFixture f = tenant(ca(POLICY).excludeGroups(TenantFixture.cid("grp-contractors")).build())
                    .addGroup("grp-contractors", "Contractors")
                    .addGroup("grp-vendors", "Vendors")
                    .groupMembers("grp-vendors", ALICE)
                    .groupMembers("grp-contractors", "grp-vendors", ALICE);
            Coverage alice = mfa(f, ALICE);
            assertThat(alice.covered()).isEqualTo(Tri.FALSE);
            assertThat(alice.explanations())
                    .containsExactly("excluded from policy '" + POLICY + "' by group 'Contractors'");
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void includedByNestedGroup() {
            TenantFixture f = tenant(ca(POLICY).includeGroups(TenantFixture.cid("grp-contractors")).build())
                    .addGroup("grp-contractors", "Contractors")
                    .addGroup("grp-vendors", "Vendors")
                    .groupMembers("grp-vendors", ALICE)
                    .groupMembers("grp-contractors", "grp-vendors", ALICE);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
            Coverage bob = mfa(f, BOB);
            assertThat(bob.covered()).isEqualTo(Tri.FALSE);
            assertThat(bob.why()).isEqualTo("no enabled policy includes them");
        }

        @Test
        void includedByRoleThroughAnActiveAssignmentOnly() {
            // GA1 has activated Global Administrator (roleAssignments); GA2 is only eligible.
            TenantFixture f = tenant(ca(POLICY).includeRoles(GLOBAL_ADMIN).build());
            assertThat(mfa(f, GA1).covered()).isEqualTo(Tri.TRUE);
            assertThat(mfa(f, GA2).covered()).as("an eligible-only holder is not included by includeRoles")
                    .isEqualTo(Tri.FALSE);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void includedByRoleHeldActivelyThroughAGroup() {
            TenantFixture f = tenant(ca(POLICY).includeRoles(GLOBAL_ADMIN).build())
                    .addGroup("grp-admins", "Tenant admins")
                    .groupMembers("grp-admins", BOB)
                    .addRoleAssignment("grp-admins", GLOBAL_ADMIN);
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void aRoleEligibleThroughAGroupDoesNotInclude() {
            TenantFixture f = tenant(ca(POLICY).includeRoles(GLOBAL_ADMIN).build())
                    .addGroup("grp-admins", "Tenant admins")
                    .groupMembers("grp-admins", BOB)
                    .addEligibility("grp-admins", GLOBAL_ADMIN);
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void excludedByRoleThroughAnActiveAssignmentOnly() {
            TenantFixture f = tenant(ca(POLICY).excludeRoles(GLOBAL_ADMIN).build());
            Coverage ga1 = mfa(f, GA1);
            assertThat(ga1.covered()).isEqualTo(Tri.FALSE);
            assertThat(ga1.explanations())
                    .containsExactly("excluded from policy '" + POLICY + "' by role 'Global Administrator'");
            assertThat(mfa(f, GA2).covered()).as("eligible only: not excluded by excludeRoles").isEqualTo(Tri.TRUE);
        }

        @Test
        void guestIncludedByGuestTypeB2bCollaborationGuest() {
            TenantFixture f = withGuest(tenant(ca(POLICY).includeGuests("b2bCollaborationGuest", null).build()));
            assertThat(mfa(f, "guest1").covered()).isEqualTo(Tri.TRUE);
            assertThat(mfa(f, ALICE).covered()).as("a member is not a guest type").isEqualTo(Tri.FALSE);
        }

        @Test
        void guestTypeAmongSeveralIsFound() {
            TenantFixture f = withGuest(tenant(ca(POLICY).includeGuests(
                    "internalGuest, b2bCollaborationGuest,b2bDirectConnectUser", "{\"membershipKind\":\"all\"}").build()));
            assertThat(mfa(f, "guest1").covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void anotherGuestTypeDoesNotIncludeAGuest() {
            TenantFixture f = withGuest(tenant(ca(POLICY).includeGuests("b2bDirectConnectUser", null).build()));
            assertThat(mfa(f, "guest1").covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void guestFromEnumeratedExternalTenantsIsUnknown() {
            TenantFixture f = withGuest(tenant(ca(POLICY).includeGuests("b2bCollaborationGuest",
                    "{\"@odata.type\":\"#microsoft.graph.conditionalAccessEnumeratedExternalTenants\","
                            + "\"membershipKind\":\"enumerated\",\"members\":[\"33333333-3333-4333-8333-333333333333\"]}")
                    .build()));
            Coverage c = mfa(f, "guest1");
            assertThat(c.covered()).isEqualTo(Tri.UNKNOWN);
            assertThat(c.unknowns()).isNotEmpty();
        }

        @Test
        void guestExcludedByGuestType() {
            TenantFixture f = withGuest(tenant(ca(POLICY).excludeGuests("b2bCollaborationGuest", null).build()));
            Coverage c = mfa(f, "guest1");
            assertThat(c.covered()).isEqualTo(Tri.FALSE);
            assertThat(c.explanations()).singleElement().asString()
                    .startsWith("excluded from policy '" + POLICY + "' by guest type b2bCollaborationGuest");
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void guestExclusionFromEnumeratedExternalTenantsIsUnknown() {
            TenantFixture f = withGuest(tenant(ca(POLICY).excludeGuests("b2bCollaborationGuest",
                    "{\"membershipKind\":\"enumerated\",\"members\":[\"33333333-3333-4333-8333-333333333333\"]}")
                    .build()));
            assertThat(mfa(f, "guest1").covered()).isEqualTo(Tri.UNKNOWN);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void legacyIncludeUsersGuestsOrExternalUsersIncludesEveryGuest() {
            // docs/decisions.md §5
            TenantFixture f = withGuest(tenant(ca(POLICY).includeUsers("GuestsOrExternalUsers").build()));
            assertThat(mfa(f, "guest1").covered()).isEqualTo(Tri.TRUE);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void userIdsAreComparedCaseInsensitively() {
            TenantFixture f = tenant(ca(POLICY).excludeUsers(TenantFixture.cid(ALICE).toUpperCase()).build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        private TenantFixture withGuest(TenantFixture f) {
            return f.withUsers(f.newUser("guest1").guest().upn("guest1_other.example#EXT#@customer.example"));
        }
    }

    // ---- across policies ------------------------------------------------------------------------------------------

    @Test
    void complementaryPoliciesCoverEveryone() {
        // A: everyone but Contractors; B: Contractors only. Neither covers everyone; together they do.
        TenantFixture f = tenant(
                ca("A: all but contractors").excludeGroups(TenantFixture.cid("grp-contractors")).build(),
                ca("B: contractors").includeGroups(TenantFixture.cid("grp-contractors")).build())
                .addGroup("grp-contractors", "Contractors")
                .groupMembers("grp-contractors", ALICE);
        assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        assertThat(mfa(f, ALICE).coveredBy()).isEqualTo("policy 'B: contractors'");
        assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        assertThat(mfa(f, BOB).coveredBy()).isEqualTo("policy 'A: all but contractors'");
    }

    @Test
    void aUserExcludedFromBothComplementaryHalvesIsNamedWithEachExclusion() {
        TenantFixture f = tenant(
                ca("A").excludeUsers(TenantFixture.cid(ALICE)).build(),
                ca("B").excludeGroups(TenantFixture.cid("grp-contractors")).build())
                .addGroup("grp-contractors", "Contractors")
                .groupMembers("grp-contractors", ALICE);
        Coverage c = mfa(f, ALICE);
        assertThat(c.covered()).isEqualTo(Tri.FALSE);
        assertThat(c.explanations()).containsExactly("excluded from policy 'A' by user",
                "excluded from policy 'B' by group 'Contractors'");
    }

    // ---- grants ---------------------------------------------------------------------------------------------------

    @Nested
    class Grants {
        @Test
        void mfaOrCompliantDeviceRequiresNeither() {
            TenantFixture f = tenant(ca(POLICY).grant("OR", "mfa", "compliantDevice").build());
            Coverage c = mfa(f, ALICE);
            assertThat(c.covered()).isEqualTo(Tri.FALSE);
            assertThat(c.why()).contains("policy '" + POLICY + "' does not require MFA");
            assertThat(coverage(f, ALICE, Requirement.COMPLIANT_DEVICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void mfaOrApprovedAppDoesNotRequireMfa() {
            TenantFixture f = tenant(ca(POLICY).grant("OR", "mfa", "approvedApplication").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void compliantDeviceOrDomainJoinedDeviceRequiresADevice() {
            TenantFixture f = tenant(ca(POLICY).grant("OR", "compliantDevice", "domainJoinedDevice").build());
            assertThat(coverage(f, ALICE, Requirement.COMPLIANT_DEVICE).covered()).isEqualTo(Tri.TRUE);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void compliantDeviceAloneRequiresADevice() {
            TenantFixture f = tenant(ca(POLICY).grant("OR", "compliantDevice").build());
            assertThat(coverage(f, ALICE, Requirement.COMPLIANT_DEVICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void mfaAndCompliantDeviceRequiresBoth() {
            TenantFixture f = tenant(ca(POLICY).grant("AND", "mfa", "compliantDevice").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
            assertThat(coverage(f, ALICE, Requirement.COMPLIANT_DEVICE).covered()).isEqualTo(Tri.TRUE);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void operatorIsComparedCaseInsensitively() {
            TenantFixture f = tenant(ca(POLICY).grant("and", "mfa", "compliantDevice").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void mfaAndTermsOfUseRequiresMfa() {
            TenantFixture f = tenant(ca(POLICY).grant("AND", "mfa").termsOfUse("tou-1").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void blockIsNotMfa() {
            TenantFixture f = tenant(ca(POLICY).grant("OR", "block").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void aPolicyWithoutGrantControlsRequiresNothing() {
            TenantFixture f = tenant(ca(POLICY).noGrant().build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void mfaStrengthRequiresMfaButNotPhishingResistance() {
            TenantFixture f = tenant(ca(POLICY).strength(MFA_STRENGTH, "Multifactor authentication",
                    "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush",
                    "password,microsoftAuthenticatorPush", "password,sms").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void phishingResistantStrengthRequiresBoth() {
            TenantFixture f = tenant(ca(POLICY).strength(PHISHING_RESISTANT_STRENGTH, "Phishing-resistant MFA",
                    "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void builtInPhishingResistantStrengthWithoutCombinationsIsResolvedById() {
            TenantFixture f = tenant(ca(POLICY).strength(PHISHING_RESISTANT_STRENGTH, "Phishing-resistant MFA").build());
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void customStrengthWithoutCombinationsIsUnknown() {
            TenantFixture f = tenant(ca(POLICY).strength("custom-strength-1", "Custom").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.UNKNOWN);
        }

        @Test
        void aStrengthOfOnlyPasswordDoesNotRequireMfa() {
            TenantFixture f = tenant(ca(POLICY).strength("custom-password", "Password only", "password").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void aStrengthWithASmsCombinationIsNotPhishingResistant() {
            TenantFixture f = tenant(ca(POLICY).strength("custom-mixed", "Mixed", "fido2", "password,sms").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void phishingResistantStrengthOrCompliantDeviceRequiresNoMfa() {
            TenantFixture f = tenant(ca(POLICY).grant("OR", "compliantDevice")
                    .andStrength(PHISHING_RESISTANT_STRENGTH, "Phishing-resistant MFA",
                            "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor").build());
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void phishingResistantStrengthAndCompliantDeviceRequiresBoth() {
            TenantFixture f = tenant(ca(POLICY).grant("AND", "compliantDevice")
                    .andStrength(PHISHING_RESISTANT_STRENGTH, "Phishing-resistant MFA",
                            "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor").build());
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.TRUE);
            assertThat(coverage(f, ALICE, Requirement.COMPLIANT_DEVICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void builtInMfaIsNotPhishingResistant() {
            TenantFixture f = tenant(ca(POLICY).build());
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
        }
    }

    // ---- narrowing ------------------------------------------------------------------------------------------------

    static Stream<Arguments> narrowings() {
        return Stream.of(
                narrowing("excluded apps", s -> s.excludeApplications("00000003-0000-0ff1-ce00-000000000000")),
                narrowing("includeApplications not All", s -> s.includeApplications("Office365")),
                narrowing("clientAppTypes", s -> s.clientAppTypes("browser", "mobileAppsAndDesktopClients")),
                narrowing("platforms", s -> s.platforms("{\"includePlatforms\":[\"android\",\"iOS\"],"
                        + "\"excludePlatforms\":[]}")),
                narrowing("platforms all but one", s -> s.platforms("{\"includePlatforms\":[\"all\"],"
                        + "\"excludePlatforms\":[\"linux\"]}")),
                narrowing("locations", s -> s.locations("{\"includeLocations\":[\"All\"],"
                        + "\"excludeLocations\":[\"AllTrusted\"]}")),
                narrowing("device filter", s -> s.devices("{\"deviceFilter\":{\"mode\":\"exclude\","
                        + "\"rule\":\"device.trustType -eq \\\"ServerAD\\\"\"}}")),
                narrowing("clientApplications", s -> s.clientApplications("{\"includeServicePrincipals\":"
                        + "[\"ServicePrincipalsInMyTenant\"],\"excludeServicePrincipals\":[]}")),
                narrowing("applicationFilter", s -> s.applicationFilter("{\"mode\":\"include\",\"rule\":"
                        + "\"CustomSecurityAttribute.Engineering_Project -eq \\\"Baker\\\"\"}")),
                narrowing("sign-in risk", s -> s.signInRisk("high", "medium")),
                narrowing("user risk", s -> s.userRisk("high")),
                narrowing("insiderRiskLevels", s -> s.insiderRisk("\"elevated\"")),
                narrowing("authenticationFlows", s -> s.authenticationFlows("{\"transferMethods\":\"deviceCodeFlow\"}")),
                narrowing("user actions", s -> s.userActions("urn:user:registersecurityinfo")),
                narrowing("authentication context", s -> s.authenticationContexts("c1")));
    }

    private static Arguments narrowing(String name, UnaryOperator<TenantFixture.CaSpec> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0} makes the policy not cover")
    @MethodSource("narrowings")
    void eachNarrowingConditionMakesThePolicyNotCover(String name, UnaryOperator<TenantFixture.CaSpec> change) {
        TenantFixture f = tenant(change.apply(ca(POLICY)).build());
        Coverage c = mfa(f, ALICE);
        assertThat(c.covered()).as(name).isEqualTo(Tri.FALSE);
        assertThat(c.why()).as(name).contains("policy '" + POLICY + "'").contains("not for every sign-in");
        // the same policy with a device grant does not cover a device requirement either
        TenantFixture device = tenant(change.apply(ca(POLICY).grant("OR", "compliantDevice")).build());
        assertThat(coverage(device, ALICE, Requirement.COMPLIANT_DEVICE).covered()).as(name).isEqualTo(Tri.FALSE);
    }

    @Test
    void emptyClientAppTypesAndEmptyConditionObjectsDoNotNarrow() {
        TenantFixture f = tenant(ca(POLICY).clientAppTypes().devices("{\"deviceFilter\":null}")
                .authenticationFlows("{\"transferMethods\":null}").build());
        assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
    }

    @Test
    void anyPlatformAndAnyLocationDoNotNarrow() {
        // docs/decisions.md §2: the portal saves "any platform / any location" this way.
        TenantFixture f = tenant(ca(POLICY).platforms("{\"includePlatforms\":[\"all\"],\"excludePlatforms\":[]}")
                .locations("{\"includeLocations\":[\"All\"]}").build());
        assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
    }

    @Test
    void aNarrowedPolicyNextToAFullOneStillLeavesTheUserCoveredByTheFullOne() {
        TenantFixture f = tenant(ca("Browser only").clientAppTypes("browser").build(), ca(POLICY).build());
        assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
    }

    // ---- missing data ---------------------------------------------------------------------------------------------

    @Nested
    class MissingData {
        @Test
        void aMissingMembersFileOfAGroupExcludedByAnEnabledPolicyMakesCoverageUnknown() {
            TenantFixture f = tenant(ca(POLICY).excludeGroups(TenantFixture.cid("grp-contractors")).build())
                    .addGroup("grp-contractors", "Contractors");
            Coverage c = mfa(f, ALICE);
            assertThat(c.covered()).isEqualTo(Tri.UNKNOWN);
            assertThat(String.join(" ", c.unknowns())).contains("groupMembers/c-grp-contractors.json");
        }

        @Test
        void aMissingMembersFileOfAGroupIncludedByAnEnabledPolicyMakesCoverageUnknown() {
            TenantFixture f = tenant(ca(POLICY).includeGroups(TenantFixture.cid("grp-contractors")).build())
                    .addGroup("grp-contractors", "Contractors");
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.UNKNOWN);
        }

        @Test
        void aMissingMembersFileDoesNotMatterForAUserAnotherPolicyCovers() {
            TenantFixture f = tenant(ca("A").excludeGroups(TenantFixture.cid("grp-contractors")).build(),
                    ca(POLICY).build())
                    .addGroup("grp-contractors", "Contractors");
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void aMissingMembersFileOfAGroupNamedOnlyByAReportOnlyPolicyDoesNotMatter() {
            TenantFixture f = tenant(
                    ca("Report-only contractors").reportOnly().includeGroups(TenantFixture.cid("grp-contractors"))
                            .build(),
                    ca(POLICY).excludeUsers(TenantFixture.cid(ALICE)).build())
                    .addGroup("grp-contractors", "Contractors");
            assertThat(mfa(f, ALICE).covered()).as("certainly uncovered, not unknown").isEqualTo(Tri.FALSE);
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void aMissingMembersFileOfAGroupNamedOnlyByADisabledPolicyDoesNotMatter() {
            TenantFixture f = tenant(
                    ca("Disabled").disabled().excludeGroups(TenantFixture.cid("grp-contractors")).build(),
                    ca(POLICY).build())
                    .addGroup("grp-contractors", "Contractors");
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void missingRoleAssignmentsMakeInclusionByRoleUnknown() {
            TenantFixture f = tenant(ca(POLICY).includeRoles(GLOBAL_ADMIN).build()).without("roleAssignments.json");
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.UNKNOWN);
        }

        @Test
        void missingPoliciesFileIsUnknown() {
            TenantFixture f = tenant().without("conditionalAccessPolicies.json");
            Coverage c = mfa(f, ALICE);
            assertThat(c.covered()).isEqualTo(Tri.UNKNOWN);
            assertThat(String.join(" ", c.unknowns())).contains("conditionalAccessPolicies.json");
        }

        @Test
        void missingSecurityDefaultsWithNoCoveringPolicyIsUnknown() {
            TenantFixture f = tenant(ca(POLICY).excludeUsers(TenantFixture.cid(ALICE)).build())
                    .without("securityDefaults.json");
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.UNKNOWN);
            assertThat(mfa(f, BOB).covered()).isEqualTo(Tri.TRUE);
        }
    }

    // ---- security defaults and licences ---------------------------------------------------------------------------

    @Nested
    class SecurityDefaultsAndLicences {
        @Test
        void securityDefaultsCoverEveryoneForMfa() {
            TenantFixture f = tenant().securityDefaults(true);
            Coverage c = mfa(f, ALICE);
            assertThat(c.covered()).isEqualTo(Tri.TRUE);
            assertThat(c.coveredBy()).isEqualTo("security defaults");
        }

        @Test
        void securityDefaultsDoNotCoverPhishingResistantMfaOrDevices() {
            TenantFixture f = tenant().securityDefaults(true);
            assertThat(coverage(f, ALICE, Requirement.PHISHING_RESISTANT_MFA).covered()).isEqualTo(Tri.FALSE);
            assertThat(coverage(f, ALICE, Requirement.COMPLIANT_DEVICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void securityDefaultsCoverAFreeTenant() {
            TenantFixture f = tenant().licence(Licences.Tier.FREE).securityDefaults(true);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void unknownLicencesMakeCaCoverageUnknown() {
            TenantFixture f = tenant(ca(POLICY).build()).licence(Licences.Tier.UNKNOWN);
            Coverage c = mfa(f, ALICE);
            assertThat(c.covered()).isEqualTo(Tri.UNKNOWN);
            assertThat(String.join(" ", c.unknowns())).contains("subscribedSkus.json");
        }

        @Test
        void unknownLicencesLeaveAUserNoPolicyCouldCoverUncovered() {
            // docs/decisions.md §6
            TenantFixture f = tenant(ca(POLICY).excludeUsers(TenantFixture.cid(ALICE)).build())
                    .licence(Licences.Tier.UNKNOWN);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.FALSE);
        }

        @Test
        void unknownLicencesWithSecurityDefaultsOnAreCovered() {
            TenantFixture f = tenant(ca(POLICY).build()).licence(Licences.Tier.UNKNOWN).securityDefaults(true);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void p1IsEnoughForConditionalAccess() {
            TenantFixture f = tenant(ca(POLICY).build()).licence(Licences.Tier.P1);
            assertThat(mfa(f, ALICE).covered()).isEqualTo(Tri.TRUE);
        }

        @Test
        void withoutP1PresentPoliciesDoNotCount() {
            // controls.md: "In a tenant without P1, Conditional Access is not enforced: … its policies, if present, do
            // not count." The loader empties them; the engine must not count them either when handed a snapshot that
            // still holds them (TenantSnapshot is a public record). (CoverageEngine once decided `enforced` from
            // licences.known() alone, so such a policy covered.)
            TenantSnapshot p2 = tenant(ca(POLICY).build()).build();
            TenantSnapshot free = withLicences(p2, new Licences(Licences.Tier.FREE, null));
            Coverage c = coverage(TenantFixture.view(free, CONFIG), TenantFixture.cid(ALICE), Requirement.MFA);
            assertThat(c.covered()).isEqualTo(Tri.FALSE);
        }
    }

    private static TenantSnapshot withLicences(TenantSnapshot s, Licences licences) {
        return new TenantSnapshot(s.info(), licences, s.organization(), s.users(), s.userRegistrationDetails(),
                s.groups(), s.groupMembers(), s.roleDefinitions(), s.roleAssignments(), s.roleAssignmentSchedules(),
                s.roleEligibilitySchedules(), s.roleManagementPolicyAssignments(), s.pimGroupAssignmentSchedules(),
                s.pimGroupPolicyAssignments(), s.conditionalAccessPolicies(), s.securityDefaults(),
                s.authenticationMethodsPolicy(), s.authenticationMethods(), s.signIns(), s.directoryAudits(),
                s.riskyUsers(), s.applications(), s.servicePrincipals(), s.delegatedAdminRelationships(),
                s.delegatedAdminAccessAssignments(), s.azureRoleAssignments());
    }
}
