package io.cspguard.sim.identity;

import io.cspguard.sim.world.SimUser;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the platform remembers between requests: authorization codes, device authorizations and refresh tokens, all
 * opaque random strings (as Entra's are to clients). Lifetimes are Entra's defaults, on the simulator's clock.
 */
final class Grants {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration DEVICE_CODE_LIFETIME = Duration.ofMinutes(15);
    /** Refresh tokens expire after 90 days without use (a sliding window), as Entra's do. */
    static final Duration REFRESH_INACTIVITY = Duration.ofDays(90);
    private static final String USER_CODE_CHARS = "BCDFGHJKLMNPQRSTVWXZ23456789";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Set<String> redeemedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, DeviceAuthorization> devices = new ConcurrentHashMap<>();
    private final Map<String, String> deviceByUserCode = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refresh = new ConcurrentHashMap<>();

    /** A code issued at sign-in, redeemed once at the token endpoint. */
    record AuthCode(String clientId, String redirectUri, SimUser user, String tenantId, String scope,
                    String codeChallenge, String nonce, Instant expiresAt) {
    }

    /** A device-code sign-in in progress; {@code user} is set once someone signs in on the device-login page. */
    static final class DeviceAuthorization {
        final String deviceCode;
        final String userCode;
        final String clientId;
        final String tenantId; // null: the user's home tenant (the request went to common/organizations)
        final String scope;
        final Instant expiresAt;
        volatile SimUser user;
        volatile boolean redeemed;

        DeviceAuthorization(String deviceCode, String userCode, String clientId, String tenantId, String scope,
                            Instant expiresAt) {
            this.deviceCode = deviceCode;
            this.userCode = userCode;
            this.clientId = clientId;
            this.tenantId = tenantId;
            this.scope = scope;
            this.expiresAt = expiresAt;
        }
    }

    /** A refresh token: bound to a user and a client, good for any tenant the user may reach. */
    static final class RefreshGrant {
        final SimUser user;
        final String clientId;
        final Instant issuedAt;
        volatile Instant lastUsed;
        volatile boolean revoked;

        RefreshGrant(SimUser user, String clientId, Instant issuedAt) {
            this.user = user;
            this.clientId = clientId;
            this.issuedAt = issuedAt;
            this.lastUsed = issuedAt;
        }
    }

    String newCode(AuthCode code) {
        String id = token(48);
        codes.put(id, code);
        return id;
    }

    /**
     * Takes the code out: whatever the outcome, a code is good for one redemption attempt (RFC 6749 §4.1.2).
     *
     * @throws EntraError 70000 for an unknown code, 54005 for one already redeemed
     */
    AuthCode redeemCode(String code) {
        if (code == null || code.isBlank()) {
            throw EntraError.missingParameter("code");
        }
        AuthCode c = codes.remove(code);
        if (c == null) {
            throw redeemedCodes.contains(code) ? EntraError.codeRedeemed() : EntraError.badCode();
        }
        redeemedCodes.add(code);
        return c;
    }

    DeviceAuthorization newDevice(String clientId, String tenantId, String scope, Instant now) {
        String userCode;
        do {
            userCode = userCode();
        } while (deviceByUserCode.containsKey(userCode));
        DeviceAuthorization d = new DeviceAuthorization(token(48), userCode, clientId, tenantId, scope,
                now.plus(DEVICE_CODE_LIFETIME));
        devices.put(d.deviceCode, d);
        deviceByUserCode.put(userCode, d.deviceCode);
        return d;
    }

    Optional<DeviceAuthorization> device(String deviceCode) {
        return Optional.ofNullable(deviceCode == null ? null : devices.get(deviceCode));
    }

    Optional<DeviceAuthorization> deviceByUserCode(String userCode) {
        if (userCode == null) {
            return Optional.empty();
        }
        String normalized = userCode.strip().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        return Optional.ofNullable(deviceByUserCode.get(normalized)).map(devices::get);
    }

    String newRefreshToken(SimUser user, String clientId, Instant now) {
        String id = token(96);
        refresh.put(id, new RefreshGrant(user, clientId, now));
        return id;
    }

    Optional<RefreshGrant> refreshGrant(String token) {
        return Optional.ofNullable(token == null ? null : refresh.get(token));
    }

    /** Like Graph's {@code revokeSignInSessions}: every refresh token of the user stops working. */
    void revokeRefreshTokens(String userId) {
        refresh.values().stream().filter(g -> g.user.userId().equalsIgnoreCase(userId)).forEach(g -> g.revoked = true);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String userCode() {
        StringBuilder s = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            s.append(USER_CODE_CHARS.charAt(random.nextInt(USER_CODE_CHARS.length())));
        }
        return s.toString();
    }
}
