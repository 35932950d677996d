package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /organization} (a one-element collection). */
public record Organization(String id, String displayName, List<VerifiedDomain> verifiedDomains) {
    public Organization {
        verifiedDomains = Text.list(verifiedDomains);
    }

    public record VerifiedDomain(String name, String type,
                                 @JsonProperty("isDefault") Boolean isDefault,
                                 @JsonProperty("isInitial") Boolean isInitial) {
    }
}
