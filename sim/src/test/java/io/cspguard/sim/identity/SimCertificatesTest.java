package io.cspguard.sim.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCertificatesTest {
    private static final SimCertificates CERTS = SimCertificates.create();
    private static Javalin app;

    @BeforeAll
    static void start() {
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.addConnector((server, http) -> CERTS.httpsConnector(server, http, "127.0.0.1", 0));
        }).get("/ping", ctx -> ctx.result("pong")).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void serverCertificateNamesLoopbackAndIsSignedByTheCa() throws Exception {
        X509Certificate server = CERTS.serverCertificate();
        server.verify(CERTS.caCertificate().getPublicKey());
        assertThat(server.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(CERTS.caCertificate().getBasicConstraints()).isEqualTo(0);
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void aClientTrustingTheWrittenPemReachesTheServerBy127AndLocalhost(@TempDir Path dir) throws Exception {
        Path pem = CERTS.writeCaPem(dir.resolve("ca/sim-ca.pem"));
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        HttpClient client = HttpClient.newBuilder().sslContext(SimCertificates.trusting(Files.readString(pem))).build();
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://" + host + ":" + app.port() + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + app.port() + "/ping")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        HttpClient otherCa = HttpClient.newBuilder().sslContext(SimCertificates.create().clientSslContext()).build();
        assertThatThrownBy(() -> otherCa.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + app.port() + "/ping")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theKeyStoreHoldsTheServerKeyAndChain() throws Exception {
        assertThat(CERTS.keyStore().getCertificateChain("server")).hasSize(2);
        assertThat(CERTS.keyStore().getKey("server", CERTS.keyStorePassword())).isNotNull();
    }
}
