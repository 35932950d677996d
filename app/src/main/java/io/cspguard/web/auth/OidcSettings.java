package io.cspguard.web.auth;

import java.net.URI;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Sign-in with an OpenID Connect provider (Microsoft Entra in production).
 *
 * @param issuer       the tenant's issuer, e.g. {@code https://login.microsoftonline.com/<tenant id>/v2.0}; its
 *                     {@code /.well-known/openid-configuration} names the endpoints and keys
 * @param clientId     the app registration's application (client) id
 * @param clientSecret the app registration's client secret
 * @param trust        the TLS trust for the provider; null for the JDK's default
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, javax.net.ssl.SSLContext trust) {
    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        boolean loopback = "localhost".equals(issuer.getHost()) || "127.0.0.1".equals(issuer.getHost());
        if (!"https".equals(issuer.getScheme()) && !(loopback && "http".equals(issuer.getScheme()))) {
            throw new IllegalArgumentException("the OIDC issuer must be an https URL, got: " + issuer);
        }
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***]";
    }

    SSLContext trustOrDefault() {
        try {
            return trust == null ? SSLContext.getDefault() : trust;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
