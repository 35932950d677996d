package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.DIRECTORY_READERS;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.GLOBAL_ADMIN;
import static io.cspguard.fixture.TenantFixture.SECURITY_ADMIN;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.expiresAt;
import static io.cspguard.fixture.TenantFixture.permanent;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.graph.RoleAssignment;
import io.cspguard.snapshot.graph.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSP.PRIV.6 — no standing access to privileged roles: a compliant base plus one mutation per rule. */
class Priv6NoStandingAccessTest {
    private static final Control CONTROL = new Priv6NoStandingAccess();
    private static final String PERMANENT_GA = "permanent:" + GLOBAL_ADMIN;

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    // ---- the base --------------------------------------------------------------------------------------------

    @Test
    void partnerBasePasses_activatedAssignmentAndBreakGlassPermanent() {
        ControlResult r = run(TenantFixture.partner());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void customerBasePasses_breakGlassConfiguredByObjectId() {
        ControlResult r = run(TenantFixture.customer());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    // ---- clause 1: a schedule Assigned with noExpiration ------------------------------------------------------

    @Test
    void permanentAssignedScheduleFails() {
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Assigned", permanent()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", pid(GA2), PERMANENT_GA));
        assertThat(r.findings().get(0).objectName()).isEqualTo("adm-ga2@partner.example");
    }

