package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.GLOBAL_ADMIN;
import static io.cspguard.fixture.TenantFixture.PRIV_ROLE_ADMIN;
import static io.cspguard.fixture.TenantFixture.cid;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import org.junit.jupiter.api.Test;

/**
 * CSP.PRIV.3 — the number of distinct users holding Global Administrator (active or eligible, through groups too,
 * break-glass and disabled accounts included) is within globalAdmins.min–max (2–4), and no service principal holds it.
 * Findings: the count (one finding on the role), and each service principal.
 */
class Priv3FewGlobalAdminsTest {
    private static final Control CONTROL = new Priv3FewGlobalAdmins();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    /** The customer base (GA1, GA2, BG) with more Global Administrators, eligible. */
    private static TenantFixture withMoreGlobalAdmins(String... users) {
        TenantFixture f = TenantFixture.customer();
        for (String u : users) {
            f.addEligibility(u, GLOBAL_ADMIN);
        }
        return f;
    }

    @Test
    void compliantBasesPassWithThree() {
        ControlResult r = run(TenantFixture.customer());
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.summary()).startsWith("3 Global Administrator(s)");
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void fourIsWithin() {
        assertThat(run(withMoreGlobalAdmins(ALICE)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void fiveIsTooMany() {
        ControlResult r = run(withMoreGlobalAdmins(ALICE, BOB));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(GLOBAL_ADMIN + " too-many");
        assertThat(r.findings().get(0).detail()).startsWith("5 Global Administrator(s)");
    }

    @Test
    void twoIsWithin() {
        assertThat(run(TenantFixture.customer().removeRoles(GA2)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassIsCounted() {
        // without GA1 and GA2, BG alone remains: one is too few
        ControlResult r = run(TenantFixture.customer().removeRoles(GA1).removeRoles(GA2));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(GLOBAL_ADMIN + " too-few");
        assertThat(r.findings().get(0).detail()).startsWith("1 Global Administrator(s)");
    }

    @Test
    void noneIsTooFew() {
        ControlResult r = run(TenantFixture.customer().removeRoles(GA1).removeRoles(GA2).removeRoles(BG));
        assertThat(Results.objectRules(r)).containsExactly(GLOBAL_ADMIN + " too-few");
    }

    @Test
    void disabledAccountsAreCounted() {
        ControlResult r = run(withMoreGlobalAdmins(ALICE, BOB).user(ALICE, u -> u.enabled(false))
                .user(BOB, u -> u.enabled(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(GLOBAL_ADMIN + " too-many");
    }

    @Test
    void activeAssignmentsAreCounted() {
        TenantFixture f = TenantFixture.customer().addRoleAssignment(ALICE, GLOBAL_ADMIN)
                .addRoleAssignment(BOB, GLOBAL_ADMIN);
        assertThat(Results.objectRules(run(f))).containsExactly(GLOBAL_ADMIN + " too-many");
    }

    @Test
    void holdersThroughAGroupAreCounted() {
        TenantFixture f = TenantFixture.customer().addGroup("grp-ga", "Global admins")
                .groupMembers("grp-ga", ALICE, BOB).addEligibility("grp-ga", GLOBAL_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings().get(0).detail()).startsWith("5 Global Administrator(s)");
    }

    @Test
    void aUserHoldingTheRoleSeveralWaysCountsOnce() {
        // GA1 is eligible and active in the base; make GA2 hold it through a group as well
        TenantFixture f = TenantFixture.customer().addGroup("grp-ga", "Global admins")
                .groupMembers("grp-ga", GA1, GA2).addRoleAssignment("grp-ga", GLOBAL_ADMIN)
                .addEligibility(ALICE, GLOBAL_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.summary()).startsWith("4 Global Administrator(s)");
    }

    @Test
    void otherRolesAreNotCounted() {
        TenantFixture f = TenantFixture.customer().addEligibility(ALICE, PRIV_ROLE_ADMIN)
                .addEligibility(BOB, PRIV_ROLE_ADMIN);
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void theRangeIsConfigurable() {
        ControlResult r = Results.run(CONTROL, TenantFixture.customer().build(),
                TenantFixture.config().globalAdmins(2, 2).build());
        assertThat(Results.objectRules(r)).containsExactly(GLOBAL_ADMIN + " too-many");
    }

    @Test
    void aServicePrincipalHoldingGlobalAdministratorFails() {
        TenantFixture f = TenantFixture.customer().addServicePrincipal("sp-legacy", "Legacy sync")
                .addRoleAssignment(cid("sp-legacy"), GLOBAL_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid("sp-legacy") + " service-principal-global-admin");
        assertThat(r.findings().get(0).objectName()).isEqualTo("Legacy sync");
    }

    @Test
    void aServicePrincipalHoldingItThroughAGroupFails() {
        TenantFixture f = TenantFixture.customer().addServicePrincipal("sp-legacy", "Legacy sync")
                .addGroup("grp-ga", "Global admins").groupMembers("grp-ga", "sp-legacy")
                .addEligibility("grp-ga", GLOBAL_ADMIN);
        ControlResult r = run(f);
        assertThat(Results.objectIds(r)).containsExactly(cid("sp-legacy"));
    }

    @Test
    void missingEligibilitiesInRangeIsNotAssessed() {
        // roleAssignments alone show GA1 and BG: a lower bound of 2
        ControlResult r = run(TenantFixture.customer().without("roleEligibilitySchedules.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleEligibilitySchedules.json");
    }

    @Test
    void missingEligibilitiesAboveMaxStillFails() {
        TenantFixture f = TenantFixture.customer().addRoleAssignment(ALICE, GLOBAL_ADMIN)
                .addRoleAssignment(BOB, GLOBAL_ADMIN).addRoleAssignment(GA2, GLOBAL_ADMIN)
                .without("roleEligibilitySchedules.json");
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(GLOBAL_ADMIN + " too-many");
    }

    @Test
    void missingMembersFileOfAGlobalAdminGroupIsNotAssessed() {
        TenantFixture f = TenantFixture.customer().addGroup("grp-ga", "Global admins")
                .addEligibility("grp-ga", GLOBAL_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groupMembers/c-grp-ga.json");
    }

    @Test
    void missingRoleAssignmentsIsNotAssessed() {
        assertThat(run(TenantFixture.customer().without("roleAssignments.json")).status())
                .isEqualTo(Status.NOT_ASSESSED);
    }
}
