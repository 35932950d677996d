package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /policies/identitySecurityDefaultsEnforcementPolicy} (one object). */
public record SecurityDefaults(String id, @JsonProperty("isEnabled") Boolean isEnabled) {
    public boolean enabled() {
        return Boolean.TRUE.equals(isEnabled);
    }
}