    @Test
    void assignedScheduleIsComparedCaseInsensitively() {
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "assigned", permanent()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(GA2));
    }

    @Test
    void timeBoundAssignedSchedulePasses() {
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Assigned", expiresAt("2026-12-01T00:00:00Z")));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void assignedScheduleWithoutAnExpirationIsNotAssessed() {
        // an Assigned schedule that does not say when it ends may be permanent: never a pass for lack of data
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Assigned", new Schedule("2026-11-01T00:00:00Z", null)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleAssignmentSchedules.json", "scheduleInfo.expiration");
        assertThat(r.findings()).isEmpty();

        ControlResult noScheduleInfo = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Assigned", null));
        assertThat(noScheduleInfo.status()).as(Results.describe(noScheduleInfo)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(noScheduleInfo.reason()).contains("scheduleInfo.expiration");
    }

    @Test
    void assignedScheduleWithoutAnExpirationStillFailsOnADefinitePermanentAssignment() {
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Assigned", new Schedule("2026-11-01T00:00:00Z", null))
                .addRoleAssignment(GA1, SECURITY_ADMIN)
                .addAssignmentSchedule(GA1, SECURITY_ADMIN, "Assigned", permanent()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(GA1) + " permanent:" + SECURITY_ADMIN);
    }

    @Test
    void activatedScheduleWithoutAnExpirationIsNoUnknown() {
        // only Assigned schedules are judged by their expiration
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, GLOBAL_ADMIN)
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Activated", new Schedule("2026-11-20T07:00:00Z", null)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void permanentScheduleOfNonPrivilegedRolePasses() {
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, DIRECTORY_READERS)
                .addAssignmentSchedule(GA2, DIRECTORY_READERS, "Assigned", permanent()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void permanentScheduleOfConfiguredPrivilegedRoleFails() {
        Config config = TenantFixture.config().privilegedRoles(DIRECTORY_READERS).build();
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, DIRECTORY_READERS)
                .addAssignmentSchedule(GA2, DIRECTORY_READERS, "Assigned", permanent()), config);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(GA2) + " permanent:" + DIRECTORY_READERS);
    }

    @Test
    void permanentScheduleOfAGroupNamesTheGroup() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup("grp-secadmins", "Security admins")
                .groupMembers("grp-secadmins", GA2)
                .addRoleAssignment(pid("grp-secadmins"), SECURITY_ADMIN)
                .addAssignmentSchedule(pid("grp-secadmins"), SECURITY_ADMIN, "Assigned", permanent()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::objectName)
                .containsExactly(tuple("group", pid("grp-secadmins"), "Security admins"));
    }

    // ---- clause 2: a roleAssignments entry with no matching schedule ------------------------------------------

    @Test
    void roleAssignmentWithoutScheduleFails() {
        ControlResult r = run(TenantFixture.partner().addRoleAssignment(GA2, GLOBAL_ADMIN));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", pid(GA2), PERMANENT_GA));
        assertThat(r.findings().get(0).detail()).contains("no PIM schedule");
    }

    @Test
    void roleAssignmentOfServicePrincipalWithoutScheduleNamesTheServicePrincipal() {
        ControlResult r = run(TenantFixture.partner()
                .addServicePrincipal("sp-automation", "Automation")
                .addRoleAssignment(pid("sp-automation"), SECURITY_ADMIN));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId)
                .containsExactly(tuple("servicePrincipal", pid("sp-automation")));
    }

    @Test
    void roleAssignmentMatchedOnlyByScheduleAtAnotherScopeFails() {
        // decisions.md: a roleAssignments entry "matches" a schedule with the same principal, role and scope.
        TenantFixture f = TenantFixture.partner()
                .addAssignmentSchedule(GA2, SECURITY_ADMIN, "Activated", expiresAt("2026-11-20T12:00:00Z"));
        List<RoleAssignment> assignments = new ArrayList<>(f.build().roleAssignments().orNull());
        assignments.add(new RoleAssignment("ra-scoped", pid(GA2), SECURITY_ADMIN, "/administrativeUnits/au-1"));
        ControlResult r = run(f.withRoleAssignments(assignments.toArray(RoleAssignment[]::new)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(pid(GA2) + " permanent:" + SECURITY_ADMIN);
    }

    @Test
    void roleAssignmentWithMatchingScheduleAtTheSameScopePasses() {
        ControlResult r = run(TenantFixture.partner()
                .addRoleAssignment(GA2, SECURITY_ADMIN)
                .addAssignmentSchedule(GA2, SECURITY_ADMIN, "Activated", expiresAt("2026-11-20T12:00:00Z")));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void roleAssignmentOfNonPrivilegedRoleWithoutSchedulePasses() {
        ControlResult r = run(TenantFixture.partner().addRoleAssignment(GA2, DIRECTORY_READERS));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    // ---- break-glass ------------------------------------------------------------------------------------------

    @Test
    void breakGlassPermanentAssignmentFailsWhenNotConfiguredAsBreakGlass() {
        ControlResult r = run(TenantFixture.partner(), TenantFixture.config().noBreakGlass().build());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", pid(BG), PERMANENT_GA));
    }

    @Test
    void breakGlassMatchedCaseInsensitivelyByUpn() {
        Config config = TenantFixture.config().noBreakGlass()
                .breakGlass(TenantFixture.PARTNER_ID, "BG@PARTNER.EXAMPLE").build();
        ControlResult r = run(TenantFixture.partner(), config);
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    // ---- licences -----------------------------------------------------------------------------------------------

    @Test
    void withoutP2IsNotApplicable() {
        ControlResult r = run(TenantFixture.partner().licence(Licences.Tier.P1));
        assertThat(r.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(r.reason()).contains("needs Entra ID P2 for PIM");
        assertThat(run(TenantFixture.customer().licence(Licences.Tier.FREE)).status())
                .isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void unknownLicencesAreNotAssessed() {
        ControlResult r = run(TenantFixture.partner().licence(Licences.Tier.UNKNOWN));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("subscribedSkus.json");
    }

    // ---- missing data -------------------------------------------------------------------------------------------

    @Test
    void missingSchedulesIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("roleAssignmentSchedules.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleAssignmentSchedules.json");
    }

    @Test
    void missingRoleAssignmentsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("roleAssignments.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleAssignments.json");
    }

    @Test
    void missingRoleAssignmentsStillFailsOnAPermanentSchedule() {
        // Regression (fixed in aaa290a): the first clause (a schedule Assigned + noExpiration) is decidable from the
        // schedules alone, so a missing roleAssignments.json must not hide it.
        ControlResult r = run(TenantFixture.partner()
                .addAssignmentSchedule(GA2, GLOBAL_ADMIN, "Assigned", permanent())
                .without("roleAssignments.json"));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(GA2));
    }

    @Test
    void missingRoleDefinitionsLeavesCustomRolesUndecided() {
        String custom = "aaaaaaaa-0000-4000-8000-00000000c0de";
        ControlResult r = run(TenantFixture.partner().without("roleDefinitions.json")
                .addRoleAssignment(GA2, custom));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains(custom);
    }

    @Test
    void missingRoleDefinitionsStillFailsOnABuiltInPrivilegedRole() {
        ControlResult r = run(TenantFixture.partner().without("roleDefinitions.json")
                .addRoleAssignment(GA2, GLOBAL_ADMIN));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid(GA2));
    }

    @Test
    void breakGlassConfiguredByObjectIdIsExcusedEvenWithoutUsersFile() {
        // Regression (fixed in aaa290a): without users.json the customer's break-glass account, configured by its
        // object id (c-bg), is still recognised; the base's only permanent assignment is c-bg's.
        ControlResult r = run(TenantFixture.customer().without("users.json"));
        assertThat(Results.objectIds(r)).as(Results.describe(r)).doesNotContain(cid(BG));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void breakGlassConfiguredByUpnIsUndecidedWithoutUsersFile() {
        // Regression (fixed in aaa290a): the partner's break-glass account is configured by UPN; without users.json
        // nothing tells that p-bg is that account, so its permanent assignment is undecided, not a failure.
        ControlResult r = run(TenantFixture.partner().without("users.json"));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains(pid(BG), "users.json");
        assertThat(r.findings()).isEmpty();
    }
}
