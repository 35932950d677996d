package io.cspguard.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditEvent;
import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Password + TOTP sign-in, its failures, lockout, rate limit, sessions and sign-out, on H2 and PostgreSQL. */
class SignInTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void passwordThenTotpOpensASessionWithStrictCookies(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("Ann", Role.OPERATOR, PASSWORD);
            Browser b = new Browser(server.base());
            HttpResponse<String> pw = b.password("ann", PASSWORD);
            assertThat(pw.statusCode()).isEqualTo(303);
            assertThat(pw.headers().firstValue("Location")).hasValue("/signin/second");
            assertThat(b.cookie(TestCookies.SESSION)).as("no session before the second factor").isEmpty();
            assertThat(b.get("/t/viewer").statusCode()).as("half signed in is not signed in").isEqualTo(302);

            HttpResponse<String> done = b.totp(server.code(secret));
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(done.headers().firstValue("Location")).hasValue("/");
            String setCookie = done.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(TestCookies.SESSION + "=")).findFirst().orElseThrow();
            assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");

            HttpResponse<String> page = b.get("/t/operator");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("signed in as Ann by totp");
            AuditEvent success = server.audit.last("signin.success");
            assertThat(success.actor()).isEqualTo("Ann");
            assertThat(success.target()).isEqualTo("totp");
            assertThat(success.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(server.users().find("ann").orElseThrow().lastSignInAt()).isEqualTo(server.clock.instant());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void wrongPasswordWrongCodeAndReplayedCodeFailAndAreAudited(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());

            HttpResponse<String> wrongPassword = b.password("ann", "not the password");
            assertThat(wrongPassword.statusCode()).isEqualTo(401);
            assertThat(wrongPassword.body()).contains(SignInSupport.FAILED.substring(0, 40));
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("wrong password");

            HttpResponse<String> unknown = b.password("nobody", PASSWORD);
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).as("same answer whether or not the name exists")
                    .contains(SignInSupport.FAILED.substring(0, 40));
            assertThat(server.audit.last("signin.failure").actor()).isEqualTo("anonymous");
            assertThat(server.audit.last("signin.failure").detail()).contains("unknown name");

            b.password("ann", PASSWORD);
            String code = server.code(secret);
            HttpResponse<String> wrongCode = b.totp(otherCode(code));
            assertThat(wrongCode.statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("wrong TOTP code");
            assertThat(b.totp(code).statusCode()).isEqualTo(303);

            Browser other = new Browser(server.base());
            other.password("ann", PASSWORD);
            HttpResponse<String> replay = other.totp(code);
            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("TOTP code already used");
            assertThat(other.cookie(TestCookies.SESSION)).isEmpty();

            server.testClock().advance(Duration.ofSeconds(30));
            assertThat(other.totp(server.code(secret)).statusCode()).as("the next step's code").isEqualTo(303);
            assertThat(server.audit.events().toString()).doesNotContain(PASSWORD).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void fiveFailuresLockTheAccountForFifteenMinutesWithoutSayingSo(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            for (int i = 0; i < 5; i++) {
                assertThat(b.password("ann", "wrong " + i).statusCode()).isEqualTo(401);
            }
            assertThat(server.audit.withAction("signin.locked")).hasSize(1);
            assertThat(server.audit.last("signin.locked").target()).isEqualTo("ann");
            HttpResponse<String> locked = b.password("ann", PASSWORD);
            assertThat(locked.statusCode()).isEqualTo(401);
            assertThat(locked.body()).contains(SignInSupport.FAILED.substring(0, 40));
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("account locked");
            assertThat(server.users().find("ann").orElseThrow().lockedAt(server.clock.instant())).isTrue();

            server.testClock().advance(Duration.ofMinutes(15));
            assertThat(b.signIn("ann", PASSWORD, server.code(secret)).statusCode()).isEqualTo(303);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void wrongCodesCountTowardsTheLockout(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            b.password("ann", PASSWORD);
            for (int i = 0; i < 5; i++) {
                b.totp(otherCode(server.code(secret)));
            }
            assertThat(server.audit.withAction("signin.locked")).hasSize(1);
            assertThat(b.password("ann", PASSWORD).statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void moreThanTenAttemptsAMinuteFromOneAddressGet429(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Browser b = new Browser(server.base());
            for (int i = 0; i < Security.SIGNIN_ATTEMPTS_PER_MINUTE; i++) {
                assertThat(b.password("nobody" + i, PASSWORD).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> limited = b.password("nobody", PASSWORD);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(b.password("nobody", PASSWORD).statusCode()).isEqualTo(429);
            List<AuditEvent> limitedEvents = server.audit.withAction("signin.failure").stream()
                    .filter(e -> e.detail().startsWith("rate limited")).toList();
            assertThat(limitedEvents).as("audited once, not once per refused request").hasSize(1);
            server.testClock().advance(Duration.ofMinutes(1));
            assertThat(b.password("nobody", PASSWORD).statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void sessionsEndWhenIdleAtTheMaximumAndAtSignOut(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            b.signIn("ann", PASSWORD, server.code(secret));
            server.testClock().advance(Duration.ofMinutes(29));
            assertThat(b.get("/t/viewer").statusCode()).isEqualTo(200);
            server.testClock().advance(Duration.ofMinutes(29));
            assertThat(b.get("/t/viewer").statusCode()).as("used 29 minutes ago: still alive").isEqualTo(200);
            server.testClock().advance(Duration.ofMinutes(30));
            assertThat(b.get("/t/viewer").statusCode()).as("idle 30 minutes").isEqualTo(302);

            server.testClock().advance(Duration.ofSeconds(30));
            b.signIn("ann", PASSWORD, server.code(secret));
            for (int i = 0; i < 12 * 3; i++) {
                server.testClock().advance(Duration.ofMinutes(20));
                if (b.get("/t/viewer").statusCode() != 200) {
                    assertThat(i * 20 + 20).as("ended at the 12-hour maximum").isEqualTo(12 * 60);
                    break;
                }
            }
            assertThat(b.get("/t/viewer").statusCode()).isEqualTo(302);

            server.testClock().advance(Duration.ofSeconds(30));
            b.signIn("ann", PASSWORD, server.code(secret));
            HttpResponse<String> page = b.get("/t/viewer");
            String csrf = page.body().substring(page.body().indexOf("csrf=") + 5);
            String oldSession = b.cookie(TestCookies.SESSION).orElseThrow().getValue();
            HttpResponse<String> out = b.post("/signout", Map.of("_csrf", csrf));
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(server.audit.last("signout").actor()).isEqualTo("ann");
            Browser thief = new Browser(server.base());
            thief.cookies.getCookieStore().add(java.net.URI.create(server.base()),
                    new java.net.HttpCookie(TestCookies.SESSION, oldSession));
            assertThat(thief.get("/t/viewer").statusCode()).as("the old token opens nothing").isEqualTo(302);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aNewSessionTokenAtEverySignIn(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            b.signIn("ann", PASSWORD, server.code(secret));
            String first = b.cookie(TestCookies.SESSION).orElseThrow().getValue();
            server.testClock().advance(Duration.ofSeconds(30));
            HttpResponse<String> again = b.signIn("ann", PASSWORD, server.code(secret));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
            String second = b.cookie(TestCookies.SESSION).orElseThrow().getValue();
            assertThat(second).isNotEqualTo(first);
            Browser old = new Browser(server.base());
            old.cookies.getCookieStore().add(java.net.URI.create(server.base()),
                    new java.net.HttpCookie(TestCookies.SESSION, first));
            assertThat(old.get("/t/viewer").statusCode()).as("the replaced session is closed").isEqualTo(302);
        }
    }

    /** A six-digit code that differs from {@code code}. */
    static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }
}
