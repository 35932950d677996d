package io.cspguard.web.auth;

import io.cspguard.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.identity.Totp;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign-in with OIDC: against the simulator's Entra (its authorize page takes a password and an authenticator code,
 * its ID tokens say {@code amr: ["pwd","mfa"]}), and against a small provider of the test's own for the tokens the
 * simulator never issues (no MFA, wrong audience, expired, …).
 */
class OidcTest {
    private static World world;
    private static SimServer sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        world = new WorldGenerator().generate(GeneratorOptions.of(7, 1));
        sim = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, 1.0, false));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    private TestServer serverTrustingSimulator(TestDatabases.Kind kind) {
        OidcSettings oidc = new OidcSettings(URI.create(sim.baseUrl() + "/" + world.partnerTenantId() + "/v2.0"),
                world.app().clientId(), world.app().clientSecret(), sim.certificates().clientSslContext());
        // ID tokens carry the simulator's time (the world's), so the dashboard runs on the simulator's clock
        return new TestServer(kind, dir, sim.clock(), s -> s.withOidc(oidc));
    }

    /** Plays the person at the simulator's sign-in page; returns the redirect back to the dashboard. */
    private static String signInAtSimulator(Browser dashboard, SimUser user) {
        HttpResponse<String> start = dashboard.get("/signin/oidc?next=%2Ft%2Fviewer");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(dashboard.cookie("cspguard_oidc")).isPresent();
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        Map<String, String> q = query(authorize);
        assertThat(q).containsKeys("state", "nonce", "code_challenge").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", dashboard.base() + "/signin/oidc/callback");
        Browser person = new Browser(sim.baseUrl(), sim.certificates().clientSslContext());
        assertThat(person.get(authorize.toString()).body()).contains("name=\"otc\"");
        Map<String, String> form = new LinkedHashMap<>(q);
        form.put("login", user.userPrincipalName());
        form.put("passwd", user.password());
        form.put("otc", Totp.code(user.totpSecret(), Instant.now()));
        HttpResponse<String> back = person.post(authorize.getScheme() + "://" + authorize.getRawAuthority()
                + authorize.getRawPath(), form);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        return back.headers().firstValue("Location").orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEntraTokenWithMfaSignsAProvisionedUserIn(TestDatabases.Kind kind) {
        SimUser user = world.signInUsers().get(0);
        try (TestServer server = serverTrustingSimulator(kind)) {
            server.users().createOidc(user.userPrincipalName().toUpperCase(java.util.Locale.ROOT), Role.APPROVER, "test");
            Browser b = new Browser(server.base());
            String callback = signInAtSimulator(b, user);
            HttpResponse<String> done = b.get(callback);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(done.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=/t/viewer\">");
            HttpResponse<String> page = b.get("/t/approver");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("by oidc");
            assertThat(server.audit.last("signin.success").target()).isEqualTo("oidc");

            assertThat(b.get(callback).statusCode()).as("a callback is good once").isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("unknown or expired state");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anUnprovisionedEntraUserIsRefused(TestDatabases.Kind kind) {
        SimUser user = world.signInUsers().get(0);
        try (TestServer server = serverTrustingSimulator(kind)) {
            Browser b = new Browser(server.base());
            HttpResponse<String> done = b.get(signInAtSimulator(b, user));
            assertThat(done.statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).contains("is not a provisioned OIDC user");
            assertThat(b.cookie(TestCookies.SESSION)).isEmpty();
        }
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        SimUser user = world.signInUsers().get(0);
        try (TestServer server = serverTrustingSimulator(TestDatabases.Kind.H2)) {
            server.users().createOidc(user.userPrincipalName(), Role.VIEWER, "test");
            String callback = signInAtSimulator(new Browser(server.base()), user);
            Browser victim = new Browser(server.base());
            assertThat(victim.get(callback).statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).contains("not started in this browser");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTokenWithoutMfaIsRefusedAndAudited(TestDatabases.Kind kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeIdp idp = new FakeIdp(clock);
             TestServer server = new TestServer(kind, dir, clock, s -> s.withOidc(idp.settings()))) {
            server.users().createOidc(idp.username, Role.VIEWER, "test");
            Browser b = new Browser(server.base());
            idp.claims = c -> c.claim("amr", List.of("pwd"));
            HttpResponse<String> refused = b.get(viaFakeIdp(b));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("no MFA in token");
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("no MFA in token");
            assertThat(server.audit.last("signin.failure").target()).isEqualTo("oidc");
            assertThat(b.cookie(TestCookies.SESSION)).isEmpty();

            idp.claims = c -> c;
            assertThat(b.get(viaFakeIdp(b)).statusCode()).as("the same user with MFA").isEqualTo(200);
            assertThat(b.get("/t/viewer").statusCode()).isEqualTo(200);
        }
    }

    private static String viaFakeIdp(Browser b) {
        HttpResponse<String> start = b.get("/signin/oidc");
        Browser person = new Browser("http://unused");
        return person.get(start.headers().firstValue("Location").orElseThrow()).headers().firstValue("Location")
                .orElseThrow();
    }

    @Test
    void theIdTokenIsCheckedClaimByClaim() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeIdp idp = new FakeIdp(clock)) {
            OidcClient client = new OidcClient(idp.settings(), clock);
            assertThat(client.verify(FakeIdp.sign(idp.validClaims("n1"), idp.key), "n1").username())
                    .isEqualTo(idp.username);
            List<Map.Entry<String, java.util.function.UnaryOperator<JWTClaimsSet.Builder>>> mutations = List.of(
                    Map.entry("no MFA in token", c -> c.claim("amr", List.of("pwd"))),
                    Map.entry("no MFA in token", c -> c.claim("amr", null)),
                    Map.entry("issuer", c -> c.issuer("https://login.microsoftonline.com/other/v2.0")),
                    Map.entry("(aud)", c -> c.audience("another-app")),
                    Map.entry("expired", c -> c.expirationTime(new java.util.Date(clock.millis() - 121_000))),
                    Map.entry("not valid yet", c -> c.notBeforeTime(new java.util.Date(clock.millis() + 300_000))),
                    Map.entry("nonce", c -> c.claim("nonce", "n2")),
                    Map.entry("names no user", c -> c.claim("preferred_username", null)));
            for (var m : mutations) {
                String token = FakeIdp.sign(m.getValue().apply(new JWTClaimsSet.Builder(idp.validClaims("n1"))).build(),
                        idp.key);
                assertThatThrownBy(() -> client.verify(token, "n1")).as(m.getKey())
                        .isInstanceOf(OidcClient.OidcException.class).hasMessageContaining(m.getKey());
            }
            String forged = FakeIdp.sign(idp.validClaims("n1"), new RSAKeyGenerator(2048).keyID("k1").generate());
            assertThatThrownBy(() -> client.verify(forged, "n1")).hasMessageContaining("signature does not verify");
            String unknownKey = FakeIdp.sign(idp.validClaims("n1"), new RSAKeyGenerator(2048).keyID("k9").generate());
            assertThatThrownBy(() -> client.verify(unknownKey, "n1")).hasMessageContaining("not in the provider's JWKS");
            assertThatThrownBy(() -> client.verify("eyJhbGciOiJub25lIn0.e30.", "n1"))
                    .hasMessageContaining("not a signed JWT");
            clock.advance(Duration.ofSeconds(3600 + 119));
            assertThat(client.verify(FakeIdp.sign(idp.validClaims("n1"), idp.key), "n1")).as("fresh token").isNotNull();
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
