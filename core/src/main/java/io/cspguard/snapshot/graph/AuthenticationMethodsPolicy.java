package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** {@code GET /policies/authenticationMethodsPolicy} (one object). */
public record AuthenticationMethodsPolicy(String id, List<MethodConfiguration> authenticationMethodConfigurations) {
    public AuthenticationMethodsPolicy {
        authenticationMethodConfigurations = Text.list(authenticationMethodConfigurations);
    }

    public Optional<MethodConfiguration> configuration(String configId) {
        return authenticationMethodConfigurations.stream().filter(c -> Text.eq(c.id(), configId)).findFirst();
    }

    /**
     * One method's configuration. Authenticator's {@code featureSettings} and {@code includeTargets} stay trees:
     * Graph has put {@code numberMatchingRequiredState} both in featureSettings (an object with {@code state}) and,
     * in older payloads, as a plain string on an include target.
     */
    public record MethodConfiguration(@JsonProperty("@odata.type") String odataType, String id, String state,
                                      JsonNode featureSettings, JsonNode includeTargets) {
        public boolean enabled() {
            return Text.eq(state, "enabled");
        }
    }
}
