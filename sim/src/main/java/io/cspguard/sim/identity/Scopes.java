package io.cspguard.sim.identity;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code scope} parameter: the one resource it names (Graph or Partner Center), the permissions asked of it
 * ({@code .default} included) and the OpenID scopes. Entra allows one resource per request (AADSTS28000).
 *
 * @param audience    the canonical resource, the token's {@code aud}
 * @param permissions permission names relative to the resource ({@code .default}, {@code User.Read}…)
 * @param oidc        {@code openid}, {@code profile}, {@code email}, {@code offline_access} as asked
 */
record Scopes(String audience, Set<String> permissions, Set<String> oidc) {
    static final String DEFAULT = ".default";
    private static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
    /** Resource identifiers Entra accepts for the two APIs: the App ID URI and the first-party app id. */
    private static final Map<String, String> RESOURCES = Map.of(
            "https://graph.microsoft.com", IdentityPlatform.GRAPH,
            "00000003-0000-0000-c000-000000000000", IdentityPlatform.GRAPH,
            "https://api.partnercenter.microsoft.com", IdentityPlatform.PARTNER_CENTER,
            "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd", IdentityPlatform.PARTNER_CENTER);

    static Scopes parse(String scope, String tenantName) {
        if (scope == null || scope.isBlank()) {
            throw EntraError.missingParameter("scope");
        }
        String audience = null;
        Set<String> permissions = new LinkedHashSet<>();
        Set<String> oidc = new LinkedHashSet<>();
        for (String s : scope.trim().split("\\s+")) {
            if (OIDC.contains(s.toLowerCase(Locale.ROOT))) {
                oidc.add(s.toLowerCase(Locale.ROOT));
                continue;
            }
            int slash = s.lastIndexOf('/');
            // A bare name ("User.Read") is a Graph permission, as in Entra.
            String resource = slash < 0 ? "https://graph.microsoft.com" : stripSlashes(s.substring(0, slash));
            String permission = slash < 0 ? s : s.substring(slash + 1);
            String canonical = RESOURCES.get(resource.toLowerCase(Locale.ROOT));
            if (canonical == null) {
                throw EntraError.unknownResource(resource, tenantName);
            }
            if (permission.isEmpty()) {
                throw EntraError.invalidScope(s);
            }
            if (audience != null && !audience.equals(canonical)) {
                throw EntraError.twoResources();
            }
            audience = canonical;
            permissions.add(permission);
        }
        return new Scopes(audience, permissions, oidc);
    }

    /** "https://graph.microsoft.com//.default" (a documented v1 quirk) names the same resource. */
    private static String stripSlashes(String resource) {
        String r = resource;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    boolean isDefaultOnly() {
        return audience != null && permissions.equals(Set.of(DEFAULT));
    }

    /** The first resource scope that is not {@code <resource>/.default}, for the client-credentials error. */
    String firstNonDefault(String raw) {
        for (String s : raw.trim().split("\\s+")) {
            if (!s.endsWith("/" + DEFAULT) && !OIDC.contains(s.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return raw;
    }
}
