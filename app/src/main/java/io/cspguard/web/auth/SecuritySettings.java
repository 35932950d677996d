package io.cspguard.web.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the dashboard's security layer is set up.
 *
 * @param publicUrl         the address users type ({@code https://guard.example.com}): the WebAuthn origin and RP id,
 *                          the OIDC redirect URI, the Origin every state-changing request must come from
 * @param secureCookies     cookies marked Secure and Strict-Transport-Security sent: true whenever users reach the
 *                          dashboard over TLS (directly or through a proxy)
 * @param sessionIdle       a session unused this long ends
 * @param sessionMax        a session ends this long after sign-in, used or not
 * @param oidc              sign-in with Microsoft Entra, when configured
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For} (only behind a proxy that sets it)
 */
public record SecuritySettings(URI publicUrl, boolean secureCookies, Duration sessionIdle, Duration sessionMax,
                               Optional<OidcSettings> oidc, boolean trustForwardedFor) {
    public SecuritySettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(oidc, "oidc");
        if (!"http".equals(publicUrl.getScheme()) && !"https".equals(publicUrl.getScheme())
                || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("the public URL must be http(s)://host[:port], got: " + publicUrl);
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMax.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("session timeouts must be positive, the maximum at least the idle one");
        }
        String path = publicUrl.getRawPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            throw new IllegalArgumentException("the public URL must be the dashboard's root (no path), got: " + publicUrl);
        }
    }

    /** {@code http://localhost:PORT}, cookies without Secure, 30 minutes idle, 12 hours at most, no OIDC. */
    public static SecuritySettings local(int port) {
        return new SecuritySettings(URI.create("http://localhost:" + port), false, Duration.ofMinutes(30),
                Duration.ofHours(12), Optional.empty(), false);
    }

    public SecuritySettings withOidc(OidcSettings settings) {
        return new SecuritySettings(publicUrl, secureCookies, sessionIdle, sessionMax, Optional.of(settings),
                trustForwardedFor);
    }

    /** {@code scheme://host[:port]} as browsers send it in {@code Origin}. */
    public String origin() {
        int port = publicUrl.getPort();
        return publicUrl.getScheme() + "://" + publicUrl.getHost() + (port == -1 ? "" : ":" + port);
    }

    /** An absolute URL of this dashboard for {@code path} (which starts with '/'). */
    public String url(String path) {
        return origin() + path;
    }
}
