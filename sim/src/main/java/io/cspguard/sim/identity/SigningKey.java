package io.cspguard.sim.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Optional;

/**
 * The platform's RS256 token-signing key, published in the JWKS under its {@code kid} (its RFC 7638 thumbprint).
 * One key per start: tokens do not outlive the simulator.
 */
final class SigningKey {
    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;
    private final String jwks;

    SigningKey() {
        try {
            RSAKey generated = new RSAKeyGenerator(2048).generate();
            Base64URL thumbprint = generated.computeThumbprint();
            this.key = new RSAKey.Builder(generated).keyID(thumbprint.toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).build();
            this.signer = new RSASSASigner(key);
            this.verifier = new RSASSAVerifier(key.toPublicJWK());
            this.jwks = new JWKSet(key.toPublicJWK()).toString(true);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create the token-signing key", e);
        }
    }

    String kid() {
        return key.getKeyID();
    }

    /** {@code {"keys":[…]}}: the public key only. */
    String jwksJson() {
        return jwks;
    }

    String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a token this key signed; empty for anything else (malformed, another key, bad signature). */
    Optional<JWTClaimsSet> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !kid().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
