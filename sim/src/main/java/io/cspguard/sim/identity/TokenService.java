package io.cspguard.sim.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the platform's access tokens for Graph and Partner Center: RS256 signature with the platform's key,
 * {@code exp}/{@code nbf} on the simulator's clock, the audience, and {@link IdentityPlatform#expireAllAccessTokens}.
 *
 * <p>A client reuses one token for an hour of requests, so a verified token's claims are cached (by its exact text):
 * the RSA check runs once per token, not once per request; the time checks run every time.
 */
public final class TokenService implements TokenVerifier {
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final int CACHE_LIMIT = 10_000;
    /** Graph's first-party app id: Entra issues it as {@code aud} too, so accept it as Graph. */
    private static final Map<String, String> AUDIENCE_ALIASES =
            Map.of("00000003-0000-0000-c000-000000000000", IdentityPlatform.GRAPH);

    private final IdentityPlatform platform;
    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    private record Verified(AccessToken token, long issuedAtSecond, Instant notBefore) {
    }

    TokenService(IdentityPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Optional<AccessToken> verify(String bearer, String audience) {
        if (bearer == null || bearer.isBlank()) {
            return Optional.empty();
        }
        Verified v = cache.get(bearer);
        if (v == null) {
            v = platform.key().verify(bearer).flatMap(TokenService::read).orElse(null);
            if (v == null) {
                return Optional.empty();
            }
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear(); // tokens are few; this only bounds a pathological run
            }
            cache.put(bearer, v);
        }
        Instant now = platform.clock().instant();
        boolean valid = now.isBefore(v.token().expiresAt())
                && !v.notBefore().isAfter(now.plus(SKEW))
                && v.issuedAtSecond() > platform.invalidThroughSecond()
                && canonical(v.token().audience()).equals(canonical(audience));
        return valid ? Optional.of(v.token()) : Optional.empty();
    }

    private static Optional<Verified> read(JWTClaimsSet c) {
        try {
            Date exp = c.getExpirationTime();
            Date iat = c.getIssueTime();
            List<String> aud = c.getAudience();
            String tid = c.getStringClaim("tid");
            if (exp == null || iat == null || aud.size() != 1 || tid == null) {
                return Optional.empty();
            }
            boolean app = "app".equals(c.getStringClaim("idtyp"));
            String userId = app ? null : c.getStringClaim("oid");
            String idp = c.getStringClaim("idp");
            String userTenant = app ? null : idp == null ? tid : tenantOf(idp);
            Set<String> scopes = c.getStringClaim("scp") == null ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(c.getStringClaim("scp").split(" ")));
            AccessToken token = new AccessToken(tid, c.getStringClaim("appid"), userId, userTenant,
                    list(c, "roles"), scopes, list(c, "wids"), aud.get(0), exp.toInstant());
            Date nbf = c.getNotBeforeTime();
            return Optional.of(new Verified(token, iat.toInstant().getEpochSecond(),
                    nbf == null ? iat.toInstant() : nbf.toInstant()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static Set<String> list(JWTClaimsSet c, String name) throws ParseException {
        List<String> values = c.getStringListClaim(name);
        return values == null ? Set.of() : Set.copyOf(values);
    }

    /** "https://sts.windows.net/{tid}/" → tid. */
    private static String tenantOf(String issuer) {
        String s = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static String canonical(String audience) {
        if (audience == null) {
            return "";
        }
        String a = audience.endsWith("/") ? audience.substring(0, audience.length() - 1) : audience;
        return AUDIENCE_ALIASES.getOrDefault(a, a).toLowerCase(java.util.Locale.ROOT);
    }
}
