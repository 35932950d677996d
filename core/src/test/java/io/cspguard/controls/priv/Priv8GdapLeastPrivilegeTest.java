package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.CUSTOMER_ID;
import static io.cspguard.fixture.TenantFixture.DIRECTORY_READERS;
import static io.cspguard.fixture.TenantFixture.GDAP_GROUP;
import static io.cspguard.fixture.TenantFixture.GLOBAL_ADMIN;
import static io.cspguard.fixture.TenantFixture.HELPDESK_ADMIN;
import static io.cspguard.fixture.TenantFixture.OLD_RELATIONSHIP;
import static io.cspguard.fixture.TenantFixture.PRIV_AUTH_ADMIN;
import static io.cspguard.fixture.TenantFixture.PRIV_ROLE_ADMIN;
import static io.cspguard.fixture.TenantFixture.RELATIONSHIP;
import static io.cspguard.fixture.TenantFixture.SECURITY_ADMIN;
import static io.cspguard.fixture.TenantFixture.accessAssignment;
import static io.cspguard.fixture.TenantFixture.pid;
import static io.cspguard.fixture.TenantFixture.relationship;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.controls.Control;
import io.cspguard.controls.Scope;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import org.junit.jupiter.api.Test;

/** CSP.PRIV.8 — GDAP access to customers is least privilege (partner tenant). */
class Priv8GdapLeastPrivilegeTest {
    private static final Control CONTROL = new Priv8GdapLeastPrivilege();
    private static final String FABRIKAM_ID = "44444444-4444-4444-8444-444444444444";

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    /** The base's active relationship, granting these roles instead. */
    private static DelegatedAdminRelationship contoso(String status, String... roles) {
        return relationship(RELATIONSHIP, "Contoso helpdesk", status, CUSTOMER_ID, "Contoso Customer", roles);
    }

    private static DelegatedAdminRelationship old() {
        return relationship(OLD_RELATIONSHIP, "Old DAP migration", "terminated", "33333333-3333-4333-8333-333333333333",
                "Former Customer", GLOBAL_ADMIN);
    }

    @Test
    void partnerBasePasses_terminatedRelationshipWithGlobalAdminIsNotJudged() {
        ControlResult r = run(TenantFixture.partner());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
        assertThat(CONTROL.info().scope()).isEqualTo(Scope.PARTNER);
    }

    // ---- clause 1: no role that can make itself Global Administrator --------------------------------------------

