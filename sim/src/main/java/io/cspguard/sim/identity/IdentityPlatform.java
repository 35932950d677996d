package io.cspguard.sim.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.cspguard.sim.SimClock;
import io.cspguard.sim.world.PartnerApp;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The simulated Entra ID: it signs tokens for the World's tenants (RS256, one key, published as JWKS) on the
 * simulator's clock, remembers codes and refresh tokens, and verifies its own access tokens ({@link #tokenService()}).
 * {@link IdentityRoutes} puts it on HTTP.
 *
 * <p>Access tokens look like the v1.0 tokens Graph and Partner Center receive ({@code iss} sts.windows.net, {@code
 * appid}, {@code roles} or {@code scp}, {@code wids}); ID tokens are v2.0 ({@code iss} = this authority).
 */
public final class IdentityPlatform {
    /** The {@code aud} of Graph tokens (and what Graph's routes pass to {@link TokenVerifier#verify}). */
    public static final String GRAPH = "https://graph.microsoft.com";
    /** The {@code aud} of Partner Center tokens. */
    public static final String PARTNER_CENTER = "https://api.partnercenter.microsoft.com";
    /** {@code expires_in} of every access token. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3599);
    static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);

    private final World world;
    private final SimClock clock;
    private final Clock realClock;
    private final Directory directory;
    private final DirectoryRoles roles;
    private final SigningKey key = new SigningKey();
    private final Grants grants = new Grants();
    private final ClientAuth clientAuth;
    private final TokenService tokenService;
    /** Access tokens with an {@code iat} at or before this second are invalid ({@link #expireAllAccessTokens}). */
    private volatile long invalidThroughSecond = Long.MIN_VALUE;

    public IdentityPlatform(World world, SimClock clock) {
        this(world, clock, Clock.systemUTC());
    }

    /**
     * @param realClock the wall clock clients use: client assertions and authenticator codes are stamped with it
     */
    public IdentityPlatform(World world, SimClock clock, Clock realClock) {
        this.world = world;
        this.clock = clock;
        this.realClock = realClock;
        this.directory = new Directory(world);
        this.roles = new DirectoryRoles(directory);
        this.clientAuth = new ClientAuth(world.app(), realClock);
        this.tokenService = new TokenService(this);
    }

    /** Verifies the access tokens this platform issued: what Graph and Partner Center routes call. */
    public TokenService tokenService() {
        return tokenService;
    }

    /** The JWKS ({@code {"keys":[…]}}) that verifies every token this platform signs. */
    public String jwksJson() {
        return key.jwksJson();
    }

    /**
     * Makes every access token issued so far invalid, as if it had expired (the {@code flaky} fault "a token that
     * expires mid-run"). Tokens issued afterwards are valid: the client recovers by asking for a new one.
     */
    public void expireAllAccessTokens() {
        invalidThroughSecond = clock.instant().getEpochSecond();
    }

    /** Like Graph's {@code POST /users/{id}/revokeSignInSessions}: the user's refresh tokens stop working. */
    public void revokeSignInSessions(String userId) {
        grants.revokeRefreshTokens(userId);
    }

    public SimClock clock() {
        return clock;
    }

    World world() {
        return world;
    }

    PartnerApp app() {
        return world.app();
    }

    Directory directory() {
        return directory;
    }

    Grants grants() {
        return grants;
    }

    ClientAuth clientAuth() {
        return clientAuth;
    }

    SigningKey key() {
        return key;
    }

    long invalidThroughSecond() {
        return invalidThroughSecond;
    }

    /** An authenticator code is checked against the wall clock (the user's phone) and the simulator's clock. */
    boolean totpValid(SimUser user, String code) {
        return user.totpSecret() != null && Totp.verify(user.totpSecret(), code, realClock.instant(), clock.instant());
    }

    /**
     * The user's role template ids in {@code tenant}.
     *
     * @throws EntraError AADSTS50020 when the tenant is not the user's and grants the user no role (no GDAP)
     */
    Set<String> rolesIn(SimUser user, SimTenant tenant) {
        Set<String> wids = roles.of(user, tenant);
        if (wids.isEmpty() && !tenant.tenantId().equalsIgnoreCase(user.tenantId())) {
            throw EntraError.noAccessInTenant(user.userPrincipalName(), user.tenantId(), tenant.tenantId(),
                    app().clientId());
        }
        return wids;
    }

