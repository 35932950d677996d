package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /roleManagement/directory/roleDefinitions}. For built-in roles {@code id == templateId}. */
public record RoleDefinition(String id, String templateId, String displayName,
                             @JsonProperty("isBuiltIn") Boolean isBuiltIn,
                             @JsonProperty("isPrivileged") Boolean isPrivileged) {
}
