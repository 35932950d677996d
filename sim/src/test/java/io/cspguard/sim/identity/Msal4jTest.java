package io.cspguard.sim.identity;

import static io.cspguard.sim.identity.TestWorld.ALICE;
import static io.cspguard.sim.identity.TestWorld.ALICE_UPN;
import static io.cspguard.sim.identity.TestWorld.CLIENT_ID;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_A;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_B;
import static io.cspguard.sim.identity.TestWorld.PARTNER;
import static io.cspguard.sim.identity.TestWorld.PASSWORD;
import static io.cspguard.sim.identity.TestWorld.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real MSAL4J client against the simulator, configured as CSP Guard's collector is: an https authority on the
 * simulator, {@code instanceDiscovery(false)} and an SSL socket factory trusting only the simulator's CA.
 */
class Msal4jTest {
    private static final Set<String> GRAPH = Set.of("https://graph.microsoft.com/.default");
    private static final IdentityServer SIM = new IdentityServer();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void clientCredentialsWithASecret() throws Exception {
        try (IdentityServer own = new IdentityServer()) {
            ConfidentialClientApplication app = ConfidentialClientApplication.builder(CLIENT_ID,
                            ClientCredentialFactory.createFromSecret(SECRET))
                    .authority(own.base() + "/" + PARTNER + "/")
                    .instanceDiscovery(false)
                    .sslSocketFactory(own.certificates.clientSslContext().getSocketFactory())
                    .build();
            app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();
            // With instance discovery off, MSAL4J asks nothing but the token endpoint (no metadata, no JWKS).
            assertThat(own.requests).containsExactly("POST /" + PARTNER + "/oauth2/v2.0/token");
        }
        IAuthenticationResult r = confidential(PARTNER, ClientCredentialFactory.createFromSecret(SECRET))
                .acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();
        AccessToken t = SIM.platform.tokenService().verify(r.accessToken(), IdentityPlatform.GRAPH).orElseThrow();
        assertThat(t.tenantId()).isEqualTo(PARTNER);
        assertThat(t.appId()).isEqualTo(CLIENT_ID);
        assertThat(t.roles()).contains("Directory.Read.All");
    }

    @Test
    void clientCredentialsWithTheCertificateForAConsentedCustomer() throws Exception {
        IClientCredential cert = ClientCredentialFactory.createFromCertificate(
                TestWorld.APP_CERT.keys().getPrivate(), TestWorld.APP_CERT.certificate());
        IAuthenticationResult r = confidential(CUSTOMER_A, cert)
                .acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();
        AccessToken t = SIM.platform.tokenService().verify(r.accessToken(), IdentityPlatform.GRAPH).orElseThrow();
        assertThat(t.tenantId()).isEqualTo(CUSTOMER_A);
        assertThat(Entra.verified(SIM, r.accessToken()).getClaim("appidacr")).isEqualTo("2");
    }

    @Test
    void msalSurfacesEntrasErrorCodes() throws Exception {
        var wrongCert = ClientCredentialFactory.createFromCertificate(
                TestWorld.OTHER_CERT.keys().getPrivate(), TestWorld.OTHER_CERT.certificate());
        assertThatThrownBy(() -> confidential(PARTNER, wrongCert)
                .acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS700027");
        assertThatThrownBy(() -> confidential(CUSTOMER_B, ClientCredentialFactory.createFromSecret(SECRET))
                .acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get())
                .cause().isInstanceOf(MsalServiceException.class)
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("unauthorized_client"))
                .hasMessageContaining("AADSTS700016");
        assertThatThrownBy(() -> confidential(PARTNER, ClientCredentialFactory.createFromSecret("wrong"))
                .acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get())
                .cause().isInstanceOf(MsalServiceException.class).hasMessageContaining("AADSTS7000215");
    }

    @Test
    void deviceCodeFlowWithAPublicClient() throws Exception {
        PublicClientApplication pca = PublicClientApplication.builder(CLIENT_ID)
                .authority(SIM.base() + "/organizations/")
                .instanceDiscovery(false)
                .sslSocketFactory(SIM.certificates.clientSslContext().getSocketFactory())
                .build();
        IAuthenticationResult r = pca.acquireToken(DeviceCodeFlowParameters.builder(GRAPH, code -> {
            // the person at the browser: sign in before MSAL's first poll
            HttpResponse<String> page = SIM.post("/devicelogin", Map.of("user_code", code.userCode(),
                    "login", ALICE_UPN, "passwd", PASSWORD, "otc", Entra.totpNow()));
            assertThat(page.body()).contains("You have signed in");
        }).build()).get();
        assertThat(r.account().username()).isEqualTo(ALICE_UPN);
        AccessToken t = SIM.platform.tokenService().verify(r.accessToken(), IdentityPlatform.GRAPH).orElseThrow();
        assertThat(t.userId()).isEqualTo(ALICE);
    }

    private static ConfidentialClientApplication confidential(String tenant, IClientCredential credential)
            throws Exception {
        return ConfidentialClientApplication.builder(CLIENT_ID, credential)
                .authority(SIM.base() + "/" + tenant + "/")
                .instanceDiscovery(false)
                .sslSocketFactory(SIM.certificates.clientSslContext().getSocketFactory())
                .build();
    }
}
