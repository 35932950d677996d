package io.cspguard.controls.dev;

import static io.cspguard.fixture.TenantFixture.ADMIN_AGENTS;
import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.AGENT2;
import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.PARTNER_ID;
import static io.cspguard.fixture.TenantFixture.PAW1;
import static io.cspguard.fixture.TenantFixture.PAW2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import org.junit.jupiter.api.Test;

/** CSP.DEV.2 — privileged users work from dedicated workstations (partner tenant). */
class Dev2PrivilegedWorkstationsTest {
    private static final Control CONTROL = new Dev2PrivilegedWorkstations();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    @Test
    void partnerBasePasses() {
        ControlResult r = run(TenantFixture.partner());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
        assertThat(CONTROL.info().level()).isEqualTo(Level.SHOULD);
    }

    // ---- clause 1: privilegedWorkstations is set ------------------------------------------------------------

    @Test
    void noWorkstationsDesignatedWarns() {
        ControlResult r = run(TenantFixture.partner(), TenantFixture.config().privilegedWorkstations().build());
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("tenant", PARTNER_ID, "no-workstations"));
        assertThat(r.summary()).contains("no privileged workstations designated");
    }

    @Test
    void noWorkstationsDesignatedWarnsEvenWithoutSignIns() {
        ControlResult r = run(TenantFixture.partner().without("signIns.json"),
                TenantFixture.config().privilegedWorkstations().build());
        assertThat(r.status()).isEqualTo(Status.WARN);
    }

    // ---- clause 2: every successful privileged sign-in from a workstation ----------------------------------

    @Test
    void customerAccessUserSigningInElsewhereWarns() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-home", AGENT1).device("dev-home-pc", "HOME-PC").build());
        ControlResult r = run(f);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-home", "outside-workstation"));
        assertThat(r.findings().get(0).objectName()).isEqualTo("adm-agent1@partner.example");
    }

    @Test
    void adminSigningInElsewhereWarns() {
        // GA2 holds Global Administrator (eligible): an admin
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-ga2", GA2).device("dev-laptop-ga2", "LAPTOP-GA2").build());
        assertThat(Results.objectRules(run(f))).containsExactly("si-ga2 outside-workstation");
    }

    @Test
    void signInWithoutDeviceIdWarns() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-nodevice", AGENT2).device(null, null).build());
        assertThat(Results.objectIds(run(f))).containsExactly("si-nodevice");
    }

    @Test
    void deviceIdsAreComparedCaseInsensitively() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-upper", AGENT2).device(PAW2.toUpperCase(), "PAW-02").build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failedPrivilegedSignInElsewhereIsIgnored() {
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-failed", AGENT1).device("dev-home-pc", "HOME-PC").failed(50126).build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void ordinaryUserSigningInElsewhereIsIgnored() {
        // the base already holds such a sign-in (ALICE from her laptop)
        TenantFixture f = TenantFixture.partner();
        f.addSignIns(f.signIn("si-alice-2", ALICE).device("dev-home", "HOME").build());
        assertThat(run(f).status()).isEqualTo(Status.PASS);
    }

    @Test
    void workstationsComeFromTheConfiguration() {
        ControlResult r = run(TenantFixture.partner(), TenantFixture.config().privilegedWorkstations(PAW1).build());
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(Results.objectIds(r)).containsExactly("si-p-2"); // GA1 from PAW2
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingSignInsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("signIns.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("signIns.json");
    }

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void missingUsersStillWarnsOnACustomerAccessSignInElsewhere() {
        // the group members files name the customer-access users without users.json
        TenantFixture f = TenantFixture.partner().without("users.json");
        f.addSignIns(f.signIn("si-home", AGENT1).device("dev-home-pc", "HOME-PC").build());
        ControlResult r = run(f);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", "si-home", "outside-workstation"));
    }

    @Test
    void missingUsersLeavesAnAdminSignInElsewhereUndecided() {
        // without users.json who is an admin is unknown: GA2's sign-in can neither warn nor pass
        TenantFixture f = TenantFixture.partner().without("users.json");
        f.addSignIns(f.signIn("si-ga2", GA2).device("dev-laptop-ga2", "LAPTOP-GA2").build());
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }

    @Test
    void missingAgentMembersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
    }

    @Test
    void missingAgentMembersStillWarnsOnAKnownAdmin() {
        TenantFixture f = TenantFixture.partner().without("groupMembers/" + ADMIN_AGENTS);
        f.addSignIns(f.signIn("si-ga2", GA2).device("dev-laptop-ga2", "LAPTOP-GA2").build());
        ControlResult r = run(f);
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(Results.objectIds(r)).containsExactly("si-ga2");
    }

    @Test
    void missingRoleAssignmentsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("roleAssignments.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleAssignments.json");
    }
}
