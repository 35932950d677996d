package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code GET /identity/conditionalAccess/policies}. Conditions that only narrow a policy stay trees. */
public record CaPolicy(String id, String displayName, String state, Conditions conditions, GrantControls grantControls) {

    public boolean enabled() {
        return Text.eq(state, "enabled");
    }

    public String name() {
        return displayName != null ? displayName : id;
    }

    public record Conditions(Users users, Applications applications, List<String> clientAppTypes,
                             JsonNode platforms, JsonNode locations, JsonNode devices, JsonNode clientApplications,
                             List<String> signInRiskLevels, List<String> userRiskLevels,
                             JsonNode insiderRiskLevels, JsonNode authenticationFlows) {
        public Conditions {
            clientAppTypes = Text.list(clientAppTypes);
            signInRiskLevels = Text.list(signInRiskLevels);
            userRiskLevels = Text.list(userRiskLevels);
        }
    }

    public record Users(List<String> includeUsers, List<String> excludeUsers,
                        List<String> includeGroups, List<String> excludeGroups,
                        List<String> includeRoles, List<String> excludeRoles,
                        GuestsOrExternalUsers includeGuestsOrExternalUsers,
                        GuestsOrExternalUsers excludeGuestsOrExternalUsers) {
        public Users {
            includeUsers = Text.list(includeUsers);
            excludeUsers = Text.list(excludeUsers);
            includeGroups = Text.list(includeGroups);
            excludeGroups = Text.list(excludeGroups);
            includeRoles = Text.list(includeRoles);
            excludeRoles = Text.list(excludeRoles);
        }
    }

    /** {@code guestOrExternalUserTypes} is a comma-separated list; {@code externalTenants} all or enumerated. */
    public record GuestsOrExternalUsers(String guestOrExternalUserTypes, JsonNode externalTenants) {
        public boolean hasType(String type) {
            if (guestOrExternalUserTypes == null) {
                return false;
            }
            for (String t : guestOrExternalUserTypes.split(",")) {
                if (t.trim().equalsIgnoreCase(type)) {
                    return true;
                }
            }
            return false;
        }

        /** True when the condition names all external tenants (or does not restrict them). */
        public boolean allExternalTenants() {
            if (externalTenants == null || externalTenants.isNull()) {
                return true;
            }
            JsonNode kind = externalTenants.get("membershipKind");
            return kind == null || kind.isNull() || Text.eq(kind.asText(), "all");
        }
    }

    public record Applications(List<String> includeApplications, List<String> excludeApplications,
                               List<String> includeUserActions,
                               List<String> includeAuthenticationContextClassReferences,
                               JsonNode applicationFilter) {
        public Applications {
            includeApplications = Text.list(includeApplications);
            excludeApplications = Text.list(excludeApplications);
            includeUserActions = Text.list(includeUserActions);
            includeAuthenticationContextClassReferences = Text.list(includeAuthenticationContextClassReferences);
        }
    }

    public record GrantControls(String operator, List<String> builtInControls, List<String> customAuthenticationFactors,
                                List<String> termsOfUse, AuthenticationStrength authenticationStrength) {
        public GrantControls {
            builtInControls = Text.list(builtInControls);
            customAuthenticationFactors = Text.list(customAuthenticationFactors);
            termsOfUse = Text.list(termsOfUse);
        }
    }

    public record AuthenticationStrength(String id, String displayName, List<String> allowedCombinations) {
        public AuthenticationStrength {
            allowedCombinations = Text.list(allowedCombinations);
        }
    }
}