    /**
     * A token's {@code iat}: now, but always after the last {@link #expireAllAccessTokens} second, so that a token
     * issued in that same second is not caught by it (at most one second ahead; {@code nbf} tolerates the skew).
     */
    private long issuedAt() {
        return Math.max(clock.instant().getEpochSecond(), invalidThroughSecond + 1);
    }

    /** An app-only token for {@code tenant} (client credentials). */
    String appAccessToken(SimTenant tenant, String audience, ClientAuth.Method method) {
        String tid = tenant.tenantId();
        String servicePrincipal = stableId("sp", app().clientId(), tid);
        JWTClaimsSet.Builder c = accessTokenBase(tid, audience, method)
                .subject(servicePrincipal)
                .claim("oid", servicePrincipal)
                .claim("idp", stsIssuer(tid))
                .claim("idtyp", "app");
        // Application permissions are Graph's; Partner Center app-only tokens carry none.
        if (GRAPH.equals(audience) && !tenant.appPermissions().isEmpty()) {
            c.claim("roles", List.copyOf(tenant.appPermissions()));
        }
        return key.sign(c.build());
    }

    /** A delegated token for {@code user} in {@code tenant} (its home, or a customer reached through GDAP). */
    String userAccessToken(SimUser user, SimTenant tenant, String audience, Set<String> scopes, Set<String> wids,
                           ClientAuth.Method method) {
        String tid = tenant.tenantId();
        JWTClaimsSet.Builder c = accessTokenBase(tid, audience, method)
                .subject(stableId("sub", user.userId(), audience))
                .claim("oid", user.userId())
                .claim("idtyp", "user")
                .claim("acr", "1")
                .claim("amr", List.of("pwd", "mfa"))
                .claim("name", directory.displayName(user))
                .claim("upn", user.userPrincipalName())
                .claim("unique_name", user.userPrincipalName())
                .claim("scp", String.join(" ", scopes));
        if (!wids.isEmpty()) {
            c.claim("wids", List.copyOf(wids));
        }
        if (!tid.equalsIgnoreCase(user.tenantId())) {
            c.claim("idp", stsIssuer(user.tenantId())); // a user from another tenant, as Entra marks guests
        }
        return key.sign(c.build());
    }

    /** A v2.0 ID token for the client, signed like access tokens ({@code amr}: password and authenticator code). */
    String idToken(SimUser user, SimTenant tenant, String clientId, String nonce, String baseUrl) {
        long iat = issuedAt();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(baseUrl + "/" + tenant.tenantId() + "/v2.0")
                .audience(clientId)
                .subject(stableId("sub", user.userId(), clientId))
                .issueTime(new Date(iat * 1000))
                .notBeforeTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + ID_TOKEN_LIFETIME.toSeconds()) * 1000))
                .claim("amr", List.of("pwd", "mfa"))
                .claim("name", directory.displayName(user))
                .claim("oid", user.userId())
                .claim("preferred_username", user.userPrincipalName())
                .claim("tid", tenant.tenantId())
                .claim("uti", UUID.randomUUID().toString())
                .claim("ver", "2.0");
        if (nonce != null) {
            c.claim("nonce", nonce);
        }
        return key.sign(c.build());
    }

    /** MSAL's {@code client_info}: base64url of {@code {"uid","utid"}} (the user's home account). */
    static String clientInfo(SimUser user) {
        String json = "{\"uid\":\"" + user.userId() + "\",\"utid\":\"" + user.tenantId() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private JWTClaimsSet.Builder accessTokenBase(String tid, String audience, ClientAuth.Method method) {
        long iat = issuedAt();
        return new JWTClaimsSet.Builder()
                .audience(audience)
                .issuer(stsIssuer(tid))
                .issueTime(new Date(iat * 1000))
                .notBeforeTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + ACCESS_TOKEN_LIFETIME.toSeconds()) * 1000))
                .claim("app_displayname", app().displayName())
                .claim("appid", app().clientId())
                .claim("appidacr", method.appidacr)
                .claim("tid", tid)
                .claim("uti", UUID.randomUUID().toString())
                .claim("ver", "1.0");
    }

    private static String stsIssuer(String tid) {
        return "https://sts.windows.net/" + tid + "/";
    }

    /** A stable id derived from its parts: a service principal's object id, a pairwise {@code sub}. */
    private static String stableId(String... parts) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", parts).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return UUID.nameUUIDFromBytes(h).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
