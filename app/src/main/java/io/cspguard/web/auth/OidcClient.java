package io.cspguard.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The relying-party side of OpenID Connect's authorization code flow with PKCE: the provider's metadata from
 * {@code <issuer>/.well-known/openid-configuration}, the authorization URL, the code redeemed at the token endpoint
 * with the client secret, and the ID token verified — signature by a key of the provider's JWKS, {@code iss},
 * {@code aud}/{@code azp}, {@code exp}/{@code nbf}/{@code iat} with {@value #SKEW_SECONDS} s of skew, {@code nonce}
 * — and refused unless {@code amr} contains {@code mfa}. The user is named by {@code preferred_username}, else
 * {@code upn} (never {@code email}: it is mutable and Entra does not verify it for guests), and identified by the
 * token's subject {@code <iss>|<oid or sub>}; a {@code tid} must be the issuer's tenant.
 */
final class OidcClient {
    static final long SKEW_SECONDS = 120;
    static final String NO_MFA = "no MFA in token";
    private static final int MAX_SUBJECT = 500;
    private static final Pattern TENANT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    private static final Duration JWKS_REFRESH_MIN = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a sign-in by OIDC failed: {@code reason} is for the audit trail and the page (never a token). */
    static final class OidcException extends Exception {
        OidcException(String reason) {
            super(reason);
        }
    }

    /**
     * Who the verified ID token names: {@code username} to find the account, {@code subject}
     * ({@code <iss>|<oid or sub>}) to check it is still the same identity.
     */
    record Identity(String username, String subject, List<String> amr) {
    }

    private record Metadata(String issuer, URI authorization, URI token, URI jwks) {
    }

    private final OidcSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private Metadata metadata;
    private JWKSet keys;
    private Instant keysFetched = Instant.EPOCH;

    OidcClient(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().sslContext(settings.trustOrDefault()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The provider's authorization URL for this sign-in. */
    URI authorizationUrl(String redirectUri, String state, String nonce, String codeVerifier) throws OidcException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", settings.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", redirectUri);
        q.put("response_mode", "query");
        q.put("scope", "openid profile email");
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", challenge(codeVerifier));
        q.put("code_challenge_method", "S256");
        String base = metadata().authorization().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(q));
    }

    /** Redeems the code and verifies the ID token it buys. */
    Identity signIn(String code, String redirectUri, String codeVerifier, String nonce) throws OidcException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("client_id", settings.clientId());
        f.put("client_secret", settings.clientSecret());
        f.put("code", code);
        f.put("redirect_uri", redirectUri);
        f.put("code_verifier", codeVerifier);
        f.put("scope", "openid profile email");
        JsonNode body = call(HttpRequest.newBuilder(metadata().token())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(f))).build(), "the token endpoint");
        String idToken = body.path("id_token").asText("");
        if (idToken.isEmpty()) {
            String error = body.path("error").asText("");
            throw new OidcException(error.isEmpty() ? "no ID token from the token endpoint"
                    : "the token endpoint refused the code: " + error);
        }
        return verify(idToken, nonce);
    }

    Identity verify(String idToken, String nonce) throws OidcException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(idToken);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new OidcException("the ID token is not a signed JWT");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new OidcException("the ID token's algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted");
        }
        try {
            if (!jwt.verify(verifier(jwt))) {
                throw new OidcException("the ID token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw new OidcException("the ID token's signature cannot be checked: " + e.getMessage());
        }
        Metadata m = metadata();
        if (!m.issuer().equals(claims.getIssuer())) {
            throw new OidcException("the ID token's issuer is not " + m.issuer());
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(settings.clientId())) {
            throw new OidcException("the ID token is not for this application (aud)");
        }
        try {
            String azp = claims.getStringClaim("azp");
            if (aud.size() > 1 && !settings.clientId().equals(azp)) {
                throw new OidcException("the ID token names several audiences and another authorized party (azp)");
            }
            Instant now = clock.instant();
            Date exp = claims.getExpirationTime();
            Date nbf = claims.getNotBeforeTime();
            Date iat = claims.getIssueTime();
            if (exp == null || !now.isBefore(exp.toInstant().plusSeconds(SKEW_SECONDS))) {
                throw new OidcException("the ID token has expired");
            }
            if (nbf != null && nbf.toInstant().isAfter(now.plusSeconds(SKEW_SECONDS))
                    || iat == null || iat.toInstant().isAfter(now.plusSeconds(SKEW_SECONDS))) {
                throw new OidcException("the ID token is not valid yet (nbf/iat)");
            }
            if (nonce == null || !Tokens.same(nonce, claims.getStringClaim("nonce"))) {
                throw new OidcException("the ID token's nonce is not this sign-in's");
            }
            List<String> amr = claims.getClaim("amr") instanceof List<?> ? claims.getStringListClaim("amr") : List.of();
            if (amr == null || !amr.contains("mfa")) {
                throw new OidcException(NO_MFA);
            }
            String username = claims.getStringClaim("preferred_username");
            if (username == null || username.isBlank()) {
                username = claims.getStringClaim("upn");  // Entra's v1.0 ID tokens name the user here
            }
            if (username == null || username.isBlank()) {
                throw new OidcException("the ID token names no user (preferred_username or upn)");
            }
            return new Identity(username, subject(claims), amr);
        } catch (ParseException e) {
            throw new OidcException("the ID token has a malformed claim: " + e.getMessage());
        }
    }

    /**
     * {@code <iss>|<oid>} (Entra's object id: the same for every app of the tenant), else {@code <iss>|<sub>}; a
     * {@code tid} must name the tenant the issuer names, when the issuer names one.
     */
    private static String subject(JWTClaimsSet claims) throws ParseException, OidcException {
        String tid = claims.getStringClaim("tid");
        String issuerTenant = tenantOf(claims.getIssuer());
        if (tid != null && issuerTenant != null && !tid.equalsIgnoreCase(issuerTenant)) {
            throw new OidcException("the ID token's tenant (tid) is not the issuer's");
        }
        String id = claims.getStringClaim("oid");
        if (id == null || id.isBlank()) {
            id = claims.getSubject();
        }
        if (id == null || id.isBlank()) {
            throw new OidcException("the ID token names no subject (oid or sub)");
        }
        String subject = claims.getIssuer() + "|" + id;
        if (subject.length() > MAX_SUBJECT) {
            throw new OidcException("the ID token's subject is longer than " + MAX_SUBJECT + " characters");
        }
        return subject;
    }

    /** The tenant id (a GUID) an issuer URL names in its path, e.g. {@code https://sts.windows.net/<tid>/}. */
    static String tenantOf(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.getPath() == null) {
            return null;
        }
        for (String segment : uri.getPath().split("/")) {
            if (TENANT_ID.matcher(segment).matches()) {
                return segment;
            }
        }
        return null;
    }

    private JWSVerifier verifier(SignedJWT jwt) throws OidcException, JOSEException {
        String kid = jwt.getHeader().getKeyID();
        JWK key = findKey(kid, false);
        if (key == null) {
            key = findKey(kid, true); // keys roll over: fetch again once, not on every unknown kid
        }
        if (key == null) {
            throw new OidcException("the ID token's key " + kid + " is not in the provider's JWKS");
        }
        if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm())) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(jwt.getHeader().getAlgorithm())) {
            return new ECDSAVerifier(ec);
        }
        throw new OidcException("the ID token's key " + kid + " does not fit its algorithm");
    }

    private synchronized JWK findKey(String kid, boolean refresh) throws OidcException {
        Instant now = clock.instant();
        if (keys == null || refresh && Duration.between(keysFetched, now).abs().compareTo(JWKS_REFRESH_MIN) >= 0) {
            JsonNode jwks = call(HttpRequest.newBuilder(metadata().jwks()).GET().build(), "the JWKS endpoint");
            try {
                keys = JWKSet.parse(jwks.toString());
            } catch (ParseException e) {
                throw new OidcException("the provider's JWKS cannot be read: " + e.getMessage());
            }
            keysFetched = now;
        }
        if (kid != null) {
            return keys.getKeyByKeyId(kid);
        }
        return keys.getKeys().size() == 1 ? keys.getKeys().get(0) : null;
    }

    private synchronized Metadata metadata() throws OidcException {
        if (metadata == null) {
            String issuer = stripSlash(settings.issuer().toString());
            JsonNode m = call(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).GET()
                    .build(), "the OpenID configuration");
            String published = m.path("issuer").asText("");
            if (!stripSlash(published).equals(issuer) && !EntraV1Issuer.matches(issuer, published)) {
                throw new OidcException("the provider's OpenID configuration names the issuer '" + published
                        + "', not the configured " + issuer + " (use the tenant-specific issuer)");
            }
            try {
                metadata = new Metadata(published, URI.create(m.path("authorization_endpoint").asText()),
                        URI.create(m.path("token_endpoint").asText()), URI.create(m.path("jwks_uri").asText()));
            } catch (IllegalArgumentException e) {
                throw new OidcException("the provider's OpenID configuration has an invalid endpoint URL");
            }
        }
        return metadata;
    }

    private JsonNode call(HttpRequest request, String what) throws OidcException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 && !body.has("error")) {
                throw new OidcException(what + " answered HTTP " + r.statusCode());
            }
            return body;
        } catch (IOException e) {
            throw new OidcException("cannot reach " + what + " at " + request.uri().getHost() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException("interrupted while calling " + what);
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
