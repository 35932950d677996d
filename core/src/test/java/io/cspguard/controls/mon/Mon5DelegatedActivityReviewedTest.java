package io.cspguard.controls.mon;

import static io.cspguard.fixture.TenantFixture.ADMIN_AGENTS;
import static io.cspguard.fixture.TenantFixture.ADMIN_PORTALS;
import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.AGENT2;
import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GDAP_GROUP;
import static io.cspguard.fixture.TenantFixture.PARTNER_ID;
import static io.cspguard.fixture.TenantFixture.PAW1;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.pid;
import static io.cspguard.fixture.TenantFixture.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.controls.Scope;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.TenantSnapshot;
import io.cspguard.snapshot.graph.DirectoryAudit;
import io.cspguard.snapshot.graph.SignIn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSP.MON.5 — delegated admin activity is reviewed (customer tenant, partner snapshot as context). */
class Mon5DelegatedActivityReviewedTest {
    private static final Control CONTROL = new Mon5DelegatedActivityReviewed();
    private static final Config CONFIG = TenantFixture.defaultConfig();

    /** A successful, multi-factor, delegated (serviceProvider) sign-in of a partner user from a compliant PAW. */
    private static TenantFixture.SignInSpec delegated(String id, String partnerUserKey) {
        return signIn(id, pid(partnerUserKey), partnerUserKey + "@partner.example")
                .app(ADMIN_PORTALS, "Microsoft 365 admin center").device(PAW1, "PAW-01")
                .crossTenant("serviceProvider", PARTNER_ID);
    }

    private static ControlResult run(TenantFixture customer) {
        return Results.run(CONTROL, customer.build());
    }

    private static ControlResult run(TenantFixture customer, TenantSnapshot partner) {
        return Results.run(CONTROL, TenantFixture.view(customer.build(), partner, CONFIG), CONFIG);
    }

    private static ControlResult withSignIn(SignIn s) {
        return run(TenantFixture.customer().addSignIns(s));
    }

    private static DirectoryAudit audit(String id, String activity, String byId, String byUpn, String homeTenant) {
        return new DirectoryAudit(id, "UserManagement", activity, Instant.parse("2026-11-12T10:00:00Z"),
                "Core Directory", "success",
                new DirectoryAudit.InitiatedBy(new DirectoryAudit.AuditUser(byId, byUpn, byUpn, homeTenant), null),
                List.of(new DirectoryAudit.TargetResource(cid(BOB), "Bob User", "User", "bob@customer.example")));
    }

    @Test
    void customerBasePasses_withoutNotes() {
        ControlResult r = run(TenantFixture.customer());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
        assertThat(r.notes()).isEmpty();
        assertThat(CONTROL.info().scope()).isEqualTo(Scope.CUSTOMER);
    }

    // ---- clause 1: multi-factor ----------------------------------------------------------------------------

    @Test
    void singleFactorDelegatedSignInFails() {
        ControlResult r = withSignIn(delegated("si-sfa", AGENT2).singleFactor().build());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-sfa", "single-factor"));
    }

    @Test
    void missingAuthenticationRequirementIsNotMultiFactor() {
        ControlResult r = withSignIn(delegated("si-unknown", AGENT2).authenticationRequirement(null).build());
        assertThat(Results.objectRules(r)).containsExactly("si-unknown single-factor");
    }

    // ---- clause 2: compliant or managed device ------------------------------------------------------------

    @Test
    void delegatedSignInFromUnmanagedDeviceFails() {
        ControlResult r = withSignIn(delegated("si-unmanaged", AGENT2).unmanagedDevice().build());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-unmanaged", "unhealthy-device"));
    }

