package io.cspguard.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client credentials against the simulator over HTTPS, with a secret and with the certificate (PEM and PFX). */
class AppTokenSourceTest {
    private static final Sim SIM = Sim.get();

    @TempDir
    Path dir;

    private ConnectionProfile secretProfile(String secret) throws Exception {
        Map<String, String> keys = new HashMap<>();
        keys.put("clientSecret", secret);
        return Sim.load(dir, "secret.json", SIM.profile(keys));
    }

    private ConnectionProfile certificateProfile(Path certificate, String password) throws Exception {
        Map<String, String> keys = new HashMap<>();
        keys.put("certificatePath", dir.relativize(certificate).toString()); // relative to the profile
        keys.put("certificatePassword", password);
        return Sim.load(dir, "certificate.json", SIM.profile(keys));
    }

    @Test
    void aSecretGetsTokensForThePartnerAndACustomer() throws Exception {
        AppTokenSource source = new AppTokenSource(secretProfile(SIM.world.app().clientSecret()));
        String customer = SIM.customers().get(0);
        for (String tenant : new String[] {SIM.partner(), customer}) {
            String graph = source.token(tenant, Resource.GRAPH);
            JsonNode claims = Sim.claims(graph);
            assertThat(claims.path("tid").asText()).isEqualTo(tenant);
            assertThat(claims.path("appid").asText()).isEqualTo(SIM.world.app().clientId());
            assertThat(claims.path("aud").asText()).isEqualTo("https://graph.microsoft.com");
            assertThat(claims.path("idtyp").asText()).isEqualTo("app");
            // cached: the same token until it nears expiry
            assertThat(source.token(tenant, Resource.GRAPH)).isEqualTo(graph);
            String pc = source.token(tenant, Resource.PARTNER_CENTER);
            assertThat(Sim.claims(pc).path("aud").asText()).isEqualTo("https://api.partnercenter.microsoft.com");
        }
    }

    @Test
    void theSecretMayComeFromTheEnvironment() throws Exception {
        ConnectionProfile p = secretProfile("env:SIM_APP_SECRET");
        AppTokenSource source = new AppTokenSource(p, Map.of("SIM_APP_SECRET", SIM.world.app().clientSecret())::get);
        assertThat(Sim.claims(source.token(SIM.partner(), Resource.GRAPH)).path("tid").asText())
                .isEqualTo(SIM.partner());
    }

    @Test
    void theCertificateInPemGetsTokensForThePartnerAndACustomer() throws Exception {
        AppTokenSource source = new AppTokenSource(certificateProfile(SIM.appPem, null));
        for (String tenant : new String[] {SIM.partner(), SIM.customers().get(1)}) {
            JsonNode claims = Sim.claims(source.token(tenant, Resource.GRAPH));
            assertThat(claims.path("tid").asText()).isEqualTo(tenant);
            assertThat(claims.path("appidacr").asText()).as("certificate client authentication").isEqualTo("2");
        }
    }

