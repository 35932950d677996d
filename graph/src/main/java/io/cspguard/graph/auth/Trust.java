package io.cspguard.graph.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of a connection: the JDK's default trust store, plus the profile's {@code caCert} (a PEM file of one
 * or more CA certificates, e.g. the simulator's) when it has one. Certificates are always verified, host names too;
 * nothing here can turn that off.
 */
public final class Trust {
    private Trust() {
    }

    /** An SSL context for the profile's services (MSAL's token requests, Graph, Partner Center). */
    public static SSLContext sslContext(ConnectionProfile profile) throws ProfileException {
        try {
            return sslContext(profile.caCert());
        } catch (IOException | GeneralSecurityException e) {
            throw new ProfileException(profile.source(), "caCert", "not a PEM file of CA certificates ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The JDK's default trust, plus the CA certificates in {@code caPem} when it is not null. */
    public static SSLContext sslContext(Path caPem) throws IOException, GeneralSecurityException {
        X509ExtendedTrustManager system = trustManager(null);
        X509ExtendedTrustManager tm = system;
        if (caPem != null) {
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates(Files.readAllBytes(caPem))) {
                extra.setCertificateEntry("ca-" + i++, c);
            }
            tm = new Either(system, trustManager(extra));
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
    }

    /** The X.509 certificates of a PEM (or DER) text; at least one. */
    static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
        Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : all) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate");
        }
        return out;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * Trusts a server when the JDK's trust or the extra CA does, each with its full checks (chain, validity, and the
     * host name when the connection asks for it).
     */
    private static final class Either extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        Either(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        private interface Check {
            void run(X509ExtendedTrustManager m) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(first);
            } catch (CertificateException e) {
                try {
                    check.run(second);
                } catch (CertificateException f) {
                    f.addSuppressed(e);
                    throw f;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
