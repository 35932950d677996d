package io.cspguard.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one-time enrolment link (TOTP and passkey), and passkey sign-in, on H2 and PostgreSQL. */
class EnrolmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path dir;

    private static HttpResponse<String> setPassword(Browser b, String token, String factor) {
        String csrf = Browser.csrf(b.get("/enrol/" + token));
        return b.post("/enrol/" + token, Map.of("_csrf", csrf, "password", PASSWORD, "confirm", PASSWORD,
                "factor", factor));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEnrolmentLinkSetsPasswordAndTotpOnceAndTheAccountSignsIn(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Enrolment e = server.users().create("pat", Role.OPERATOR, "admin");
            assertThat(e.link(server.settings.publicUrl()).toString()).isEqualTo(server.base() + "/enrol/" + e.token());
            assertThat(server.users().find("pat").orElseThrow().factor()).isEqualTo("not enrolled");
            Browser b = new Browser(server.base());
            assertThat(b.password("pat", PASSWORD).statusCode()).as("no password before enrolment").isEqualTo(401);

            String csrf = Browser.csrf(b.get("/enrol/" + e.token()));
            HttpResponse<String> shortPw = b.post("/enrol/" + e.token(), Map.of("_csrf", csrf, "password", "short",
                    "confirm", "short", "factor", "totp"));
            assertThat(shortPw.statusCode()).isEqualTo(400);
            assertThat(shortPw.body()).contains("at least 12 characters");

            HttpResponse<String> totpPage = setPassword(b, e.token(), "totp");
            assertThat(totpPage.statusCode()).isEqualTo(200);
            String secret = match(totpPage.body(), "data-totp-secret>([A-Z2-7]+)<");
            assertThat(totpPage.body()).contains("otpauth://totp/");
            assertThat(server.users().find("pat").orElseThrow().factor()).as("nothing saved before the code")
                    .isEqualTo("not enrolled");

            csrf = Browser.csrf(totpPage);
            HttpResponse<String> wrong = b.post("/enrol/" + e.token() + "/totp", Map.of("_csrf", csrf,
                    "code", SignInTest.otherCode(server.code(secret))));
            assertThat(wrong.statusCode()).isEqualTo(400);
            HttpResponse<String> done = b.post("/enrol/" + e.token() + "/totp", Map.of("_csrf", csrf,
                    "code", server.code(secret)));
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(done.headers().firstValue("Location")).hasValue("/signin?enrolled=1");
            assertThat(server.audit.last("user.enrolled").actor()).isEqualTo("pat");
            assertThat(server.users().find("pat").orElseThrow().factor()).isEqualTo("totp");

            assertThat(b.get("/enrol/" + e.token()).statusCode()).as("used once").isEqualTo(404);
            HttpResponse<String> reuse = b.post("/enrol/" + e.token(), Map.of("_csrf", csrf, "password", PASSWORD,
                    "confirm", PASSWORD, "factor", "totp"));
            assertThat(reuse.statusCode()).isEqualTo(404);

            server.testClock().advance(Duration.ofSeconds(30));
            assertThat(b.signIn("pat", PASSWORD, server.code(secret)).statusCode()).isEqualTo(303);
            assertThat(b.get("/t/operator").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEnrolmentLinkExpiresAfter24Hours(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Enrolment e = server.users().create("pat", Role.VIEWER, "admin");
            Browser b = new Browser(server.base());
            server.testClock().advance(Duration.ofHours(23).plusMinutes(59));
            assertThat(b.get("/enrol/" + e.token()).statusCode()).isEqualTo(200);
            server.testClock().advance(Duration.ofMinutes(1));
            HttpResponse<String> expired = b.get("/enrol/" + e.token());
            assertThat(expired.statusCode()).isEqualTo(404);
            assertThat(expired.body()).contains("expired");
            assertThat(b.get("/enrol/" + e.token() + "x").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPasskeyRegisteredAtEnrolmentSignsInAloneWithUserVerification(TestDatabases.Kind kind) throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            Enrolment e = server.users().create("pat", Role.OPERATOR, "admin");
            Browser b = new Browser(server.base());
            HttpResponse<String> page = setPassword(b, e.token(), "passkey");
            assertThat(page.body()).contains("data-passkey-register");
            String csrf = Browser.csrf(b.get("/signin"));

            HttpResponse<String> options = b.postJson("/enrol/" + e.token() + "/passkey/options", "{}", csrf);
            assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
            JsonNode publicKey = JSON.readTree(options.body()).path("publicKey");
            assertThat(publicKey.path("rp").path("id").asText()).isEqualTo("localhost");
            assertThat(publicKey.path("authenticatorSelection").path("userVerification").asText()).isEqualTo("required");
            assertThat(publicKey.path("authenticatorSelection").path("residentKey").asText()).isEqualTo("required");
            SoftAuthenticator key = new SoftAuthenticator(server.base());
            ObjectNode body = JSON.createObjectNode();
            body.set("credential", key.create(publicKey));
            HttpResponse<String> registered = b.postJson("/enrol/" + e.token() + "/passkey", body.toString(), csrf);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(JSON.readTree(registered.body()).path("redirect").asText()).isEqualTo("/signin?enrolled=1");
            assertThat(server.users().find("pat").orElseThrow().factor()).isEqualTo("passkey");

            Browser fresh = new Browser(server.base());
            HttpResponse<String> ok = passkeySignIn(fresh, key);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()).path("redirect").asText()).isEqualTo("/t/operator");
            assertThat(fresh.get("/t/operator").body()).contains("signed in as pat by passkey");
            assertThat(server.audit.last("signin.success").target()).isEqualTo("passkey");

            key.flags = SoftAuthenticator.UP; // present but not verified: one factor only
            assertThat(passkeySignIn(new Browser(server.base()), key).statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").target()).isEqualTo("passkey");
            key.flags = SoftAuthenticator.UP | SoftAuthenticator.UV;
            key.origin = "https://evil.example";
            assertThat(passkeySignIn(new Browser(server.base()), key).statusCode()).isEqualTo(401);
            key.origin = server.base();
            assertThat(passkeySignIn(new Browser(server.base()), key).statusCode())
                    .as("%s", server.audit.events()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPasskeyAfterThePasswordMustBeThatAccounts(TestDatabases.Kind kind) throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            SoftAuthenticator patsKey = enrolWithPasskey(server, "pat");
            server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            assertThat(b.password("ann", PASSWORD).statusCode()).isEqualTo(303);
            String csrf = Browser.csrf(b.get("/signin/second"));
            HttpResponse<String> options = b.postJson("/signin/passkey/options", "{}", csrf);
            ObjectNode body = JSON.createObjectNode().put("requestId",
                    JSON.readTree(options.body()).path("requestId").asText());
            body.set("credential", patsKey.get(JSON.readTree(options.body()).path("publicKey")));
            HttpResponse<String> r = b.postJson("/signin/passkey", body.toString(), csrf);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(b.cookie(TestCookies.SESSION)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEnrolmentThatCannotBeAuditedIsNotSaved(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Enrolment e = server.users().create("pat", Role.OPERATOR, "admin");
            Browser b = new Browser(server.base());
            HttpResponse<String> totpPage = setPassword(b, e.token(), "totp");
            String secret = match(totpPage.body(), "data-totp-secret>([A-Z2-7]+)<");
            String csrf = Browser.csrf(totpPage);
            server.audit.failing = true;
            HttpResponse<String> refused = b.post("/enrol/" + e.token() + "/totp", Map.of("_csrf", csrf,
                    "code", server.code(secret)));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(server.users().find("pat").orElseThrow().factor()).isEqualTo("not enrolled");

            server.audit.failing = false;
            HttpResponse<String> done = b.post("/enrol/" + e.token() + "/totp", Map.of("_csrf", csrf,
                    "code", server.code(secret)));
            assertThat(done.statusCode()).as("the link was not used up").isEqualTo(303);
            assertThat(server.users().find("pat").orElseThrow().factor()).isEqualTo("totp");
            assertThat(server.audit.withAction("user.enrolled")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRefusedPasskeyGetsPlainWordsAndTheAuditTrailTheReason(TestDatabases.Kind kind) throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            Enrolment e = server.users().create("pat", Role.OPERATOR, "admin");
            Browser b = new Browser(server.base());
            setPassword(b, e.token(), "passkey");
            String csrf = b.cookie("cspguard_signin").orElseThrow().getValue();
            HttpResponse<String> options = b.postJson("/enrol/" + e.token() + "/passkey/options", "{}", csrf);
            SoftAuthenticator key = new SoftAuthenticator("https://evil.example");
            ObjectNode body = JSON.createObjectNode();
            body.set("credential", key.create(JSON.readTree(options.body()).path("publicKey")));
            HttpResponse<String> refused = b.postJson("/enrol/" + e.token() + "/passkey", body.toString(), csrf);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo(EnrolRoutes.PASSKEY_REFUSED);
            assertThat(server.audit.last("user.enrolled").result()).isEqualTo("failure");
            assertThat(server.audit.last("user.enrolled").detail()).startsWith("the passkey could not be registered: ")
                    .hasSizeGreaterThan("the passkey could not be registered: ".length() + 5);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aResetRevokesPasskeysLinksAndSignInsInProgress(TestDatabases.Kind kind) throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            SoftAuthenticator key = enrolWithPasskey(server, "pat");
            Browser halfway = new Browser(server.base());
            assertThat(halfway.password("pat", PASSWORD).statusCode()).isEqualTo(303);
            Browser signedIn = new Browser(server.base());
            assertThat(passkeySignIn(signedIn, key).statusCode()).isEqualTo(200);
            Enrolment open = server.users().create("quinn", Role.VIEWER, "admin");

            TotpAccount pat = server.users().createOrResetWithTotp("pat", Role.OPERATOR, "a new long password", "cli");
            server.users().createOrResetWithTotp("quinn", Role.VIEWER, "a new long password", "cli");

            assertThat(server.users().find("pat").orElseThrow().factor()).as("the passkey is gone").isEqualTo("totp");
            assertThat(passkeySignIn(new Browser(server.base()), key).statusCode()).isEqualTo(401);
            assertThat(signedIn.get("/t/viewer").statusCode()).as("its session ended").isEqualTo(302);
            assertThat(halfway.get("/signin/second").headers().firstValue("Location")).as("its password step")
                    .hasValue("/signin");
            assertThat(new Browser(server.base()).get("/enrol/" + open.token()).statusCode()).as("an open link")
                    .isEqualTo(404);
            assertThat(server.audit.withAction("user.reset")).filteredOn(r -> r.target().equals("pat"))
                    .singleElement().extracting(r -> r.detail()).asString().contains("1 passkey(s)");
            assertThat(new Browser(server.base()).signIn("pat", "a new long password", server.code(pat.secret()))
                    .statusCode()).as("the new factors work").isEqualTo(303);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPasskeyChallengeIsAnsweredOnlyFromTheBrowserThatAskedForIt(TestDatabases.Kind kind) throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            SoftAuthenticator key = enrolWithPasskey(server, "pat");
            Browser asked = new Browser(server.base());
            String askedCsrf = Browser.csrf(asked.get("/signin"));
            JsonNode o = JSON.readTree(asked.postJson("/signin/passkey/options", "{}", askedCsrf).body());
            // another browser, with a sign-in cookie of its own, answers the first one's challenge
            Browser other = new Browser(server.base());
            String otherCsrf = Browser.csrf(other.get("/signin"));
            ObjectNode body = JSON.createObjectNode().put("requestId", o.path("requestId").asText());
            body.set("credential", key.get(o.path("publicKey")));
            HttpResponse<String> r = other.postJson("/signin/passkey", body.toString(), otherCsrf);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(other.cookie(TestCookies.SESSION)).isEmpty();
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("passkey answer from another browser");
            assertThat(passkeySignIn(asked, key).statusCode()).as("its own browser signs in").isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPasskeyWhoseCounterWentBackIsRefusedAndTheStoredCounterOnlyRises(TestDatabases.Kind kind)
            throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            SoftAuthenticator key = enrolWithPasskey(server, "pat");
            key.counter = 6;
            assertThat(passkeySignIn(new Browser(server.base()), key).statusCode()).isEqualTo(200);
            assertThat(storedCounter(server)).isEqualTo(7);

            key.counter = 2; // a clone of the authenticator, copied before its last uses
            Browser clone = new Browser(server.base());
            assertThat(passkeySignIn(clone, key).statusCode()).isEqualTo(401);
            assertThat(clone.cookie(TestCookies.SESSION)).isEmpty();
            assertThat(server.audit.last("signin.failure").detail())
                    .isEqualTo("the passkey's signature counter went backwards (stored 7, presented 3):"
                            + " possibly a cloned authenticator");
            assertThat(storedCounter(server)).as("unchanged by the refused answer").isEqualTo(7);

            // two sign-ins verified against the same stored value: only the first raises it
            PasskeyCredentials credentials = new PasskeyCredentials(server.db, server.users());
            com.yubico.webauthn.data.ByteArray id = PasskeyCredentials.bytes(server.db.jdbi().withHandle(h ->
                    h.createQuery("SELECT credential_id FROM passkeys").mapTo(String.class).one()));
            assertThat(credentials.used(id, 9, server.clock.instant())).isTrue();
            assertThat(credentials.used(id, 9, server.clock.instant())).as("the same counter again").isFalse();
            assertThat(credentials.used(id, 8, server.clock.instant())).as("a lower one").isFalse();
            assertThat(storedCounter(server)).isEqualTo(9);
        }
    }

    private static long storedCounter(TestServer server) {
        return server.db.jdbi().withHandle(h -> h.createQuery("SELECT signature_count FROM passkeys")
                .mapTo(Long.class).one());
    }

    private static SoftAuthenticator enrolWithPasskey(TestServer server, String name) throws Exception {
        Enrolment e = server.users().create(name, Role.OPERATOR, "admin");
        Browser b = new Browser(server.base());
        setPassword(b, e.token(), "passkey");
        String csrf = b.cookie("cspguard_signin").orElseThrow().getValue();
        HttpResponse<String> options = b.postJson("/enrol/" + e.token() + "/passkey/options", "{}", csrf);
        SoftAuthenticator key = new SoftAuthenticator(server.base());
        ObjectNode body = JSON.createObjectNode();
        body.set("credential", key.create(JSON.readTree(options.body()).path("publicKey")));
        assertThat(b.postJson("/enrol/" + e.token() + "/passkey", body.toString(), csrf).statusCode()).isEqualTo(200);
        return key;
    }

    /** The sign-in page's "Sign in with a passkey": options, the authenticator, the answer. */
    private static HttpResponse<String> passkeySignIn(Browser b, SoftAuthenticator key) throws Exception {
        String csrf = Browser.csrf(b.get("/signin"));
        HttpResponse<String> options = b.postJson("/signin/passkey/options?next=%2Ft%2Foperator", "{}", csrf);
        JsonNode o = JSON.readTree(options.body());
        assertThat(o.path("publicKey").path("userVerification").asText()).isEqualTo("required");
        ObjectNode body = JSON.createObjectNode().put("requestId", o.path("requestId").asText());
        body.set("credential", key.get(o.path("publicKey")));
        return b.postJson("/signin/passkey", body.toString(), csrf);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError(regex + " not in:\n" + text);
        }
        return m.group(1);
    }
}
