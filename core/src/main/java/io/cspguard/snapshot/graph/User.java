package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /users?$select=…}. {@code signInActivity} stays a tree, because "absent" (not requested: a tenant
 * without P1) and "null" (requested: the user never signed in) mean different things.
 */
public record User(String id, String userPrincipalName, String displayName, String mail, Boolean accountEnabled,
                   String userType, List<AssignedPlan> assignedPlans, JsonNode signInActivity) {

    public User {
        assignedPlans = Text.list(assignedPlans);
    }

    public boolean enabled() {
        return Boolean.TRUE.equals(accountEnabled);
    }

    /** {@code userType} Guest; a user without a {@code userType} is a member. */
    public boolean guest() {
        return Text.eq(userType, "Guest");
    }

    public boolean member() {
        return !guest();
    }

    /** Whether {@code signInActivity} was collected for this user (the property is in the file, even as null). */
    public boolean signInActivityKnown() {
        return signInActivity != null;
    }

    /** {@code lastSuccessfulSignInDateTime}, else {@code lastSignInDateTime}; empty when never (or unknown). */
    public Optional<Instant> lastSuccessfulSignIn() {
        if (signInActivity == null || !signInActivity.isObject()) {
            return Optional.empty();
        }
        Optional<Instant> success = instant(signInActivity.get("lastSuccessfulSignInDateTime"));
        return success.isPresent() ? success : instant(signInActivity.get("lastSignInDateTime"));
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Instant.parse(node.asText()));
    }

    /** The enabled collaboration plans: Exchange, SharePoint, Teams, Skype for Business. */
    public List<String> collaborationPlans() {
        return assignedPlans.stream()
                .filter(p -> Text.eq(p.capabilityStatus(), "Enabled"))
                .map(AssignedPlan::service)
                .filter(s -> Text.containsIgnoreCase(COLLABORATION_SERVICES, s))
                .distinct()
                .toList();
    }

    public String name() {
        return userPrincipalName != null ? userPrincipalName : displayName != null ? displayName : id;
    }

    private static final List<String> COLLABORATION_SERVICES =
            List.of("exchange", "SharePoint", "TeamspaceAPI", "MicrosoftCommunicationsOnline");

    public record AssignedPlan(String assignedDateTime, String capabilityStatus, String service, String servicePlanId) {
    }
}
