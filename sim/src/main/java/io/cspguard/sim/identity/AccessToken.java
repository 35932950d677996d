package io.cspguard.sim.identity;

import java.time.Instant;
import java.util.Set;

/**
 * What a verified access token grants (the claims the simulated Graph and Partner Center check).
 *
 * @param tenantId  {@code tid}: the tenant the token is for
 * @param appId     {@code appid}: the client application
 * @param userId    {@code oid} of the signed-in user for a delegated token; null for an app-only token
 * @param userTenantId the user's home tenant (the partner, for a partner user in a customer); null app-only
 * @param roles     {@code roles}: application permissions (app-only)
 * @param scopes    {@code scp}: delegated permissions (delegated)
 * @param wids      directory role template ids the user holds in {@code tenantId} (through GDAP in a customer)
 * @param audience  {@code aud}: https://graph.microsoft.com or https://api.partnercenter.microsoft.com
 */
public record AccessToken(String tenantId, String appId, String userId, String userTenantId, Set<String> roles,
                          Set<String> scopes, Set<String> wids, String audience, Instant expiresAt) {
    public AccessToken {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        wids = Set.copyOf(wids);
    }

    public boolean appOnly() {
        return userId == null;
    }
}
