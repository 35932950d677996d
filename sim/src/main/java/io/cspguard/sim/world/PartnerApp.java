package io.cspguard.sim.world;

/**
 * The partner's multi-tenant application, as registered in the partner tenant.
 *
 * @param clientSecret    its client secret (the simulator's guards nothing, so the profile holds it in clear)
 * @param certificatePem  the PEM of its registered certificate (client assertions are checked against it), or null
 * @param privateKeyPem   the PEM (PKCS#8) of the certificate's private key, handed to tests and the profile, or null
 */
public record PartnerApp(String clientId, String displayName, String clientSecret, String certificatePem,
                         String privateKeyPem) {
}
