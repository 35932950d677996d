package io.cspguard.snapshot.graph;

import java.time.Instant;
import java.util.List;

/** {@code GET /applications}. */
public record Application(String id, String appId, String displayName,
                          List<RequiredResourceAccess> requiredResourceAccess,
                          List<PasswordCredential> passwordCredentials) {
    public Application {
        requiredResourceAccess = Text.list(requiredResourceAccess);
        passwordCredentials = Text.list(passwordCredentials);
    }

    public String name() {
        return displayName != null ? displayName : appId != null ? appId : id;
    }

    public boolean requiresResource(String resourceAppId) {
        return requiredResourceAccess.stream().anyMatch(r -> Text.eq(r.resourceAppId(), resourceAppId));
    }

    public record RequiredResourceAccess(String resourceAppId, List<ResourceAccess> resourceAccess) {
        public RequiredResourceAccess {
            resourceAccess = Text.list(resourceAccess);
        }
    }

    /** {@code type}: Scope (delegated) or Role (application). */
    public record ResourceAccess(String id, String type) {
    }

    public record PasswordCredential(String keyId, String displayName, Instant startDateTime, Instant endDateTime) {
    }
}
