package io.cspguard.snapshot;

import io.cspguard.snapshot.graph.AccessAssignment;
import io.cspguard.snapshot.graph.Application;
import io.cspguard.snapshot.graph.AuthenticationMethod;
import io.cspguard.snapshot.graph.AuthenticationMethodsPolicy;
import io.cspguard.snapshot.graph.AzureRoleAssignment;
import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import io.cspguard.snapshot.graph.DirectoryAudit;
import io.cspguard.snapshot.graph.DirectoryObject;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.Organization;
import io.cspguard.snapshot.graph.PimGroupSchedule;
import io.cspguard.snapshot.graph.PolicyAssignment;
import io.cspguard.snapshot.graph.RegistrationDetail;
import io.cspguard.snapshot.graph.RiskyUser;
import io.cspguard.snapshot.graph.RoleAssignment;
import io.cspguard.snapshot.graph.RoleDefinition;
import io.cspguard.snapshot.graph.RoleSchedule;
import io.cspguard.snapshot.graph.SecurityDefaults;
import io.cspguard.snapshot.graph.ServicePrincipal;
import io.cspguard.snapshot.graph.SignIn;
import io.cspguard.snapshot.graph.User;
import java.time.Instant;
import java.util.List;

/**
 * One tenant's snapshot, typed and immutable. Each file of {@code formats.md} §1 is a {@link Data}: present, or
 * missing with the reason. The loader has already applied what the tenant's licences make impossible (no PIM data
 * without P2, no enforced Conditional Access without P1): those come back present and empty.
 * {@code azureRoleAssignments} is optional: missing means "skip the clause", never "fail".
 */
public record TenantSnapshot(
        TenantInfo info,
        Licences licences,
        Data<Organization> organization,
        Data<List<User>> users,
        Data<List<RegistrationDetail>> userRegistrationDetails,
        Data<List<Group>> groups,
        Keyed<List<DirectoryObject>> groupMembers,
        Data<List<RoleDefinition>> roleDefinitions,
        Data<List<RoleAssignment>> roleAssignments,
        Data<List<RoleSchedule>> roleAssignmentSchedules,
        Data<List<RoleSchedule>> roleEligibilitySchedules,
        Data<List<PolicyAssignment>> roleManagementPolicyAssignments,
        Keyed<List<PimGroupSchedule>> pimGroupAssignmentSchedules,
        Keyed<List<PolicyAssignment>> pimGroupPolicyAssignments,
        Data<List<CaPolicy>> conditionalAccessPolicies,
        Data<SecurityDefaults> securityDefaults,
        Data<AuthenticationMethodsPolicy> authenticationMethodsPolicy,
        Keyed<List<AuthenticationMethod>> authenticationMethods,
        Data<List<SignIn>> signIns,
        Data<List<DirectoryAudit>> directoryAudits,
        Data<List<RiskyUser>> riskyUsers,
        Data<List<Application>> applications,
        Data<List<ServicePrincipal>> servicePrincipals,
        Data<List<DelegatedAdminRelationship>> delegatedAdminRelationships,
        Keyed<List<AccessAssignment>> delegatedAdminAccessAssignments,
        Data<List<AzureRoleAssignment>> azureRoleAssignments) {

    public String tenantId() {
        return info.tenantId();
    }

    public TenantRole role() {
        return info.role();
    }

    public boolean isPartner() {
        return info.role() == TenantRole.PARTNER;
    }

    /** The snapshot's time: every "within N days" is measured back from here. */
    public Instant collectedAt() {
        return info.collectedAt();
    }
}
