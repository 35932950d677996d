package io.cspguard.controls.iso;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.controls.Scope;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSP.ISO.1 — Partner Center is not in the internal IT tenant (collaboration users at most collaborationUsersMax). */
class Iso1SeparateFromInternalItTest {
    private static final Control CONTROL = new Iso1SeparateFromInternalIt();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    @Test
    void partnerBasePasses() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        assertThat(CONTROL.info().scope()).isEqualTo(Scope.PARTNER);
        assertThat(CONTROL.info().level()).isEqualTo(Level.SHOULD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchange", "SharePoint", "TeamspaceAPI", "MicrosoftCommunicationsOnline", "EXCHANGE"})
    void enabledMemberWithACollaborationPlanWarns(String service) {
        ControlResult r = run(TenantFixture.partner().user(ALICE, u -> u.plans(service)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", pid(ALICE), "collaboration-plan"));
    }

    @Test
    void otherServicesAreNotCollaborationPlans() {
        assertThat(run(TenantFixture.partner().user(ALICE, u -> u.plans("MicrosoftOffice", "AADPremiumService")))
                .status()).isEqualTo(Status.PASS);
    }

    @Test
    void planNotEnabledDoesNotCount() {
        assertThat(run(TenantFixture.partner().user(ALICE, u -> u.plan("exchange", "Suspended").plan("SharePoint",
                "Deleted"))).status()).isEqualTo(Status.PASS);
    }

    @Test
    void disabledUserDoesNotCount() {
        assertThat(run(TenantFixture.partner().user(ALICE, u -> u.plans("exchange").enabled(false))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void guestDoesNotCount() {
        assertThat(run(TenantFixture.partner().user(ALICE, u -> u.plans("exchange").guest())).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void userWithoutUserTypeIsAMember() {
        ControlResult r = run(TenantFixture.partner().user(ALICE, u -> u.plans("exchange").userType(null)));
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(Results.objectIds(r)).containsExactly(pid(ALICE));
    }

    // ---- collaborationUsersMax ----------------------------------------------------------------------------------

    @Test
    void upToCollaborationUsersMaxPasses() {
        Config one = TenantFixture.config().collaborationUsersMax(1).build();
        assertThat(run(TenantFixture.partner().user(ALICE, u -> u.plans("exchange")), one).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aboveCollaborationUsersMaxWarnsNamingEveryone() {
        Config one = TenantFixture.config().collaborationUsersMax(1).build();
        ControlResult r = run(TenantFixture.partner().user(ALICE, u -> u.plans("exchange"))
                .user(BOB, u -> u.plans("TeamspaceAPI")), one);
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(pid(ALICE), pid(BOB));
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }
}
