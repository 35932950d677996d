package io.cspguard.snapshot.graph;

/** {@code GET /groups?$select=id,displayName,securityEnabled,mailEnabled,isAssignableToRole}. */
public record Group(String id, String displayName, Boolean securityEnabled, Boolean mailEnabled,
                    @com.fasterxml.jackson.annotation.JsonProperty("isAssignableToRole") Boolean isAssignableToRole) {
}
