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
    void aSealedTotpSecretMovedToAnotherAccountDoesNotOpen(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            server.totpUser("ann", Role.ADMIN, PASSWORD);
            String bobSecret = server.totpUser("bob", Role.VIEWER, PASSWORD);
            // someone who can write the users table but lacks the key gives ann the secret they know (bob's)
            server.db.jdbi().useHandle(h -> h.execute("UPDATE users SET totp_secret ="
                    + " (SELECT totp_secret FROM users WHERE name_key = 'bob') WHERE name_key = 'ann'"));
            Browser b = new Browser(server.base());
            assertThat(b.password("ann", PASSWORD).statusCode()).isEqualTo(303);
            HttpResponse<String> refused = b.totp(server.code(bobSecret));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("Sign-in failed");
            assertThat(b.cookie(TestCookies.SESSION)).isEmpty();
            AuditEvent failure = server.audit.last("signin.failure");
            assertThat(failure.actor()).isEqualTo("ann");
            assertThat(failure.detail()).startsWith("the stored TOTP secret does not open for this account");
            assertThat(server.users().byName("ann").orElseThrow().failedCount()).as("not counted against ann")
                    .isZero();
            assertThat(new Browser(server.base()).signIn("bob", PASSWORD, server.code(bobSecret)).statusCode())
                    .as("bob's own row still opens").isEqualTo(303);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSecretSealedBeforeOwnersWereBoundStillOpensAndIsSealedForItsAccountOnUse(TestDatabases.Kind kind)
            throws Exception {
        try (TestServer server = new TestServer(kind, dir)) {
            server.totpUser("ann", Role.VIEWER, PASSWORD); // creates the key file
            String secret = TotpCodes.newSecret();
            byte[] legacy = sealedAsVersionOne(dir.resolve("data/secret.key"), secret);
            server.db.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET totp_secret = :t WHERE name_key = 'ann'")
                    .bind("t", legacy).execute());

            assertThat(new Browser(server.base()).signIn("ann", PASSWORD, server.code(secret)).statusCode())
                    .isEqualTo(303);
            byte[] stored = server.db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT totp_secret FROM users WHERE name_key = 'ann'").mapTo(byte[].class).one());
            assertThat(stored[0]).as("sealed again, bound to ann").isEqualTo((byte) 2);
            server.testClock().advance(Duration.ofSeconds(30));
            assertThat(new Browser(server.base()).signIn("ann", PASSWORD, server.code(secret)).statusCode())
                    .as("the same secret, now bound").isEqualTo(303);
        }
    }

    /** A TOTP secret as SecretBox sealed it before version 2: the purpose alone as associated data. */
    private static byte[] sealedAsVersionOne(Path keyFile, String secret) throws Exception {
        byte[] key = java.util.Base64.getDecoder().decode(java.nio.file.Files.readString(keyFile).strip());
        byte[] nonce = Tokens.bytes(12);
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        c.updateAAD("totp-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] sealed = c.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.nio.ByteBuffer.allocate(1 + 12 + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
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
            assertThat(server.audit.last("signin.failure").detail())
                    .matches("unknown name \\(fingerprint [0-9a-f]{12}\\)")
                    .isEqualTo(SignInSupport.unknownName("nobody"));

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

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anUnknownNameIsAuditedAsAFingerprintNeverAsTyped(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            // the password typed into the name field
            assertThat(b.password(PASSWORD, PASSWORD).statusCode()).isEqualTo(401);
            String first = server.audit.last("signin.failure").detail();
            assertThat(b.password("  " + PASSWORD.toUpperCase(java.util.Locale.ROOT), "x").statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).as("the same name, another case: correlates")
                    .isEqualTo(first);
            assertThat(b.password("someone else", "x").statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isNotEqualTo(first).startsWith("unknown name");
            assertThat(b.password("", "x").statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("no name given");
            assertThat(server.audit.events().toString()).doesNotContainIgnoringCase(PASSWORD)
                    .doesNotContain("someone else");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void passkeyChallengesCountAgainstTheAddressLimit(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Browser b = new Browser(server.base());
            String csrf = Browser.csrf(b.get("/signin"));
            for (int i = 0; i < Security.SIGNIN_ATTEMPTS_PER_MINUTE; i++) {
                assertThat(b.postJson("/signin/passkey/options", "{}", csrf).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = b.postJson("/signin/passkey/options", "{}", csrf);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).contains("Too many sign-in attempts");
            assertThat(server.rows("pending_states")).isEqualTo(Security.SIGNIN_ATTEMPTS_PER_MINUTE);
            assertThat(b.password("ann", PASSWORD).statusCode()).as("one budget for all sign-in requests")
                    .isEqualTo(429);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void refusedAnonymousRequestsAreAuditedOnceAMinutePerAddressWithACount(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Browser b = new Browser(server.base());
            for (int i = 0; i < 5; i++) {
                assertThat(b.post("/signin", Map.of("name", "x", "password", "y")).statusCode()).isEqualTo(403);
                assertThat(b.post("/t/viewer", Map.of(), Map.of("Origin", "https://evil.example")).statusCode())
                        .isEqualTo(403);
            }
            List<AuditEvent> denied = server.audit.withAction("access.denied");
            assertThat(denied).as("one entry for ten refusals").hasSize(1);
            assertThat(denied.get(0).detail()).isEqualTo("sign-in form CSRF token missing or wrong");

            server.testClock().advance(Duration.ofMinutes(1));
            b.post("/enrol/secret-enrolment-token/totp", Map.of());
            AuditEvent next = server.audit.last("access.denied");
            assertThat(next.detail()).contains("and 9 more anonymous refusal(s)");
            assertThat(next.target()).as("an enrolment token is a secret").isEqualTo("POST /enrol/<token>/totp");
            assertThat(server.audit.withAction("access.denied")).hasSize(2);

            // a signed-in user's refusals are each recorded: they have a name to answer for
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            b.signIn("ann", PASSWORD, server.code(secret));
            for (int i = 0; i < 3; i++) {
                assertThat(b.post("/t/viewer", Map.of()).statusCode()).isEqualTo(403);
            }
            assertThat(server.audit.withAction("access.denied")).hasSize(5);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void noSessionWhenTheSignInCannotBeAudited(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            assertThat(b.password("ann", PASSWORD).statusCode()).isEqualTo(303);
            server.audit.failing = true;
            HttpResponse<String> done = b.totp(server.code(secret));
            assertThat(done.statusCode()).isEqualTo(500);
            assertThat(done.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(TestCookies.SESSION + "="));
            assertThat(b.cookie(TestCookies.SESSION)).isEmpty();
            assertThat(server.rows("sessions")).isZero();
            assertThat(server.users().find("ann").orElseThrow().lastSignInAt()).isNull();

            server.audit.failing = false;
            server.testClock().advance(Duration.ofSeconds(30));
            assertThat(b.signIn("ann", PASSWORD, server.code(secret)).statusCode()).as("the base case").isEqualTo(303);
            assertThat(b.cookie(TestCookies.SESSION)).isPresent();
        }
    }

    @org.junit.jupiter.api.Test
    void aMissingPasswordCostsAHashLikeAWrongOne() {
        String stored = PasswordHasher.hash(PASSWORD);
        assertThat(PasswordHasher.verify(null, stored)).isFalse();
        assertThat(PasswordHasher.verify("", stored)).isFalse();
        assertThat(PasswordHasher.verify(PASSWORD, stored)).isTrue();
        long wrong = fastest(() -> PasswordHasher.verify("wrong password", stored));
        long missing = fastest(() -> PasswordHasher.verify(null, stored));
        // an early return takes microseconds, an Argon2id hash tens of milliseconds
        assertThat(missing).as("nanoseconds for a missing password vs %d for a wrong one", wrong)
                .isGreaterThan(wrong / 4);
    }

    private static long fastest(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    /** A six-digit code that differs from {@code code}. */
    static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }
}
