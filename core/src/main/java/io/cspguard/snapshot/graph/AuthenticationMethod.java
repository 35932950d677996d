package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An item of {@code GET /users/{id}/authentication/methods}; the properties set depend on {@code @odata.type}. */
public record AuthenticationMethod(@JsonProperty("@odata.type") String odataType, String id, String emailAddress,
                                   String phoneNumber, String phoneType) {
    public boolean isEmail() {
        return Text.eq(odataType, "#microsoft.graph.emailAuthenticationMethod");
    }

    public boolean isPhone() {
        return Text.eq(odataType, "#microsoft.graph.phoneAuthenticationMethod");
    }
}
