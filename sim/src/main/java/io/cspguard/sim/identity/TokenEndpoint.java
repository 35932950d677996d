package io.cspguard.sim.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token} by grant type, and {@code POST /{tenant}/oauth2/v2.0/devicecode}. Checks
 * run in Entra's order (tenant, then the app's presence there, then its credential, then the grant), so a client
 * meets the error Entra would give first.
 */
final class TokenEndpoint {
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final int DEVICE_POLL_INTERVAL_SECONDS = 5;

    private final IdentityPlatform platform;
    private final Directory directory;

    TokenEndpoint(IdentityPlatform platform) {
        this.platform = platform;
        this.directory = platform.directory();
    }

    ObjectNode token(TokenRequest r) {
        String grant = r.require("grant_type");
        return switch (grant) {
            case "client_credentials" -> clientCredentials(r);
            case "authorization_code" -> authorizationCode(r);
            case "refresh_token" -> refreshToken(r);
            // MSAL4J sends the short "device_code"; Entra accepts it beside the RFC 8628 URN.
            case DEVICE_CODE_GRANT, "device_code" -> deviceCode(r);
            default -> throw EntraError.unsupportedGrant(grant);
        };
    }

    /** Starts a device-code sign-in; the user finishes it at {@code verificationUri}. */
    ObjectNode deviceAuthorization(TokenRequest r, String verificationUri) {
        Optional<SimTenant> tenant = directory.resolve(r.tenantSegment());
        String clientId = requireClient(r, tenant.orElse(directory.partner()), false);
        String scope = r.require("scope");
        Scopes.parse(scope, tenantName(tenant.orElse(directory.partner()))); // refuse a bad scope now, not at polling
        Grants.DeviceAuthorization d = platform.grants().newDevice(clientId,
                tenant.map(SimTenant::tenantId).orElse(null), scope, now());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("user_code", d.userCode);
        out.put("device_code", d.deviceCode);
        out.put("verification_uri", verificationUri);
        out.put("expires_in", Grants.DEVICE_CODE_LIFETIME.toSeconds());
        out.put("interval", DEVICE_POLL_INTERVAL_SECONDS);
        out.put("message", "To sign in, use a web browser to open the page " + verificationUri + " and enter the code "
                + d.userCode + " to authenticate.");
        return out;
    }

    private ObjectNode clientCredentials(TokenRequest r) {
        SimTenant tenant = directory.require(r.tenantSegment());
        requireClient(r, tenant, true);
        ClientAuth.Method method = platform.clientAuth().authenticate(r, true);
        String scope = r.require("scope");
        Scopes scopes = Scopes.parse(scope, tenantName(tenant));
        // OpenID scopes are ignored here, as Entra does: MSAL4J adds "openid profile offline_access" to every request.
        if (!scopes.isDefaultOnly()) {
            throw EntraError.clientCredentialScope(scopes.firstNonDefault(scope));
        }
        return bearer(platform.appAccessToken(tenant, scopes.audience(), method));
    }

    private ObjectNode authorizationCode(TokenRequest r) {
        Optional<SimTenant> pathTenant = directory.resolve(r.tenantSegment());
        String clientId = requireClient(r, pathTenant.orElse(directory.partner()), false);
        ClientAuth.Method method = platform.clientAuth().authenticate(r, false);
        Grants.AuthCode code = platform.grants().redeemCode(r.param("code"));
        if (!code.clientId().equalsIgnoreCase(clientId)
                || pathTenant.map(t -> !t.tenantId().equalsIgnoreCase(code.tenantId())).orElse(false)) {
            throw EntraError.badCode();
        }
        if (!now().isBefore(code.expiresAt())) {
            throw EntraError.codeExpired();
        }
        String redirect = r.require("redirect_uri");
        if (!redirect.equals(code.redirectUri())) {
            throw EntraError.redirectMismatch(redirect);
        }
        if (code.codeChallenge() != null) {
            String verifier = r.param("code_verifier");
            if (verifier == null || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                    code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
                throw EntraError.pkceMismatch();
            }
        } else if (method == ClientAuth.Method.NONE) {
            throw EntraError.pkceRequired(); // a public client must prove it started the sign-in
        }
        SimTenant tenant = platform.world().tenant(code.tenantId()).orElseThrow();
        String scope = r.param("scope") != null ? r.param("scope") : code.scope();
        return userTokens(r, code.user(), tenant, scope, code.nonce(), method, clientId);
    }

    private ObjectNode refreshToken(TokenRequest r) {
        Optional<SimTenant> pathTenant = directory.resolve(r.tenantSegment());
        String clientId = requireClient(r, pathTenant.orElse(directory.partner()), false);
        ClientAuth.Method method = platform.clientAuth().authenticate(r, false);
        Grants.RefreshGrant grant = platform.grants().refreshGrant(r.require("refresh_token"))
                .filter(g -> g.clientId.equalsIgnoreCase(clientId))
                .orElseThrow(EntraError::badRefreshToken);
        if (grant.revoked) {
            throw EntraError.refreshTokenRevoked();
        }
        Instant now = now();
        if (now.isAfter(grant.lastUsed.plus(Grants.REFRESH_INACTIVITY))) {
            throw EntraError.refreshTokenExpired(grant.issuedAt, Duration.between(grant.lastUsed, now));
        }
        grant.lastUsed = now;
        // The Secure Application Model: one user's refresh token, any tenant the user can reach.
        SimTenant tenant = pathTenant.orElseGet(() -> directory.home(grant.user));
        return userTokens(r, grant.user, tenant, r.require("scope"), null, method, clientId);
    }