    @Test
    void activeRelationshipGrantingGlobalAdministratorFails() {
        ControlResult r = run(TenantFixture.partner().withRelationships(
                contoso("active", HELPDESK_ADMIN, DIRECTORY_READERS, GLOBAL_ADMIN), old()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("relationship", RELATIONSHIP, "grants:" + GLOBAL_ADMIN));
        assertThat(r.findings().get(0).objectName()).contains("Contoso Customer");
        assertThat(r.findings().get(0).detail()).contains("Contoso Customer", "Global Administrator");
    }

    @Test
    void activeRelationshipGrantingPrivilegedRoleAdministratorFails() {
        ControlResult r = run(TenantFixture.partner().withRelationships(
                contoso("active", HELPDESK_ADMIN, DIRECTORY_READERS, PRIV_ROLE_ADMIN), old()));
        assertThat(Results.objectRules(r)).containsExactly(RELATIONSHIP + " grants:" + PRIV_ROLE_ADMIN);
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void activeRelationshipGrantingPrivilegedAuthenticationAdministratorFails() {
        ControlResult r = run(TenantFixture.partner().withRelationships(
                contoso("active", HELPDESK_ADMIN, DIRECTORY_READERS, PRIV_AUTH_ADMIN), old()));
        assertThat(Results.objectRules(r)).containsExactly(RELATIONSHIP + " grants:" + PRIV_AUTH_ADMIN);
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void activeStatusIsComparedCaseInsensitively() {
        ControlResult r = run(TenantFixture.partner().withRelationships(
                contoso("Active", HELPDESK_ADMIN, DIRECTORY_READERS, GLOBAL_ADMIN), old()));
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void relationshipsNotActiveAreNotJudged() {
        ControlResult r = run(TenantFixture.partner().addRelationships(
                relationship("rel-pending", "Pending", "approvalPending", FABRIKAM_ID, "Fabrikam", GLOBAL_ADMIN),
                relationship("rel-expired", "Expired", "expired", FABRIKAM_ID, "Fabrikam", PRIV_ROLE_ADMIN)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void roleIdsAreComparedCaseInsensitively() {
        ControlResult r = run(TenantFixture.partner().withRelationships(
                contoso("active", HELPDESK_ADMIN.toUpperCase(), DIRECTORY_READERS, GLOBAL_ADMIN.toUpperCase()), old()));
        assertThat(Results.objectRules(r)).containsExactly(RELATIONSHIP + " grants:" + GLOBAL_ADMIN);
    }

    // ---- clause 2: at least one active access assignment --------------------------------------------------------

    @Test
    void activeRelationshipWithoutAccessAssignmentFails() {
        ControlResult r = run(TenantFixture.partner().accessAssignments(RELATIONSHIP));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("relationship", RELATIONSHIP, "no-active-assignment"));
    }

    @Test
    void activeRelationshipWithOnlyPendingOrDeletedAssignmentsFails() {
        ControlResult r = run(TenantFixture.partner().accessAssignments(RELATIONSHIP,
                accessAssignment("aa-pending", "pending", pid(GDAP_GROUP), HELPDESK_ADMIN),
                accessAssignment("aa-deleted", "deleted", pid(GDAP_GROUP), HELPDESK_ADMIN)));
        assertThat(Results.objectRules(r)).containsExactly(RELATIONSHIP + " no-active-assignment");
    }

    @Test
    void terminatedRelationshipWithoutAccessAssignmentIsNotJudged() {
        // the base's terminated relationship has no access assignments file at all
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
    }

    // ---- clause 3: no access assignment grants a role the relationship does not hold ------------------------------

    @Test
    void assignmentGrantingRoleOutsideRelationshipFails() {
        ControlResult r = run(TenantFixture.partner().accessAssignments(RELATIONSHIP,
                accessAssignment("aa-contoso-helpdesk", "active", pid(GDAP_GROUP), HELPDESK_ADMIN, SECURITY_ADMIN)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("relationship", RELATIONSHIP, "assignment-outside-relationship:" + SECURITY_ADMIN));
    }

    @Test
    void pendingAssignmentGrantingRoleOutsideRelationshipFails() {
        ControlResult r = run(TenantFixture.partner().accessAssignments(RELATIONSHIP,
                accessAssignment("aa-contoso-helpdesk", "active", pid(GDAP_GROUP), HELPDESK_ADMIN),
                accessAssignment("aa-more", "pending", pid(GDAP_GROUP), SECURITY_ADMIN)));
        assertThat(Results.objectRules(r)).containsExactly(
                RELATIONSHIP + " assignment-outside-relationship:" + SECURITY_ADMIN);
    }

    @Test
    void deletedAssignmentGrantingRoleOutsideRelationshipIsNotJudged() {
        ControlResult r = run(TenantFixture.partner().accessAssignments(RELATIONSHIP,
                accessAssignment("aa-contoso-helpdesk", "active", pid(GDAP_GROUP), HELPDESK_ADMIN),
                accessAssignment("aa-gone", "deleted", pid(GDAP_GROUP), SECURITY_ADMIN)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void assignmentOfASubsetOfTheRelationshipRolesPasses() {
        ControlResult r = run(TenantFixture.partner().accessAssignments(RELATIONSHIP,
                accessAssignment("aa-contoso-helpdesk", "active", pid(GDAP_GROUP), HELPDESK_ADMIN),
                accessAssignment("aa-readers", "active", pid(GDAP_GROUP), DIRECTORY_READERS)));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void everyFailingRelationshipIsNamed() {
        ControlResult r = run(TenantFixture.partner()
                .addRelationships(relationship("rel-fabrikam", "Fabrikam support", "active", FABRIKAM_ID, "Fabrikam",
                        HELPDESK_ADMIN, GLOBAL_ADMIN))
                .accessAssignments("rel-fabrikam",
                        accessAssignment("aa-fab", "active", pid(GDAP_GROUP), HELPDESK_ADMIN, SECURITY_ADMIN)));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactlyInAnyOrder(
                "rel-fabrikam grants:" + GLOBAL_ADMIN,
                "rel-fabrikam assignment-outside-relationship:" + SECURITY_ADMIN);
    }

    // ---- missing data --------------------------------------------------------------------------------------

    @Test
    void missingRelationshipsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("delegatedAdminRelationships.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("delegatedAdminRelationships.json");
    }

    @Test
    void missingAccessAssignmentsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("delegatedAdminAccessAssignments/" + RELATIONSHIP));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("delegatedAdminAccessAssignments/" + RELATIONSHIP + ".json");
    }

    @Test
    void missingAccessAssignmentsStillFailsOnAGlobalAdministratorGrant() {
        ControlResult r = run(TenantFixture.partner()
                .withRelationships(contoso("active", HELPDESK_ADMIN, DIRECTORY_READERS, GLOBAL_ADMIN), old())
                .without("delegatedAdminAccessAssignments/" + RELATIONSHIP));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectRules(r)).containsExactly(RELATIONSHIP + " grants:" + GLOBAL_ADMIN);
    }

    @Test
    void noRelationshipAtAllPasses() {
        assertThat(run(TenantFixture.partner().withRelationships()).status()).isEqualTo(Status.PASS);
    }
}
