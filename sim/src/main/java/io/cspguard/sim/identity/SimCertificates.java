package io.cspguard.sim.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The simulator's TLS: a private CA made at start and a server certificate it signs for {@code 127.0.0.1},
 * {@code ::1} and {@code localhost}. MSAL4J accepts only https authorities, and nothing in CSP Guard turns
 * verification off, so clients trust exactly this CA ({@link #writeCaPem}, {@link #clientSslContext}).
 *
 * <p>Keys are EC P-256: quick to make at every start and accepted by every TLS client we use. Validity follows
 * the real clock, not {@code SimClock}: TLS clients check certificates against their own system time.
 */
public final class SimCertificates {
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final String SERVER_ALIAS = "server";

    private final X509Certificate ca;
    private final X509Certificate server;
    private final KeyStore keyStore;
    private final char[] keyStorePassword;

    private SimCertificates(X509Certificate ca, X509Certificate server, KeyStore keyStore, char[] password) {
        this.ca = ca;
        this.server = server;
        this.keyStore = keyStore;
        this.keyStorePassword = password;
    }

    /** A fresh CA and server certificate (new keys at every start: nothing to keep secret across runs). */
    public static SimCertificates create() {
        try {
            SecureRandom random = new SecureRandom();
            Instant now = Instant.now();
            KeyPair caKeys = ecKeyPair();
            X500Name caName = new X500Name("CN=CSP Guard simulator CA " + HexFormat.of().formatHex(bytes(random, 4))
                    + ",O=CSP Guard simulator");
            X509Certificate ca = caCertificate(caName, caKeys, now, random);
            KeyPair serverKeys = ecKeyPair();
            X509Certificate server = serverCertificate(caName, caKeys, ca, serverKeys, now, random);

            char[] password = HexFormat.of().formatHex(bytes(random, 16)).toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(SERVER_ALIAS, serverKeys.getPrivate(), password, new Certificate[] {server, ca});
            return new SimCertificates(ca, server, ks, password);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the simulator's certificates", e);
        }
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    public X509Certificate serverCertificate() {
        return server;
    }

    /** The CA as PEM: what a client adds to its trust (the profile's {@code caCert}). */
    public String caPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public Path writeCaPem(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
        return file;
    }

    /** The server's key and chain (server, CA) under alias {@code server}; its password is {@link #keyStorePassword}. */
    public KeyStore keyStore() {
        return keyStore;
    }

    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    /** A new Jetty server-side TLS factory holding the server key (one per connector: Jetty manages its lifecycle). */
    public SslContextFactory.Server sslContextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(new String(keyStorePassword));
        factory.setCertAlias(SERVER_ALIAS);
        return factory;
    }

    /**
     * An HTTPS connector for a Javalin/Jetty server, e.g.
     * {@code config.jetty.addConnector((server, http) -> certs.httpsConnector(server, http, "127.0.0.1", port))}.
     * Bind to loopback: the simulator's credentials are in clear and guard nothing.
     *
     * @param port 0 for a free port ({@code app.port()} tells which after start)
     */
    public ServerConnector httpsConnector(Server jetty, HttpConfiguration base, String host, int port) {
        HttpConfiguration https = new HttpConfiguration(base);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(jetty,
                new SslConnectionFactory(sslContextFactory(), "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** A client context that trusts only this CA (tests, and in-process clients of the simulator). */
    public SSLContext clientSslContext() {
        return trusting(ca);
    }

    /** A client context trusting only {@code caPem} (for code that has the PEM but not this object). */
    public static SSLContext trusting(String caPem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return trusting((X509Certificate) cf.generateCertificate(
                    new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate", e);
        }
    }

    private static SSLContext trusting(X509Certificate trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("cspguard-sim-ca", trusted);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the simulator's CA", e);
        }
    }

    private static X509Certificate caCertificate(X500Name name, KeyPair keys, Instant now, SecureRandom random)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        // pathLen 0: this CA signs leaf certificates only
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(b, keys);
    }

    private static X509Certificate serverCertificate(X500Name caName, KeyPair caKeys, X509Certificate ca,
                                                     KeyPair keys, Instant now, SecureRandom random)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(random),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), new X500Name("CN=localhost"),
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        // Clients match the host against the SANs only (the CN is ignored by modern TLS stacks).
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        return sign(b, caKeys);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(1, bytes(random, 16));
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
