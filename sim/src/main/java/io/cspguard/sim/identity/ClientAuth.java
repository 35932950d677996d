package io.cspguard.sim.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cspguard.sim.world.PartnerApp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;

/**
 * Authenticates the partner's app at the token endpoint: its client secret, or a client assertion (RFC 7523) signed
 * with the key of its registered certificate.
 *
 * <p>Assertion times are checked on the real clock, not the simulator's: clients (MSAL) stamp {@code nbf}/{@code exp}
 * from their own system time, and the simulator's clock runs at the world's time, which may be months away.
 */
final class ClientAuth {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration SKEW = Duration.ofMinutes(5);

    /** How the client proved itself; the token's {@code appidacr}. */
    enum Method {
        NONE("0"), SECRET("1"), CERTIFICATE("2");

        final String appidacr;

        Method(String appidacr) {
            this.appidacr = appidacr;
        }
    }

    private final PartnerApp app;
    private final X509Certificate certificate; // null: the app has no certificate credential
    private final Clock realClock;

    ClientAuth(PartnerApp app, Clock realClock) {
        this.app = app;
        this.certificate = app.certificatePem() == null ? null : parse(app.certificatePem());
        this.realClock = realClock;
    }

    /**
     * @param required false for public-client grants (authorization code with PKCE, device code, refresh), where a
     *                 credential is checked if sent but may be absent
     */
    Method authenticate(TokenRequest r, boolean required) {
        String secret = r.param("client_secret");
        String assertion = r.param("client_assertion");
        if (secret != null) {
            if (app.clientSecret() == null || !MessageDigest.isEqual(app.clientSecret().getBytes(StandardCharsets.UTF_8),
                    secret.getBytes(StandardCharsets.UTF_8))) {
                throw EntraError.invalidSecret(app.clientId());
            }
            return Method.SECRET;
        }
        if (assertion != null) {
            if (!JWT_BEARER.equals(r.param("client_assertion_type"))) {
                throw EntraError.badAssertion("client_assertion_type must be " + JWT_BEARER + ".");
            }
            checkAssertion(assertion, r);
            return Method.CERTIFICATE;
        }
        if (required) {
            throw EntraError.noClientCredential();
        }
        return Method.NONE;
    }

    private void checkAssertion(String assertion, TokenRequest r) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw EntraError.badAssertion("The assertion is not a signed JWT.");
        }
        if (certificate == null || !thumbprintMatches(jwt)) {
            throw EntraError.unknownCertificate(app.clientId());
        }
        try {
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                    certificate.getPublicKey());
            if (!jwt.verify(verifier)) {
                throw EntraError.badAssertionSignature();
            }
        } catch (JOSEException e) {
            throw EntraError.badAssertionSignature();
        }
        if (!app.clientId().equalsIgnoreCase(claims.getIssuer()) || !app.clientId().equalsIgnoreCase(claims.getSubject())) {
            throw EntraError.badAssertion("The iss and sub claims must both be the client id.");
        }
        if (claims.getAudience().stream().noneMatch(a -> sameUrl(a, r.tokenEndpoint()))) {
            throw EntraError.badAssertion("Unexpected audience: it must be " + r.tokenEndpoint() + ".");
        }
        Instant now = realClock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)
                || (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now))) {
            throw EntraError.assertionTime();
        }
    }

    /**
     * A header that names a certificate (x5t#S256 or x5t) must name the registered one; none named: try it. Compared
     * after normalising the alphabet: MSAL4J sends these thumbprints in standard Base64, not base64url, and Entra
     * takes both.
     */
    private boolean thumbprintMatches(SignedJWT jwt) {
        Base64URL s256 = jwt.getHeader().getX509CertSHA256Thumbprint();
        @SuppressWarnings("deprecation")
        Base64URL sha1 = jwt.getHeader().getX509CertThumbprint();
        if (s256 != null) {
            return urlAlphabet(s256.toString()).equals(thumbprint("SHA-256"));
        }
        return sha1 == null || urlAlphabet(sha1.toString()).equals(thumbprint("SHA-1"));
    }

    private String thumbprint(String digest) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String urlAlphabet(String base64) {
        return base64.replace('+', '-').replace('/', '_').replace("=", "");
    }

    private static boolean sameUrl(String a, String b) {
        return trim(a).equals(trim(b));
    }

    private static String trim(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the partner app's certificatePem is not a certificate", e);
        }
    }
}