    private ObjectNode deviceCode(TokenRequest r) {
        Optional<SimTenant> pathTenant = directory.resolve(r.tenantSegment());
        String clientId = requireClient(r, pathTenant.orElse(directory.partner()), false);
        ClientAuth.Method method = platform.clientAuth().authenticate(r, false);
        Grants.DeviceAuthorization d = platform.grants().device(r.require("device_code"))
                .filter(x -> x.clientId.equalsIgnoreCase(clientId))
                .orElseThrow(EntraError::badDeviceCode);
        if (!now().isBefore(d.expiresAt)) {
            throw EntraError.deviceCodeExpired();
        }
        SimUser user;
        synchronized (d) {
            if (d.redeemed) {
                throw EntraError.badDeviceCode();
            }
            if (d.user == null) {
                throw EntraError.authorizationPending();
            }
            d.redeemed = true;
            user = d.user;
        }
        SimTenant tenant = d.tenantId == null ? directory.home(user)
                : platform.world().tenant(d.tenantId).orElseThrow();
        return userTokens(r, user, tenant, d.scope, null, method, clientId);
    }

    /** Access token (plus ID and refresh tokens when {@code openid}/{@code offline_access} are asked) for a user. */
    private ObjectNode userTokens(TokenRequest r, SimUser user, SimTenant tenant, String scope, String nonce,
                                  ClientAuth.Method method, String clientId) {
        if (!directory.enabled(user)) {
            throw EntraError.userDisabled();
        }
        Set<String> wids = platform.rolesIn(user, tenant);
        Scopes scopes = Scopes.parse(scope, tenantName(tenant));
        String audience = scopes.audience() == null ? IdentityPlatform.GRAPH : scopes.audience();
        Set<String> granted = delegatedScopes(scopes, audience);
        ObjectNode out = bearer(platform.userAccessToken(user, tenant, audience, granted, wids, method));
        Set<String> shown = new LinkedHashSet<>();
        granted.forEach(s -> shown.add(audience + "/" + s));
        shown.addAll(scopes.oidc());
        out.put("scope", String.join(" ", shown));
        if (scopes.oidc().contains("openid")) {
            out.put("id_token", platform.idToken(user, tenant, clientId, nonce, r.baseUrl()));
        }
        if (scopes.oidc().contains("offline_access")) {
            out.put("refresh_token", platform.grants().newRefreshToken(user, clientId, now()));
        }
        if ("1".equals(r.param("client_info"))) {
            out.put("client_info", IdentityPlatform.clientInfo(user));
        }
        return out;
    }

    /**
     * The delegated permissions ({@code scp}) granted. The world models one consent: the partner's app holds in its
     * home tenant the permissions it was granted there, and a user may delegate those (and {@code User.Read}, which
     * needs no admin consent). {@code .default} means all of them; anything else is not consented (AADSTS65001).
     */
    private Set<String> delegatedScopes(Scopes scopes, String audience) {
        if (IdentityPlatform.PARTNER_CENTER.equals(audience)) {
            return Set.of("user_impersonation");
        }
        Set<String> consented = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        consented.addAll(directory.partner().appPermissions());
        consented.add("User.Read");
        Set<String> granted = new LinkedHashSet<>();
        for (String p : scopes.permissions()) {
            if (Scopes.DEFAULT.equals(p)) {
                granted.addAll(consented);
            } else if (consented.contains(p)) {
                granted.add(consented.stream().filter(p::equalsIgnoreCase).findFirst().orElse(p));
            } else {
                throw EntraError.notConsented(platform.app().clientId(), platform.app().displayName());
            }
        }
        if (granted.isEmpty()) {
            granted.add("User.Read"); // only OpenID scopes asked: Entra gives a Graph token for the user's profile
        }
        return granted;
    }

    /**
     * The client id, when it names the partner's app and the app is present in {@code tenant}. App-only access needs
     * the app consented in a customer (Partner Center application consent); delegated access is bounded by GDAP
     * instead, checked when the token is issued.
     */
    private String requireClient(TokenRequest r, SimTenant tenant, boolean appOnly) {
        String clientId = r.require("client_id");
        boolean known = clientId.equalsIgnoreCase(platform.app().clientId());
        boolean present = tenant.tenantId().equalsIgnoreCase(directory.partner().tenantId()) || tenant.appConsented();
        if (!known || (appOnly && !present)) {
            throw EntraError.appNotInTenant(clientId, tenantName(tenant));
        }
        return platform.app().clientId();
    }

    private static ObjectNode bearer(String accessToken) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("token_type", "Bearer");
        out.put("expires_in", IdentityPlatform.ACCESS_TOKEN_LIFETIME.toSeconds());
        out.put("ext_expires_in", IdentityPlatform.ACCESS_TOKEN_LIFETIME.toSeconds());
        out.put("access_token", accessToken);
        return out;
    }

    private static String tenantName(SimTenant t) {
        return t.displayName() == null ? t.tenantId() : t.displayName();
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return platform.clock().instant();
    }
}
