package io.cspguard.web.auth;

import io.cspguard.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Roles on every route, CSRF, Origin, and the security headers of every kind of response. */
class AccessTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anonymousPagesRedirectToSignInAndEverythingElseIs401(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Browser b = new Browser(server.base());
            for (Role role : Role.values()) {
                HttpResponse<String> page = b.get("/t/" + role.label() + "?tenant=a%26b");
                assertThat(page.statusCode()).isEqualTo(302);
                assertThat(page.headers().firstValue("Location"))
                        .hasValue("/signin?next=%2Ft%2F" + role.label() + "%3Ftenant%3Da%2526b");
                HttpResponse<String> post = b.post("/t/" + role.label(), Map.of("_csrf", "x"));
                assertThat(post.statusCode()).isEqualTo(401);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void eachRoleReachesItsRoutesAndIsRefusedTheOthersWithAnAuditEntry(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            for (Role mine : Role.values()) {
                String secret = server.totpUser("user-" + mine.label(), mine, PASSWORD);
                Browser b = new Browser(server.base());
                b.signIn("user-" + mine.label(), PASSWORD, server.code(secret));
                String csrf = csrfOf(b.get("/t/viewer"));
                for (Role route : Role.values()) {
                    HttpResponse<String> get = b.get("/t/" + route.label());
                    HttpResponse<String> post = b.post("/t/" + route.label(), Map.of("_csrf", csrf));
                    int expected = mine.includes(route) ? 200 : 403;
                    assertThat(get.statusCode()).as("%s GET %s", mine, route).isEqualTo(expected);
                    assertThat(post.statusCode()).as("%s POST %s", mine, route).isEqualTo(expected);
                    if (expected == 403) {
                        assertThat(get.body()).contains("Not allowed");
                        assertThat(server.audit.last("access.denied").actor()).isEqualTo("user-" + mine.label());
                        assertThat(server.audit.last("access.denied").target()).isEqualTo("POST /t/" + route.label());
                        assertThat(server.audit.last("access.denied").detail()).contains("needs role " + route.label());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPostWithoutOrWithAWrongCsrfTokenOrFromAnotherOriginIsRefused(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.ADMIN, PASSWORD);
            Browser b = new Browser(server.base());
            b.signIn("ann", PASSWORD, server.code(secret));
            String csrf = csrfOf(b.get("/t/viewer"));

            assertThat(b.post("/t/viewer", Map.of()).statusCode()).isEqualTo(403);
            assertThat(server.audit.last("access.denied").detail()).contains("CSRF");
            assertThat(b.post("/t/viewer", Map.of("_csrf", csrf + "x")).statusCode()).isEqualTo(403);
            assertThat(b.post("/t/viewer", Map.of("_csrf", csrf), Map.of("Origin", "https://evil.example"))
                    .statusCode()).isEqualTo(403);
            assertThat(server.audit.last("access.denied").detail()).contains("another origin");
            assertThat(b.post("/t/viewer", Map.of(), Map.of("X-CSRF-Token", csrf)).statusCode()).isEqualTo(200);
            HttpResponse<String> ok = b.post("/t/viewer", Map.of("_csrf", csrf), Map.of("Origin", server.base()));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("done by ann");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theSignInFormItselfNeedsItsCsrfToken(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            b.get("/signin");
            HttpResponse<String> r = b.post("/signin", Map.of("name", "ann", "password", PASSWORD));
            assertThat(r.statusCode()).isEqualTo(403);
            Browser attacker = new Browser(server.base());
            String attackersToken = Browser.csrf(attacker.get("/signin"));
            HttpResponse<String> forged = b.post("/signin", Map.of("_csrf", attackersToken, "name", "ann",
                    "password", PASSWORD));
            assertThat(forged.statusCode()).as("another browser's token").isEqualTo(403);
            assertThat(server.audit.last("access.denied").detail()).contains("sign-in form CSRF");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void everyResponseCarriesTheSecurityHeaders(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            Browser b = new Browser(server.base());
            HttpResponse<String> page = b.get("/signin");
            HttpResponse<String> css = b.get("/static/auth.css");
            HttpResponse<String> script = b.get("/static/passkey.js");
            HttpResponse<String> missing = b.get("/no/such/page");
            HttpResponse<String> redirect = b.get("/t/viewer");
            HttpResponse<String> unauthorised = b.post("/t/viewer", Map.of());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("Not found");
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(unauthorised.statusCode()).isEqualTo(401);
            for (HttpResponse<String> r : new HttpResponse[] {page, css, script, missing, redirect, unauthorised}) {
                assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString())
                        .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'");
                assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
                assertThat(r.headers().firstValue("Permissions-Policy"))
                        .hasValue("camera=(), microphone=(), geolocation=()");
                assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
                assertThat(r.headers().firstValue("Strict-Transport-Security")).as("plain http").isEmpty();
            }
            for (HttpResponse<String> r : new HttpResponse[] {page, missing, redirect, unauthorised}) {
                assertThat(r.headers().firstValue("Cache-Control")).as(r.uri().toString()).hasValue("no-store");
            }
            assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"")
                    .contains("<script src=\"/static/passkey.js\" defer></script>");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void behindTlsCookiesAreSecureAndHstsIsSent(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir, new MutableClock(TestServer.START),
                s -> new SecuritySettings(s.publicUrl(), true, s.sessionIdle(), s.sessionMax(), s.oidc(), false))) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            HttpResponse<String> form = b.get("/signin");
            assertThat(form.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
            // the test's http client will not send Secure cookies back over http: replay the steps by hand.
            // __Host- names: browsers take them only Secure, Path=/ and without Domain, so a sibling subdomain
            // cannot plant them
            String signinCookie = form.headers().allValues("Set-Cookie").get(0);
            assertThat(signinCookie).startsWith("__Host-cspguard_signin=")
                    .contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/").doesNotContainIgnoringCase("Domain");
            String token = signinCookie.substring(signinCookie.indexOf('=') + 1, signinCookie.indexOf(';'));
            HttpResponse<String> unprefixed = b.post("/signin", Map.of("_csrf", token, "name", "ann",
                    "password", PASSWORD), Map.of("Cookie", "cspguard_signin=" + token));
            assertThat(unprefixed.statusCode()).as("a cookie without the prefix is not the server's").isEqualTo(403);
            HttpResponse<String> pw = b.post("/signin", Map.of("_csrf", token, "name", "ann", "password", PASSWORD),
                    Map.of("Cookie", "__Host-cspguard_signin=" + token));
            String mfa = pw.headers().allValues("Set-Cookie").get(0);
            assertThat(mfa).startsWith("__Host-cspguard_mfa=")
                    .contains("Secure", "HttpOnly", "SameSite=Strict", "Max-Age=300", "Path=/")
                    .doesNotContainIgnoringCase("Domain");
            String mfaToken = mfa.substring(mfa.indexOf('=') + 1, mfa.indexOf(';'));
            HttpResponse<String> done = b.post("/signin/totp", Map.of("_csrf", token, "code", server.code(secret)),
                    Map.of("Cookie", "__Host-cspguard_signin=" + token + "; __Host-cspguard_mfa=" + mfaToken));
            assertThat(done.statusCode()).isEqualTo(303);
            String session = done.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("__Host-" + TestCookies.SESSION + "=")).findFirst().orElseThrow();
            assertThat(session).contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/")
                    .doesNotContainIgnoringCase("Domain");
            String sessionToken = session.substring(session.indexOf('=') + 1, session.indexOf(';'));
            assertThat(b.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/t/viewer"))
                    .header("Cookie", "__Host-" + TestCookies.SESSION + "=" + sessionToken).build()).statusCode())
                    .isEqualTo(200);
            assertThat(b.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/t/viewer"))
                    .header("Cookie", TestCookies.SESSION + "=" + sessionToken).build()).statusCode())
                    .as("the session under the unprefixed name (as a subdomain could set it) is not read")
                    .isEqualTo(302);
        }
    }

    @org.junit.jupiter.api.Test
    void cookieNamesCarryTheirPrefixOnlyBehindTls() {
        Cookies tls = new Cookies(true);
        assertThat(tls.name(Cookies.SESSION)).isEqualTo("__Host-cspguard_session");
        assertThat(tls.name(Cookies.SIGNIN_CSRF)).isEqualTo("__Host-cspguard_signin");
        assertThat(tls.name(Cookies.SECOND_FACTOR)).isEqualTo("__Host-cspguard_mfa");
        // scoped to /signin/oidc, which __Host- forbids: __Secure- still keeps it from being set over http
        assertThat(tls.name(Cookies.OIDC)).isEqualTo("__Secure-cspguard_oidc");
        Cookies http = new Cookies(false);
        assertThat(List.of(Cookies.SESSION, Cookies.SIGNIN_CSRF, Cookies.SECOND_FACTOR, Cookies.OIDC))
                .allSatisfy(base -> assertThat(http.name(base)).isEqualTo(base));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void nextNeverLeavesTheSite(TestDatabases.Kind kind) {
        assertThat(RequestGuard.safeNext("//evil.example/x")).isEqualTo("/");
        assertThat(RequestGuard.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(RequestGuard.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(RequestGuard.safeNext("/tenants/a?b=c")).isEqualTo("/tenants/a?b=c");
        try (TestServer server = new TestServer(kind, dir)) {
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            String csrf = Browser.csrf(b.get("/signin?next=//evil.example"));
            b.post("/signin", Map.of("_csrf", csrf, "name", "ann", "password", PASSWORD, "next", "//evil.example"));
            assertThat(b.totp(server.code(secret)).headers().firstValue("Location")).hasValue("/");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void disablingAnAccountEndsItsSessions(TestDatabases.Kind kind) {
        try (TestServer server = new TestServer(kind, dir)) {
            server.totpUser("boss", Role.ADMIN, PASSWORD);
            String secret = server.totpUser("ann", Role.VIEWER, PASSWORD);
            Browser b = new Browser(server.base());
            b.signIn("ann", PASSWORD, server.code(secret));
            assertThat(b.get("/t/viewer").statusCode()).isEqualTo(200);
            server.users().disable("ann", "boss", null);
            assertThat(b.get("/t/viewer").statusCode()).isEqualTo(302);
            assertThat(b.password("ann", PASSWORD).statusCode()).isEqualTo(401);
            assertThat(server.audit.last("signin.failure").detail()).isEqualTo("account disabled");
        }
    }

    static String csrfOf(HttpResponse<String> dummyPage) {
        return dummyPage.body().substring(dummyPage.body().indexOf("csrf=") + 5);
    }
}
