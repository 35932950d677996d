package io.cspguard.graph.auth;

import java.nio.file.Path;

/**
 * How CSP Guard reaches a cloud (formats.md §4), validated. Secrets are held as given ({@code env:NAME} resolved when
 * used); {@link #toString()} never shows them.
 *
 * @param mode          app (client credentials) or delegated (Secure Application Model)
 * @param clientSecret  the secret or {@code env:NAME}; null when a certificate is used
 * @param certificate   a PEM (certificate and private key) or PFX file, or null
 * @param refreshToken  delegated mode: the encrypted refresh token file written by {@code cspguard connect}, or null
 * @param authority     e.g. https://login.microsoftonline.com (no trailing slash)
 * @param graph         e.g. https://graph.microsoft.com
 * @param partnerCenter e.g. https://api.partnercenter.microsoft.com
 * @param caCert        a PEM CA to trust in addition to the system's (the simulator's), or null
 * @param source        the profile file, for error messages and to resolve relative paths
 */
public record ConnectionProfile(String partnerTenantId, String clientId, Mode mode, String clientSecret,
                                Path certificate, String certificatePassword, Path refreshToken, String authority,
                                String graph, String partnerCenter, Path caCert, Path source) {
    public enum Mode { APP, DELEGATED }

    @Override
    public String toString() {
        return "ConnectionProfile[partnerTenantId=" + partnerTenantId + ", clientId=" + clientId + ", mode=" + mode
                + ", authority=" + authority + ", graph=" + graph + ", partnerCenter=" + partnerCenter
                + ", credential=" + (certificate != null ? "certificate " + certificate : clientSecret != null
                ? "secret (redacted)" : "none") + "]";
    }
}
