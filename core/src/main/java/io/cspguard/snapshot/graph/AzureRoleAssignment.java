package io.cspguard.snapshot.graph;

/** Azure Resource Manager {@code Microsoft.Authorization/roleAssignments}, merged over the tenant's subscriptions. */
public record AzureRoleAssignment(String id, String name, Properties properties) {

    public record Properties(String roleDefinitionId, String principalId, String principalType, String scope) {
    }

    /** The role definition's GUID: the last segment of {@code properties.roleDefinitionId}. */
    public String roleGuid() {
        if (properties == null || properties.roleDefinitionId() == null) {
            return null;
        }
        String r = properties.roleDefinitionId();
        return r.substring(r.lastIndexOf('/') + 1);
    }

    public String principalId() {
        return properties == null ? null : properties.principalId();
    }
}
