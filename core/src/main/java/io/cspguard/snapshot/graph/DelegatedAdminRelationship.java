package io.cspguard.snapshot.graph;

import java.util.List;

/** {@code GET /tenantRelationships/delegatedAdminRelationships} (GDAP, partner side). */
public record DelegatedAdminRelationship(String id, String displayName, String status, Customer customer,
                                         AccessDetails accessDetails) {

    public boolean active() {
        return Text.eq(status, "active");
    }

    public List<String> roleIds() {
        return accessDetails == null ? List.of() : accessDetails.roleIds();
    }

    public String customerName() {
        if (customer == null) {
            return "unknown customer";
        }
        return customer.displayName() != null ? customer.displayName() : customer.tenantId();
    }

    public record Customer(String tenantId, String displayName) {
    }

    public record AccessDetails(List<UnifiedRole> unifiedRoles) {
        public AccessDetails {
            unifiedRoles = Text.list(unifiedRoles);
        }

        public List<String> roleIds() {
            return unifiedRoles.stream().map(UnifiedRole::roleDefinitionId).toList();
        }
    }

    public record UnifiedRole(String roleDefinitionId) {
    }
}
