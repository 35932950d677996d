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
            // bound at the first sign-in to the v2.0 issuer and the user's object id (not the pairwise sub)
            String subject = sim.baseUrl() + "/" + world.partnerTenantId() + "/v2.0|" + user.userId();
            assertThat(server.users().byName(user.userPrincipalName()).orElseThrow().oidcSubject()).isEqualTo(subject);
            assertThat(server.audit.last("signin.success").detail()).contains("bound to " + subject);

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

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theAccountIsBoundToTheFirstTokensSubjectAndRefusesAnother(TestDatabases.Kind kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeIdp idp = new FakeIdp(clock);
             TestServer server = new TestServer(kind, dir, clock, s -> s.withOidc(idp.settings()))) {
            server.users().createOidc(idp.username, Role.VIEWER, "test");
            idp.claims = c -> c.claim("oid", "object-1");
            Browser first = new Browser(server.base());
            assertThat(first.get(viaFakeIdp(first)).statusCode()).isEqualTo(200);
            assertThat(server.users().byName(idp.username).orElseThrow().oidcSubject())
                    .isEqualTo(idp.issuer() + "|object-1");
            Browser again = new Browser(server.base());
            assertThat(again.get(viaFakeIdp(again)).statusCode()).as("the same identity again").isEqualTo(200);
            assertThat(server.audit.last("signin.success").detail()).as("bound once").isNull();

            // the same name, another identity (a recreated user, a reused UPN): refused although the name matches
            idp.claims = c -> c.claim("oid", "object-2");
            Browser other = new Browser(server.base());
            HttpResponse<String> refused = other.get(viaFakeIdp(other));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo(OidcRoutes.SUBJECT_DIFFERS);
            assertThat(server.audit.last("signin.failure").actor()).isEqualTo(idp.username);
            assertThat(other.cookie(TestCookies.SESSION)).isEmpty();
            assertThat(other.get("/t/viewer").statusCode()).isEqualTo(302);
            assertThat(server.users().byName(idp.username).orElseThrow().oidcSubject()).as("binding kept")
                    .isEqualTo(idp.issuer() + "|object-1");

            // the admin means the new identity: disable, add again; the next first sign-in binds anew
            assertThatThrownBy(() -> server.users().createOidc(idp.username, Role.VIEWER, "admin"))
                    .hasMessageContaining("exists already");
            server.users().disable(idp.username, "admin", null);
            server.users().createOidc(idp.username, Role.VIEWER, "admin");
            assertThat(server.audit.last("user.added").detail()).contains("binding to " + idp.issuer() + "|object-1");
            Browser renewed = new Browser(server.base());
            assertThat(renewed.get(viaFakeIdp(renewed)).statusCode()).isEqualTo(200);
            assertThat(server.users().byName(idp.username).orElseThrow().oidcSubject())
                    .isEqualTo(idp.issuer() + "|object-2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTokenNamingTheUserOnlyByEmailIsRefused(TestDatabases.Kind kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeIdp idp = new FakeIdp(clock);
             TestServer server = new TestServer(kind, dir, clock, s -> s.withOidc(idp.settings()))) {
            server.users().createOidc("boss@contoso.example", Role.ADMIN, "test");
            // a guest who set their (unverified) email to the admin's name
            idp.claims = c -> c.claim("preferred_username", null).claim("email", "boss@contoso.example");
            Browser b = new Browser(server.base());
            assertThat(b.get(viaFakeIdp(b)).statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).contains("names no user");
            assertThat(b.cookie(TestCookies.SESSION)).isEmpty();

            idp.claims = c -> c.claim("preferred_username", null).claim("upn", "boss@contoso.example");
            Browser v1 = new Browser(server.base());
            assertThat(v1.get(viaFakeIdp(v1)).statusCode()).as("upn, where v1.0 tokens name the user").isEqualTo(200);
        }
    }

    @Test
    void networkErrorsStayOffThePageAndGoToTheAuditTrail() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        FakeIdp idp = new FakeIdp(clock);
        try (TestServer server = new TestServer(TestDatabases.Kind.H2, dir, clock, s -> s.withOidc(idp.settings()))) {
            idp.close();
            HttpResponse<String> r = new Browser(server.base()).get("/signin/oidc");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("cannot be reached").doesNotContain("127.0.0.1")
                    .doesNotContain("cannot reach");
            assertThat(server.audit.last("signin.failure").detail()).contains("cannot reach the OpenID configuration");
        }
    }

    @Test
    void startingOidcSignInsCountsAgainstTheAddressLimit() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeIdp idp = new FakeIdp(clock);
             TestServer server = new TestServer(TestDatabases.Kind.H2, dir, clock, s -> s.withOidc(idp.settings()))) {
            Browser b = new Browser(server.base());
            for (int i = 0; i < Security.SIGNIN_ATTEMPTS_PER_MINUTE; i++) {
                assertThat(b.get("/signin/oidc").statusCode()).isEqualTo(302);
            }
            HttpResponse<String> limited = b.get("/signin/oidc");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Location")).isEmpty();
            assertThat(server.rows("pending_states")).as("no state stored for the refused one")
                    .isEqualTo(Security.SIGNIN_ATTEMPTS_PER_MINUTE);
            clock.advance(Duration.ofMinutes(1));
            assertThat(b.get("/signin/oidc").statusCode()).isEqualTo(302);
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
            OidcClient.Identity valid = client.verify(FakeIdp.sign(idp.validClaims("n1"), idp.key), "n1");
            assertThat(valid.username()).isEqualTo(idp.username);
            assertThat(valid.subject()).as("sub when there is no oid").isEqualTo(idp.issuer() + "|sub-1");
            OidcClient.Identity entra = client.verify(FakeIdp.sign(new JWTClaimsSet.Builder(idp.validClaims("n1"))
                    .claim("oid", "object-1").claim("preferred_username", null).claim("upn", "ann@contoso.example")
                    .build(), idp.key), "n1");
            assertThat(entra.subject()).as("Entra's object id before the pairwise sub")
                    .isEqualTo(idp.issuer() + "|object-1");
            assertThat(entra.username()).isEqualTo("ann@contoso.example");
            List<Map.Entry<String, java.util.function.UnaryOperator<JWTClaimsSet.Builder>>> mutations = List.of(
                    Map.entry("no MFA in token", c -> c.claim("amr", List.of("pwd"))),
                    Map.entry("no MFA in token", c -> c.claim("amr", null)),
                    Map.entry("issuer", c -> c.issuer("https://login.microsoftonline.com/other/v2.0")),
                    Map.entry("(aud)", c -> c.audience("another-app")),
                    Map.entry("expired", c -> c.expirationTime(new java.util.Date(clock.millis() - 121_000))),
                    Map.entry("not valid yet", c -> c.notBeforeTime(new java.util.Date(clock.millis() + 300_000))),
                    Map.entry("nonce", c -> c.claim("nonce", "n2")),
                    Map.entry("names no user", c -> c.claim("preferred_username", null)),
                    Map.entry("names no user", c -> c.claim("preferred_username", null).claim("email", idp.username)),
                    Map.entry("tenant (tid)", c -> c.claim("tid", "00000000-0000-0000-0000-000000000000")),
                    Map.entry("names no subject", c -> c.subject(null)),
                    Map.entry("subject is longer", c -> c.claim("oid", "x".repeat(500))));
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
