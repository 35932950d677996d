package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
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
import org.junit.jupiter.api.Test;

/**
 * CSP.PRIV.4 — no admin is disabled, a guest, or (break-glass aside) without a successful sign-in within
 * staleSignInDays (lastSuccessfulSignInDateTime, else lastSignInDateTime). Disabled admins are flagged on purpose.
 */
class Priv4AdminAccessPrunedTest {
    private static final Control CONTROL = new Priv4AdminAccessPruned();
    private static final String DAY_90 = "2026-08-22T09:00:00Z";
    private static final String DAY_91 = "2026-08-21T09:00:00Z";

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    @Test
    void compliantBasesPass() {
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    // ---- disabled -----------------------------------------------------------------------------------------------

    @Test
    void aDisabledAdminFails() {
        ControlResult r = run(TenantFixture.customer().user(GA2, u -> u.enabled(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA2) + " disabled");
        assertThat(r.findings().get(0).detail()).contains("Global Administrator");
    }

    @Test
    void aDisabledBreakGlassAccountFails() {
        ControlResult r = run(TenantFixture.partner().user(BG, u -> u.enabled(false)));
        assertThat(Results.objectRules(r)).containsExactly(pid(BG) + " disabled");
    }

    @Test
    void aDisabledAdminWithoutSignInActivityStillFails() {
        ControlResult r = run(TenantFixture.customer().user(GA2, u -> u.enabled(false).noSignInActivity()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA2) + " disabled");
    }

    // ---- guest --------------------------------------------------------------------------------------------------

    @Test
    void aGuestAdminFails() {
        TenantFixture f = TenantFixture.customer();
        f.withUsers(f.newUser("guest1").guest().upn("guest1_other.example#EXT#@customer.example"))
                .addEligibility("guest1", HELPDESK_ADMIN);
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid("guest1") + " guest");
    }

    @Test
    void aGuestWithoutARoleIsFine() {
        TenantFixture f = TenantFixture.customer();
        f.withUsers(f.newUser("guest1").guest());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    // ---- staleness ----------------------------------------------------------------------------------------------

    @Test
    void anAdminWithoutASignInWithin90DaysFails() {
        ControlResult r = run(TenantFixture.customer().user(GA1, u -> u.lastSignIn(DAY_91)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA1) + " stale");
    }

    @Test
    void exactly90DaysIsWithin() {
        assertThat(run(TenantFixture.customer().user(GA1, u -> u.lastSignIn(DAY_90))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void anAdminWhoNeverSignedInFails() {
        ControlResult r = run(TenantFixture.customer().user(GA2, u -> u.neverSignedIn()));
        assertThat(Results.objectRules(r)).containsExactly(cid(GA2) + " stale");
    }

    @Test
    void theLastSuccessfulSignInCountsNotTheLastAttempt() {
        ControlResult r = run(TenantFixture.customer().user(GA2,
                u -> u.signInActivity("2026-11-19T00:00:00Z", DAY_91)));
        assertThat(Results.objectRules(r)).containsExactly(cid(GA2) + " stale");
    }

    @Test
    void withoutLastSuccessfulSignInTheLastSignInIsUsed() {
        assertThat(run(TenantFixture.customer().user(GA2, u -> u.lastSignInOnly("2026-11-01T00:00:00Z"))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aDormantBreakGlassAccountIsExcused() {
        assertThat(run(TenantFixture.customer().user(BG, u -> u.neverSignedIn())).status()).isEqualTo(Status.PASS);
        ControlResult r = Results.run(CONTROL, TenantFixture.customer().user(BG, u -> u.neverSignedIn()).build(),
                TenantFixture.config().noBreakGlass().build());
        assertThat(Results.objectRules(r)).containsExactly(cid(BG) + " stale");
    }

    @Test
    void aDormantNonAdminIsFine() {
        assertThat(run(TenantFixture.customer().user(ALICE, u -> u.neverSignedIn())).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aDormantHolderOfANonPrivilegedRoleIsFine() {
        assertThat(run(TenantFixture.customer().addEligibility(ALICE, REPORTS_READER)
                .user(ALICE, u -> u.neverSignedIn())).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anAdminThroughAGroupIsJudged() {
        TenantFixture f = TenantFixture.customer().addGroup("grp-helpdesk", "Helpdesk")
                .groupMembers("grp-helpdesk", ALICE).addRoleAssignment("grp-helpdesk", HELPDESK_ADMIN)
                .user(ALICE, u -> u.lastSignIn(DAY_91));
        assertThat(Results.objectRules(run(f))).containsExactly(cid(ALICE) + " stale");
    }

    @Test
    void signInActivityNotCollectedIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().user(GA1, u -> u.noSignInActivity()));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("signInActivity");
    }

    @Test
    void aFindingPerRuleBroken() {
        TenantFixture f = TenantFixture.customer();
        f.withUsers(f.newUser("guest1").guest().enabled(false)).addEligibility("guest1", HELPDESK_ADMIN);
        assertThat(Results.objectRules(run(f))).containsExactlyInAnyOrder(cid("guest1") + " disabled",
                cid("guest1") + " guest");
    }

    // ---- missing data -------------------------------------------------------------------------------------------

    @Test
    void missingRoleDataIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("roleEligibilitySchedules.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleEligibilitySchedules.json");
    }

    @Test
    void missingRoleDataStillFailsAKnownDisabledAdmin() {
        ControlResult r = run(TenantFixture.customer().without("roleEligibilitySchedules.json")
                .user(GA1, u -> u.enabled(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(cid(GA1) + " disabled");
    }

    @Test
    void missingUsersIsNotAssessed() {
        assertThat(run(TenantFixture.customer().without("users.json")).status()).isEqualTo(Status.NOT_ASSESSED);
    }
}
