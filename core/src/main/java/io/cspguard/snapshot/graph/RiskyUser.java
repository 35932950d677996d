package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /identityProtection/riskyUsers}. */
public record RiskyUser(String id, String userPrincipalName, String userDisplayName, String riskLevel,
                        String riskState, String riskDetail, @JsonProperty("isDeleted") Boolean isDeleted) {
}
