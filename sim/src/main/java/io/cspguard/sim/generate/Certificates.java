package io.cspguard.sim.generate;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The partner app's certificate credential: an RSA key and a self-signed certificate, made from the seed (a seeded
 * SHA1PRNG feeds the key generator, and RSA PKCS#1 v1.5 signatures are deterministic), so that the thumbprint in
 * {@code applications.json} is the same for the same seed. It is a simulated app's key: it guards nothing.
 */
final class Certificates {
    /** @param thumbprint base64 of the certificate's SHA-1 thumbprint (Graph's {@code customKeyIdentifier}) */
    record Credential(String certificatePem, String privateKeyPem, String thumbprint, Instant notBefore,
                      Instant notAfter) {
    }

    private static final Map<String, Credential> CACHE = new ConcurrentHashMap<>();

    private Certificates() {
    }

    static Credential create(long seed, Instant worldTime, String subject) {
        return CACHE.computeIfAbsent(seed + "|" + worldTime + "|" + subject, k -> make(seed, worldTime, subject));
    }

    private static Credential make(long seed, Instant worldTime, String subject) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(ByteBuffer.allocate(24).putLong(seed).putLong(Rng.mix(seed, 0xCE27L))
                    .putLong(worldTime.getEpochSecond()).array());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair keys = generator.generateKeyPair();
            Instant notBefore = worldTime.minus(Duration.ofDays(60));
            Instant notAfter = worldTime.plus(Duration.ofDays(670));
            X500Name name = new X500Name("CN=" + subject);
            BigInteger serial = BigInteger.valueOf(Rng.mix(seed, 0x5E41L) & Long.MAX_VALUE).add(BigInteger.ONE);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
            return new Credential(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY",
                    keys.getPrivate().getEncoded()), Base64.getEncoder().encodeToString(sha1), notBefore, notAfter);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the simulated app's certificate: " + e.getMessage(), e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