    @Test
    void theCertificateWithAnEncryptedKeyOrInAPfx() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(SIM.world.app().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                pemBody(SIM.world.app().privateKeyPem())));
        String password = "pfx-Password-42";

        Path pfx = dir.resolve("app.pfx");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("app", key, password.toCharArray(), new Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(pfx)) {
            store.store(out, password.toCharArray());
        }
        AppTokenSource fromPfx = new AppTokenSource(certificateProfile(pfx, "env:PFX_PASSWORD"),
                Map.of("PFX_PASSWORD", password)::get);
        assertThat(Sim.claims(fromPfx.token(SIM.partner(), Resource.GRAPH)).path("appidacr").asText()).isEqualTo("2");
        assertThatThrownBy(() -> new AppTokenSource(certificateProfile(pfx, "wrong-password")))
                .isInstanceOf(ProfileException.class).hasMessageContaining("certificatePassword")
                .message().doesNotContain("wrong-password");

        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(encrypted, SIM.world.app().certificatePem() + "\n" + encryptedPkcs8(key, password));
        AppTokenSource fromEncrypted = new AppTokenSource(certificateProfile(encrypted, password));
        assertThat(Sim.claims(fromEncrypted.token(SIM.customers().get(0), Resource.GRAPH)).path("appidacr").asText())
                .isEqualTo("2");
        assertThatThrownBy(() -> new AppTokenSource(certificateProfile(encrypted, null)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("encrypted");
        assertThat(fromEncrypted.redactor().redact("pw " + password)).isEqualTo("pw " + Redactor.MASK);
    }

    @Test
    void aCertificateFileWithoutItsKeyIsRefused() throws Exception {
        Path certOnly = dir.resolve("cert-only.pem");
        Files.writeString(certOnly, SIM.world.app().certificatePem());
        assertThatThrownBy(() -> new AppTokenSource(certificateProfile(certOnly, null)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("no PRIVATE KEY");
        Path legacy = dir.resolve("legacy.pem");
        Files.writeString(legacy, SIM.world.app().certificatePem() + "\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> new AppTokenSource(certificateProfile(legacy, null)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("PKCS#8");
    }

    @Test
    void invalidateGetsANewToken() throws Exception {
        AppTokenSource source = new AppTokenSource(secretProfile(SIM.world.app().clientSecret()));
        String tenant = SIM.customers().get(2);
        String first = source.token(tenant, Resource.GRAPH);
        assertThat(source.token(tenant, Resource.GRAPH)).isEqualTo(first);
        source.invalidate(tenant, Resource.GRAPH);
        String second = source.token(tenant, Resource.GRAPH);
        assertThat(second).isNotEqualTo(first);
        assertThat(Sim.claims(second).path("tid").asText()).isEqualTo(tenant);
        // and the new one is cached in turn; the other resource was not touched
        assertThat(source.token(tenant, Resource.GRAPH)).isEqualTo(second);
    }

    @Test
    void aTokenNearItsExpiryIsRenewed() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        AppTokenSource source = new AppTokenSource(secretProfile(SIM.world.app().clientSecret()),
                Map.<String, String>of()::get, clock);
        String tenant = SIM.customers().get(0);
        String first = source.token(tenant, Resource.PARTNER_CENTER);
        clock.advance(Duration.ofMinutes(50)); // the simulator's tokens live 3,599 s
        assertThat(source.token(tenant, Resource.PARTNER_CENTER)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(5)); // within the margin of 5 minutes: renewed
        String second = source.token(tenant, Resource.PARTNER_CENTER);
        assertThat(second).isNotEqualTo(first);
        assertThat(Sim.claims(second).path("tid").asText()).isEqualTo(tenant);
    }

    @Test
    void aWrongSecretIsInvalidClient7000215WithoutTheSecret() throws Exception {
        String wrong = "wrong~Secret-" + Sim.randomGuid();
        AppTokenSource source = new AppTokenSource(secretProfile(wrong));
        assertThatThrownBy(() -> source.token(SIM.partner(), Resource.GRAPH))
                .isInstanceOf(AuthException.class)
                .satisfies(e -> {
                    AuthException a = (AuthException) e;
                    assertThat(a.code()).isEqualTo("invalid_client");
                    assertThat(a.aadsts()).isEqualTo(7000215);
                    assertThat(a.isTransient()).isFalse();
                    assertThat(Secrecy.everything(a)).doesNotContain(wrong);
                })
                .hasMessageContaining("AADSTS7000215")
                .hasMessageContaining(SIM.partner());
    }

    @Test
    void entrasErrorsForAnUnconsentedAndAnUnknownTenant() throws Exception {
        AppTokenSource source = new AppTokenSource(secretProfile(SIM.world.app().clientSecret()));
        assertThatThrownBy(() -> source.token(Sim.UNCONSENTED, Resource.GRAPH)).isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("unauthorized_client"))
                .satisfies(e -> assertThat(((AuthException) e).aadsts()).isEqualTo(700016));
        assertThatThrownBy(() -> source.token(Sim.randomGuid(), Resource.GRAPH)).isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).aadsts()).isEqualTo(90002));
        assertThatThrownBy(() -> source.token("../common", Resource.GRAPH)).isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("invalid_tenant"));
    }

    @Test
    void withoutTheSimulatorsCaTheServerIsNotTrusted() throws Exception {
        Map<String, String> keys = new HashMap<>();
        keys.put("clientSecret", SIM.world.app().clientSecret());
        keys.put("caCert", null);
        AppTokenSource source = new AppTokenSource(Sim.load(dir, "no-ca.json", SIM.profile(keys)));
        assertThatThrownBy(() -> source.token(SIM.partner(), Resource.GRAPH)).isInstanceOf(AuthException.class)
                .hasMessageContaining("caCert")
                .satisfies(e -> assertThat(((AuthException) e).isTransient()).isFalse())
                .message().doesNotContain(SIM.world.app().clientSecret());
    }

    static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** A PKCS#8 key encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as openssl pkcs8 -topk8 writes it. */
    static String encryptedPkcs8(PrivateKey key, String password) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        PBEParameterSpec spec = new PBEParameterSpec(salt, 10_000, new javax.crypto.spec.IvParameterSpec(iv));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                .generateSecret(new PBEKeySpec(password.toCharArray())), spec);
        byte[] sealed = cipher.doFinal(key.getEncoded());
        // registered under its OID's name (PBES2), so that EncryptedPrivateKeyInfo can encode it
        AlgorithmParameters params = AlgorithmParameters.getInstance("PBES2");
        params.init(cipher.getParameters().getEncoded());
        byte[] der = new EncryptedPrivateKeyInfo(params, sealed).getEncoded();
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }
}
