package io.cspguard.snapshot.graph;

import java.util.List;

/** {@code GET /tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments}. */
public record AccessAssignment(String id, String status, AccessContainer accessContainer,
                               DelegatedAdminRelationship.AccessDetails accessDetails) {

    public boolean active() {
        return Text.eq(status, "active");
    }

    public String groupId() {
        return accessContainer == null ? null : accessContainer.accessContainerId();
    }

    public List<String> roleIds() {
        return accessDetails == null ? List.of() : accessDetails.roleIds();
    }

    public record AccessContainer(String accessContainerId, String accessContainerType) {
    }
}