    @Test
    void managedDeviceIsEnough() {
        assertThat(withSignIn(delegated("si-managed", AGENT2).compliant(false).managed(true).build()).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void eachFailingRuleOfOneSignInIsNamed() {
        ControlResult r = withSignIn(delegated("si-bad", ALICE).singleFactor().unmanagedDevice().build());
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder("si-bad single-factor", "si-bad unhealthy-device",
                "si-bad not-customer-access-user");
    }

    // ---- clause 3: a current customer-access user of the partner -------------------------------------------

    @Test
    void delegatedSignInByAPartnerUserWithoutCustomerAccessFails() {
        ControlResult r = withSignIn(delegated("si-alice", ALICE).build());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-alice", "not-customer-access-user"));
    }

    @Test
    void delegatedSignInByAnUnknownUserFails() {
        ControlResult r = withSignIn(delegated("si-ghost", "ghost").build());
        assertThat(Results.objectRules(r)).containsExactly("si-ghost not-customer-access-user");
    }

    @Test
    void adminAgentPasses() {
        assertThat(withSignIn(delegated("si-agent1", AGENT1).build()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void gdapGroupMemberPasses() {
        TenantSnapshot partner = TenantFixture.partner().groupMembers(GDAP_GROUP, AGENT2, BOB).build();
        ControlResult r = run(TenantFixture.customer().addSignIns(delegated("si-bob", BOB).build()), partner);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void formerMemberFails() {
        TenantSnapshot partner = TenantFixture.partner().groupMembers(ADMIN_AGENTS).build();
        ControlResult r = run(TenantFixture.customer().addSignIns(delegated("si-agent1", AGENT1).build()), partner);
        assertThat(Results.objectRules(r)).containsExactly("si-agent1 not-customer-access-user");
    }

    @Test
    void withoutPartnerSnapshotTheThirdClauseIsNotApplied() {
        // controls.md: "(when the partner snapshot is present)"
        ControlResult r = run(TenantFixture.customer().addSignIns(delegated("si-alice", ALICE).build()), null);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void withoutPartnerSnapshotTheOtherClausesStillApply() {
        ControlResult r = run(TenantFixture.customer().addSignIns(delegated("si-sfa", AGENT2).singleFactor().build()),
                null);
        assertThat(Results.objectRules(r)).containsExactly("si-sfa single-factor");
    }

    @Test
    void partnerMembersMissingMakesAnUnknownUserUndecided() {
        TenantSnapshot partner = TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS).build();
        ControlResult r = run(TenantFixture.customer().addSignIns(delegated("si-alice", ALICE).build()), partner);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/" + pid(ADMIN_AGENTS) + ".json");
    }

    @Test
    void partnerMembersMissingDoesNotMatterForAKnownUser() {
        TenantSnapshot partner = TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS).build();
        ControlResult r = run(TenantFixture.customer(), partner); // the base's sign-in by AGENT2 (HelpdeskAgents)
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void partnerMembersMissingStillFailsOnASingleFactorSignIn() {
        TenantSnapshot partner = TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS).build();
        ControlResult r = run(TenantFixture.customer().addSignIns(delegated("si-sfa", ALICE).singleFactor().build()),
                partner);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly("si-sfa single-factor");
    }

    // ---- which sign-ins are judged --------------------------------------------------------------------------

    @Test
    void nonServiceProviderSignInsAreIgnored() {
        TenantFixture f = TenantFixture.customer();
        f.addSignIns(f.signIn("si-own", ALICE).singleFactor().unmanagedDevice().build(),
                delegated("si-b2b", ALICE).crossTenant("b2bCollaboration", PARTNER_ID).singleFactor().build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void crossTenantAccessTypeIsComparedCaseInsensitively() {
        ControlResult r = withSignIn(delegated("si-case", AGENT2).crossTenant("ServiceProvider", PARTNER_ID)
                .singleFactor().build());
        assertThat(Results.objectRules(r)).containsExactly("si-case single-factor");
    }

    @Test
    void failedDelegatedSignInsAreIgnored() {
        ControlResult r = withSignIn(delegated("si-failed", ALICE).singleFactor().unmanagedDevice().failed(50126)
                .build());
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingSignInsIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("signIns.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("signIns.json");
    }

    // ---- the partner's directory changes, listed as notes -------------------------------------------------

    @Test
    void partnerChangesByHomeTenantAreListedAsNotes() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                audit("audit-p", "Reset user password", pid(AGENT2), "adm-agent2@partner.example", PARTNER_ID)));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.findings()).isEmpty();
        assertThat(r.notes()).singleElement().asString()
                .contains("Reset user password", "adm-agent2@partner.example", "bob@customer.example");
    }

    @Test
    void partnerChangesByVerifiedDomainAreListedAsNotes() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                audit("audit-p", "Update user", "x-id", "Tech@Partner.Example", null)));
        assertThat(r.notes()).singleElement().asString().contains("Update user", "Tech@Partner.Example");
    }

    @Test
    void customersOwnChangesAreNotListed() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                audit("audit-c", "Update user", cid(ALICE), "alice@customer.example", TenantFixture.CUSTOMER_ID)));
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void notesDoNotHideAFailure() {
        ControlResult r = run(TenantFixture.customer()
                .addSignIns(delegated("si-sfa", AGENT2).singleFactor().build())
                .addDirectoryAudits(audit("audit-p", "Update user", pid(AGENT2), "adm-agent2@partner.example",
                        PARTNER_ID)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.notes()).hasSize(1);
    }
}
