package io.cspguard.snapshot.graph;

/** {@code GET /servicePrincipals}. */
public record ServicePrincipal(String id, String appId, String displayName, String servicePrincipalType) {
}
