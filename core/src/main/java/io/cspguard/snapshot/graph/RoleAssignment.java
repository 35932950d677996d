package io.cspguard.snapshot.graph;

/** {@code GET /roleManagement/directory/roleAssignments}: active assignments (permanent and activated). */
public record RoleAssignment(String id, String principalId, String roleDefinitionId, String directoryScopeId) {
}
