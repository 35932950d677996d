package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /reports/authenticationMethods/userRegistrationDetails}. */
public record RegistrationDetail(String id, String userPrincipalName, String userDisplayName, String userType,
                                 @JsonProperty("isAdmin") Boolean isAdmin,
                                 @JsonProperty("isMfaRegistered") Boolean isMfaRegistered,
                                 List<String> methodsRegistered) {
    public RegistrationDetail {
        methodsRegistered = Text.list(methodsRegistered);
    }
}
