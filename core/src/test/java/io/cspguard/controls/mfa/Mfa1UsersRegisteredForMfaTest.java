package io.cspguard.controls.mfa;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.GA2;
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

/** CSP.MFA.1 — every enabled member user, break-glass accounts aside, is registered for MFA. */
class Mfa1UsersRegisteredForMfaTest {
    private static final Control CONTROL = new Mfa1UsersRegisteredForMfa();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    @Test
    void compliantBasesPass() {
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aUserWithIsMfaRegisteredFalseFails() {
        ControlResult r = run(TenantFixture.customer().user(ALICE, u -> u.mfaRegistered(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(ALICE));
        assertThat(r.findings().get(0).objectName()).isEqualTo("alice@customer.example");
    }

    @Test
    void aUserMissingFromUserRegistrationDetailsCountsAsUnregistered() {
        ControlResult r = run(TenantFixture.customer().user(BOB, u -> u.noRegistration()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(BOB));
    }

    @Test
    void isMfaRegisteredAbsentIsNotRegistered() {
        ControlResult r = run(TenantFixture.customer().user(BOB, u -> u.mfaRegistered(null)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(BOB));
    }

    @Test
    void everyUnregisteredUserIsNamed() {
        ControlResult r = run(TenantFixture.customer().user(ALICE, u -> u.mfaRegistered(false))
                .user(GA2, u -> u.noRegistration()));
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(cid(ALICE), cid(GA2));
    }

    @Test
    void aMemberWithoutUserTypeIsJudged() {
        ControlResult r = run(TenantFixture.customer().user(ALICE, u -> u.userType(null).mfaRegistered(false)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(cid(ALICE));
    }

    @Test
    void disabledUsersAreNotJudged() {
        assertThat(run(TenantFixture.customer().user(ALICE, u -> u.enabled(false).mfaRegistered(false))).status())
                .isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.customer().user(ALICE, u -> u.enabledUnknown().noRegistration())).status())
                .as("accountEnabled absent is not an enabled user").isEqualTo(Status.PASS);
    }

    @Test
    void guestsAreNotJudged() {
        TenantFixture f = TenantFixture.customer();
        f.withUsers(f.newUser("guest1").guest().noRegistration());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void userTypeIsComparedCaseInsensitively() {
        ControlResult r = run(TenantFixture.customer().user(ALICE, u -> u.userType("guest").noRegistration()));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassAccountsAreAsideByUpnAndById() {
        // partner: break-glass configured by UPN; customer: by object id
        assertThat(run(TenantFixture.partner().user(BG, u -> u.noRegistration())).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.customer().user(BG, u -> u.mfaRegistered(false))).status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassMatchingIsCaseInsensitive() {
        Config config = TenantFixture.config().noBreakGlass().breakGlass("*", "BG@Partner.Example").build();
        assertThat(run(TenantFixture.partner().user(BG, u -> u.noRegistration()), config).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void withoutBreakGlassConfigurationTheAccountIsJudged() {
        Config config = TenantFixture.config().noBreakGlass().build();
        ControlResult r = run(TenantFixture.partner().user(BG, u -> u.noRegistration()), config);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(BG));
    }

    @Test
    void missingUserRegistrationDetailsIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("userRegistrationDetails.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("userRegistrationDetails.json");
    }

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }
}
