package io.cspguard.sim.world;

/**
 * A partner user who can sign in to the simulated identity platform (delegated mode, and the dashboard's tests).
 *
 * @param totpSecret Base32 TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) of the user's authenticator
 */
public record SimUser(String tenantId, String userId, String userPrincipalName, String password, String totpSecret) {
}
