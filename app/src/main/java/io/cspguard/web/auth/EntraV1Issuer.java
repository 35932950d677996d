package io.cspguard.web.auth;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Entra's v1.0 endpoint is the one whose ID tokens carry {@code amr} (v2.0 ID tokens do not), and it breaks
 * OpenID discovery's rule that the metadata's issuer equals the discovery URL: the metadata at
 * {@code https://login.microsoftonline.com/<tenant id>/.well-known/openid-configuration} publishes the issuer
 * {@code https://sts.windows.net/<tenant id>/}. This accepts exactly that pair — same tenant id, a GUID, so
 * {@code common} and {@code organizations} stay refused — and nothing else; tokens must then carry that issuer.
 */
final class EntraV1Issuer {
    private static final Pattern CONFIGURED =
            Pattern.compile("https://login\\.microsoftonline\\.com/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private EntraV1Issuer() {
    }

    static boolean matches(String configuredIssuer, String publishedIssuer) {
        Matcher m = CONFIGURED.matcher(configuredIssuer.toLowerCase(Locale.ROOT));
        return m.matches() && ("https://sts.windows.net/" + m.group(1) + "/").equals(publishedIssuer);
    }
}
