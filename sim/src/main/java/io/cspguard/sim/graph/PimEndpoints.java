package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.throttle.PageSizes;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PIM policies and PIM for Groups (graph-reference.md §7d; formats.md §1):
 * {@code /policies/roleManagementPolicyAssignments} with its required {@code $filter} on {@code scopeId} and
 * {@code scopeType} — directory roles ({@code scopeId eq '/'}, {@code scopeType} {@code DirectoryRole} or
 * {@code Directory}) from {@code roleManagementPolicyAssignments.json}, a group ({@code scopeType eq 'Group'}) from
 * {@code pimGroupPolicyAssignments/<groupId>.json} — and {@code /identityGovernance/privilegedAccess/group/
 * assignmentSchedules|eligibilitySchedules?$filter=groupId eq '…'}. The world holds policies already expanded
 * ({@code $expand=policy($expand=rules)}); without {@code $expand} the {@code policy} property is left out, as Graph
 * does. Other filter clauses ({@code roleDefinitionId eq …}) filter the items. App permissions [MEMORY] for the
 * group ones.
 */
final class PimEndpoints {
    static final Permission ROLE_POLICIES = Permission.of(Roles.PIM_READ, "RoleManagementPolicy.Read.Directory",
            "RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleManagementPolicy.ReadWrite.Directory",
            "RoleManagement.ReadWrite.Directory");
    static final Permission GROUP_POLICIES = Permission.of(Roles.PIM_READ, "RoleManagementPolicy.Read.AzureADGroup",
            "RoleManagementPolicy.ReadWrite.AzureADGroup");
    /** The endpoint admits either; the handler then checks the one its scope needs. */
    static final Permission ANY_POLICIES = Permission.of(Roles.PIM_READ, "RoleManagementPolicy.Read.Directory",
            "RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleManagementPolicy.ReadWrite.Directory",
            "RoleManagement.ReadWrite.Directory", "RoleManagementPolicy.Read.AzureADGroup",
            "RoleManagementPolicy.ReadWrite.AzureADGroup");
    static final Permission GROUP_ASSIGNMENTS = Permission.of(Roles.PIM_READ,
            "PrivilegedAssignmentSchedule.Read.AzureADGroup", "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
            "PrivilegedAccess.Read.AzureADGroup", "PrivilegedAccess.ReadWrite.AzureADGroup");
    static final Permission GROUP_ELIGIBILITIES = Permission.of(Roles.PIM_READ,
            "PrivilegedEligibilitySchedule.Read.AzureADGroup", "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
            "PrivilegedAccess.Read.AzureADGroup", "PrivilegedAccess.ReadWrite.AzureADGroup");

    private static final Set<String> DIRECTORY_SCOPES = Set.of("directoryrole", "directory");

    private PimEndpoints() {
    }

    static void register(Router r) {
        r.add(Endpoint.read("/policies/roleManagementPolicyAssignments", ANY_POLICIES, Licence.P2_PIM,
                PimEndpoints::policyFile, PimEndpoints::policies));
        groupSchedules(r, "assignmentSchedules", GROUP_ASSIGNMENTS, "pimGroupAssignmentSchedules");
        groupSchedules(r, "eligibilitySchedules", GROUP_ELIGIBILITIES, "pimGroupEligibilitySchedules");
    }

    /** The file the filter names; null when the filter does not name one (the handler answers 400). */
    private static String policyFile(Call c) {
        Filter f = c.query().filter();
        String scopeType = f == null ? null : f.equalTo("scopeType").orElse(null);
        String scopeId = f == null ? null : f.equalTo("scopeId").orElse(null);
        if (scopeType == null || scopeId == null) {
            return null;
        }
        if (DIRECTORY_SCOPES.contains(scopeType.toLowerCase(Locale.ROOT)) && scopeId.equals("/")) {
            return "roleManagementPolicyAssignments.json";
        }
        if (scopeType.equalsIgnoreCase("Group")) {
            return c.tenant().read(() -> WorldFiles.keyed(c.tenant().tenant, "pimGroupPolicyAssignments", scopeId));
        }
        return null;
    }

    private static GraphResponse policies(Call c) {
        String file = policyFile(c);
        if (file == null) {
            return c.badRequest("The filter must name scopeId and scopeType: scopeId eq '/' and scopeType eq "
                    + "'DirectoryRole', or scopeId eq '{groupId}' and scopeType eq 'Group'.");
        }
        Permission needed = file.startsWith("pimGroup") ? GROUP_POLICIES : ROLE_POLICIES;
        if (!needed.allows(c.token())) {
            return GraphErrors.denied(c.req(), c.now());
        }
        boolean expanded = c.query().expands("policy");
        Projection projection = expanded ? Projection.select(c.query().select())
                : Projection.omitting(c.query().select(), Set.of("policy"));
        String context = "policies/roleManagementPolicyAssignments" + (expanded ? "(policy(rules()))" : "");
        Filter rest = c.query().filter().without("scopeId", "scopeType");
        return Pages.prefiltered(c, () -> filtered(WorldFiles.list(c.tenant().tenant, file), rest), context,
                Pages.Size.of(PageSizes.DIRECTORY, PageSizes.DIRECTORY), projection);
    }

    private static void groupSchedules(Router r, String kind, Permission p, String folder) {
        String path = "/identityGovernance/privilegedAccess/group/" + kind;
        Endpoint.FileOf fileOf = c -> {
            Filter f = c.query().filter();
            String groupId = f == null ? null : f.equalTo("groupId").orElse(null);
            return groupId == null ? null : c.tenant().read(() -> WorldFiles.keyed(c.tenant().tenant, folder, groupId));
        };
        r.add(Endpoint.read(path, p, Licence.P2_PIM, fileOf, c -> {
            String file = fileOf.file(c);
            if (file == null) {
                return c.badRequest("The filter must name the group: groupId eq '{groupId}'.");
            }
            Filter rest = c.query().filter().without("groupId");
            return Pages.prefiltered(c, () -> filtered(WorldFiles.list(c.tenant().tenant, file), rest),
                    "identityGovernance/privilegedAccess/group/" + kind,
                    DirectoryEndpoints.size(c, DirectoryEndpoints.DEFAULT_PAGE, false),
                    Projection.select(c.query().select()));
        }));
    }

    private static List<ObjectNode> filtered(List<ObjectNode> items, Filter rest) {
        return rest == null ? items : items.stream().filter(rest::test).toList();
    }
}
