package io.cspguard.graph.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The app's client credential from a profile: its certificate when it has one (preferred), else its secret. A
 * certificate file is a PEM holding the certificate (and any chain) and its private key in PKCS#8 ({@code PRIVATE KEY},
 * or {@code ENCRYPTED PRIVATE KEY} with {@code certificatePassword}), or a PKCS#12/PFX file with
 * {@code certificatePassword}. Parsed with the JDK alone. Every secret met is handed to the {@link Redactor}.
 */
final class Credentials {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private Credentials() {
    }

    /** Whether the profile holds an app credential (a secret or a certificate). */
    static boolean present(ConnectionProfile p) {
        return p.certificate() != null || p.clientSecret() != null;
    }

    /** The profile's client credential; the secrets resolved are added to {@code redactor}. */
    static IClientCredential of(ConnectionProfile p, Function<String, String> env, Redactor redactor)
            throws ProfileException {
        if (p.certificate() != null) {
            String password = Secrets.resolve(p, "certificatePassword", p.certificatePassword(), env);
            redactor.add(password);
            Certified c = load(p.source(), p.certificate(), password);
            return c.chain().size() == 1 ? ClientCredentialFactory.createFromCertificate(c.key(), c.chain().get(0))
                    : ClientCredentialFactory.createFromCertificateChain(c.key(), c.chain());
        }
        if (p.clientSecret() != null) {
            String secret = Secrets.resolve(p, "clientSecret", p.clientSecret(), env);
            redactor.add(secret);
            return ClientCredentialFactory.createFromSecret(secret);
        }
        throw new ProfileException(p.source(), null, "no credential: clientSecret or certificatePath");
    }

    /** A private key and its certificate, first, then the rest of the chain. */
    record Certified(PrivateKey key, List<X509Certificate> chain) {
    }

    static Certified load(Path profile, Path file, String password) throws ProfileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProfileException(profile, "certificatePath", "cannot read " + file);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        return text.contains("-----BEGIN ") ? pem(profile, file, text, password) : pkcs12(profile, file, bytes, password);
    }

    private static Certified pem(Path profile, Path file, String text, String password) throws ProfileException {
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = null;
        byte[] keyDer = null;
        boolean encrypted = false;
        Matcher m = PEM_BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new ProfileException(profile, "certificatePath", file + ": a " + type + " block is not Base64");
            }
            switch (type) {
                case "CERTIFICATE" -> {
                    try {
                        certificates.addAll(Trust.certificates(der));
                    } catch (GeneralSecurityException e) {
                        throw new ProfileException(profile, "certificatePath", file + ": a CERTIFICATE block is not "
                                + "an X.509 certificate");
                    }
                }
                case "PRIVATE KEY" -> keyDer = der;
                case "ENCRYPTED PRIVATE KEY" -> {
                    keyDer = der;
                    encrypted = true;
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new ProfileException(profile, "certificatePath",
                        file + ": the key is in the legacy " + type + " format; convert it to PKCS#8 "
                                + "(openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem)");
                default -> {
                    // other blocks (parameters, attributes) are not needed
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new ProfileException(profile, "certificatePath", file + ": no CERTIFICATE in the PEM file");
        }
        if (keyDer == null) {
            throw new ProfileException(profile, "certificatePath", file + ": no PRIVATE KEY in the PEM file (it "
                    + "must hold the certificate and its key)");
        }
        if (encrypted) {
            if (password == null) {
                throw new ProfileException(profile, "certificatePassword", "the key in " + file + " is encrypted: "
                        + "give certificatePassword");
            }
            keyDer = decrypt(profile, file, keyDer, password);
        }
        for (X509Certificate c : certificates) {
            key = privateKey(keyDer, c.getPublicKey().getAlgorithm());
            if (key != null && matches(key, c)) {
                List<X509Certificate> chain = new ArrayList<>(certificates);
                chain.remove(c);
                chain.add(0, c);
                return new Certified(key, List.copyOf(chain));
            }
        }
        throw new ProfileException(profile, "certificatePath", file + ": the private key does not belong to any "
                + "certificate in the file");
    }

    private static byte[] decrypt(Path profile, Path file, byte[] der, String password) throws ProfileException {
        char[] chars = password.toCharArray();
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 names its real algorithm in the parameters (e.g. PBEWithHmacSHA256AndAES_256)
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            Key pbe = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(chars));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, pbe, info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new ProfileException(profile, "certificatePassword", "cannot decrypt the key in " + file + " (wrong "
                    + "password, or an encryption the JDK does not support: " + e.getClass().getSimpleName() + ")");
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static Certified pkcs12(Path profile, Path file, byte[] bytes, String password) throws ProfileException {
        char[] chars = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), chars);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, chars);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
                    List<X509Certificate> certs = new ArrayList<>();
                    for (Certificate c : chain) {
                        certs.add((X509Certificate) c);
                    }
                    return new Certified(pk, List.copyOf(certs));
                }
            }
            throw new ProfileException(profile, "certificatePath", file + ": the PFX holds no private key with its "
                    + "certificate");
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            throw new ProfileException(profile, wrongPassword ? "certificatePassword" : "certificatePath",
                    wrongPassword ? "cannot open " + file + ": wrong password" : file + " is neither a PEM file nor "
                            + "a PFX (PKCS#12) file");
        } catch (GeneralSecurityException e) {
            throw new ProfileException(profile, "certificatePath", "cannot read the PFX " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** Whether {@code key} is the private half of the certificate's public key (a signature checks it). */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "ED25519", "EDDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // cannot check; MSAL will say if the service refuses it
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(certificate.getPublicKey());
            v.update(probe);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
