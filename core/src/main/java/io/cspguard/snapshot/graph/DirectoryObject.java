package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member of {@code GET /groups/{id}/transitiveMembers}: a user, group, service principal, device or contact. */
public record DirectoryObject(@JsonProperty("@odata.type") String odataType, String id, String displayName,
                              String userPrincipalName) {

    public boolean isUser() {
        return Text.eq(odataType, "#microsoft.graph.user");
    }

    public boolean isServicePrincipal() {
        return Text.eq(odataType, "#microsoft.graph.servicePrincipal");
    }

    public String name() {
        return userPrincipalName != null ? userPrincipalName : displayName != null ? displayName : id;
    }
}
