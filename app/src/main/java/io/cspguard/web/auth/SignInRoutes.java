package io.cspguard.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.webauthn.AssertionResult;
import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Principal;
import io.cspguard.web.Web;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Local sign-in in two steps — name and password, then a TOTP code or a passkey — and sign-in with a passkey alone
 * (a discoverable credential with user verification is two factors). The session cookie is issued only after the
 * second factor; between the steps the server keeps a 5-minute state, the browser a random token.
 *
 * <pre>
 * GET  /signin                   the form (name, password; "Sign in with a passkey"; "Sign in with Microsoft")
 * POST /signin                   password step                        → 303 /signin/second
 * GET  /signin/second            the second-factor page
 * POST /signin/totp              the code                             → 303 next
 * POST /signin/passkey/options   JSON {requestId, publicKey} for navigator.credentials.get (rate-limited: it stores)
 * POST /signin/passkey           JSON {requestId, credential}         → JSON {redirect}
 * POST /signout                  ends the session                     → 303 /signin
 * </pre>
 */
final class SignInRoutes {
    static final Duration SECOND_FACTOR_LIFETIME = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignInSupport s;
    private final Passkeys passkeys;
    private final Clock clock;
    private final boolean oidc;

    SignInRoutes(SignInSupport support, Passkeys passkeys, Clock clock, boolean oidc) {
        this.s = support;
        this.passkeys = passkeys;
        this.clock = clock;
        this.oidc = oidc;
    }

    void register(Javalin app) {
        app.get("/signin", this::form);
        app.post("/signin", this::password);
        app.get("/signin/second", this::secondForm);
        app.post("/signin/totp", this::totp);
        app.post("/signin/passkey/options", this::passkeyOptions);
        app.post("/signin/passkey", this::passkey);
        app.post("/signout", this::signOut);
    }

    private void form(Context ctx) {
        String next = RequestGuard.safeNext(ctx.queryParam("next"));
        if (ctx.attribute(Web.PRINCIPAL) != null) {
            ctx.redirect(next);
            return;
        }
        signInPage(ctx, 200, next, null, "1".equals(ctx.queryParam("enrolled"))
                ? "Your account is ready: sign in." : null);
    }

    private void signInPage(Context ctx, int status, String next, String error, String notice) {
        Map<String, Object> p = new HashMap<>();
        p.put("csrf", s.signInCsrf(ctx));
        p.put("next", next);
        p.put("error", error);
        p.put("notice", notice);
        p.put("oidc", oidc);
        p.put("passkeys", passkeys.unavailable().isEmpty());
        Pages.render(ctx, status, "auth/signin.jte", "Sign in", p);
    }

    private void password(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        String next = RequestGuard.safeNext(ctx.formParam("next"));
        Optional<UserRecord> found = name == null ? Optional.empty() : s.users.byName(name);
        if (found.isEmpty() || !UserRecord.LOCAL.equals(found.get().kind())) {
            PasswordHasher.spendVerificationTime(password);
            s.failure(ctx, "anonymous", "password", found.isEmpty() ? SignInSupport.unknownName(name)
                    : "'" + found.get().name() + "' signs in with Microsoft, not a password");
            signInPage(ctx, 401, next, SignInSupport.FAILED, null);
            return;
        }
        UserRecord user = found.get();
        if (!s.usable(user, clock.instant()) || user.passwordHash() == null) {
            PasswordHasher.spendVerificationTime(password);
            s.failure(ctx, user.name(), "password", !user.enabled() ? "account disabled"
                    : user.passwordHash() == null ? "account not enrolled yet" : "account locked");
            signInPage(ctx, 401, next, SignInSupport.FAILED, null);
            return;
        }
        if (!PasswordHasher.verify(password, user.passwordHash())) {
            s.users.registerFailure(user, Web.clientIp(ctx));
            s.failure(ctx, user.name(), "password", "wrong password");
            signInPage(ctx, 401, next, SignInSupport.FAILED, null);
            return;
        }
        String token = s.pending.put(PendingStates.SECOND_FACTOR, user.id(), next, SECOND_FACTOR_LIFETIME,
                Web.clientIp(ctx));
        s.cookies.setStrict(ctx, Cookies.SECOND_FACTOR, token, (int) SECOND_FACTOR_LIFETIME.toSeconds());
        ctx.redirect("/signin/second", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void secondForm(Context ctx) {
        Optional<PendingUser> p = pendingUser(ctx);
        if (p.isEmpty()) {
            ctx.redirect("/signin");
            return;
        }
        secondPage(ctx, 200, p.get().user(), null);
    }

    private void secondPage(Context ctx, int status, UserRecord user, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("csrf", s.signInCsrf(ctx));
        params.put("totp", user.hasTotp());
        params.put("passkey", s.users.passkeyCount(user.id()) > 0 && passkeys.unavailable().isEmpty());
        params.put("error", error);
        Pages.render(ctx, status, "auth/second.jte", "Second factor", params);
    }

    private void totp(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        Optional<PendingUser> p = pendingUser(ctx);
        if (p.isEmpty()) {
            s.failure(ctx, "anonymous", "totp", "no password step in progress (expired or never started)");
            signInPage(ctx, 401, "/", "Your sign-in took too long or was not started here. Start again.", null);
            return;
        }
        UserRecord user = p.get().user();
        if (!s.usable(user, clock.instant())) {
            s.pending.remove(PendingStates.SECOND_FACTOR, p.get().token());
            s.failure(ctx, user.name(), "totp", user.enabled() ? "account locked" : "account disabled");
            signInPage(ctx, 401, p.get().next(), SignInSupport.FAILED, null);
            return;
        }
        UserAccounts.TotpCheck check = s.users.checkTotp(user, ctx.formParam("code"));
        if (check == UserAccounts.TotpCheck.UNREADABLE) {
            // not the user's mistake, so no failure count; an admin must give the account a new secret
            s.pending.remove(PendingStates.SECOND_FACTOR, p.get().token());
            s.failure(ctx, user.name(), "totp", "the stored TOTP secret does not open for this account (sealed for "
                    + "another account or with another key): reset the account with users add --totp");
            signInPage(ctx, 401, p.get().next(), SignInSupport.FAILED, null);
            return;
        }
        if (check != UserAccounts.TotpCheck.ACCEPTED) {
            s.users.registerFailure(user, Web.clientIp(ctx));
            s.failure(ctx, user.name(), "totp", check == UserAccounts.TotpCheck.REUSED ? "TOTP code already used"
                    : "wrong TOTP code");
            secondPage(ctx, 401, user, "That code is not right. Enter the current code from your authenticator app.");
            return;
        }
        if (s.pending.take(PendingStates.SECOND_FACTOR, p.get().token()).isEmpty()) {
            signInPage(ctx, 401, "/", "Your sign-in took too long. Start again.", null);
            return;
        }
        s.complete(ctx, user, "totp");
        ctx.redirect(p.get().next(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void passkeyOptions(Context ctx) {
        if (!s.withinRateLimit(ctx, true)) {
            return;
        }
        Optional<PendingUser> p = pendingUser(ctx);
        try {
            Passkeys.Ceremony c = passkeys.startAssertion(p.map(x -> x.user().name()));
            // the request passed the double-submit check, so this browser has a sign-in cookie: bind the challenge to
            // it, so a requestId handed to (or phished into) another browser is of no use there
            String payload = JSON.createObjectNode().put("request", c.storedJson())
                    .put("next", p.map(PendingUser::next).orElse(RequestGuard.safeNext(ctx.queryParam("next"))))
                    .put("browser", browserBinding(ctx))
                    .toString();
            String requestId = s.pending.put(PendingStates.PASSKEY_ASSERTION, p.map(x -> x.user().id()).orElse(null),
                    payload, SECOND_FACTOR_LIFETIME, Web.clientIp(ctx));
            ctx.json(Map.of("requestId", requestId, "publicKey", JSON.readTree(c.browserJson()).path("publicKey")));
        } catch (Passkeys.PasskeyException e) {
            Pages.jsonError(ctx, 400, e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the library's own WebAuthn options", e);
        }
    }

    private void passkey(Context ctx) {
        if (!s.withinRateLimit(ctx, true)) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            Pages.jsonError(ctx, 400, "the request is not JSON");
            return;
        }
        Optional<PendingStates.State> state = s.pending.take(PendingStates.PASSKEY_ASSERTION,
                body.path("requestId").asText(""));
        if (state.isEmpty()) {
            s.failure(ctx, "anonymous", "passkey", "unknown or expired passkey challenge");
            Pages.jsonError(ctx, 400, "The passkey request expired. Try again.");
            return;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(state.get().payload());
        } catch (IOException e) {
            throw new IllegalStateException("a stored passkey challenge is not JSON", e);
        }
        if (!Tokens.same(payload.path("browser").asText(""), browserBinding(ctx))) {
            s.failure(ctx, "anonymous", "passkey", "passkey answer from another browser");
            Pages.jsonError(ctx, 401, SignInSupport.FAILED);
            return;
        }
        AssertionResult result;
        try {
            result = passkeys.finishAssertion(payload.path("request").asText(), body.path("credential").toString(), clock);
        } catch (Passkeys.PasskeyException e) {
            s.failure(ctx, "anonymous", "passkey", e.getMessage());
            Pages.jsonError(ctx, 401, SignInSupport.FAILED);
            return;
        }
        Optional<UserRecord> user = s.users.byHandle(result.getUserHandle().getBase64Url());
        Long expected = state.get().userId();
        if (user.isEmpty() || expected != null && expected != user.get().id()
                || !s.usable(user.get(), clock.instant())) {
            s.failure(ctx, user.map(UserRecord::name).orElse("anonymous"), "passkey", user.isEmpty()
                    ? "passkey of no account" : expected != null && expected != user.get().id()
                    ? "passkey of another account than the password's" : "account locked or disabled");
            Pages.jsonError(ctx, 401, SignInSupport.FAILED);
            return;
        }
        String pendingToken = s.cookies.read(ctx, Cookies.SECOND_FACTOR);
        if (pendingToken != null) {
            s.pending.remove(PendingStates.SECOND_FACTOR, pendingToken);
        }
        s.complete(ctx, user.get(), "passkey");
        ctx.json(Map.of("redirect", RequestGuard.safeNext(payload.path("next").asText("/"))));
    }

    private void signOut(Context ctx) {
        Principal p = ctx.attribute(Web.PRINCIPAL);
        String hash = ctx.attribute(RequestGuard.SESSION_HASH);
        if (hash != null) {
            s.sessions.close(hash);
        }
        s.cookies.clear(ctx, Cookies.SESSION);
        if (p != null) {
            s.audit.record(new AuditEvent(p.name(), Web.clientIp(ctx), null, "signout", p.method(), "success", null));
        }
        ctx.redirect("/signin", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The hash of this browser's pre-session sign-in cookie ("" without one): what a passkey challenge is bound to. */
    private String browserBinding(Context ctx) {
        String cookie = s.cookies.read(ctx, Cookies.SIGNIN_CSRF);
        return cookie == null || cookie.isEmpty() ? "" : Tokens.sha256(cookie);
    }

    private record PendingUser(String token, UserRecord user, String next) {
    }

    /** The account whose password was accepted in this browser in the last five minutes. */
    private Optional<PendingUser> pendingUser(Context ctx) {
        String token = s.cookies.read(ctx, Cookies.SECOND_FACTOR);
        return s.pending.peek(PendingStates.SECOND_FACTOR, token)
                .flatMap(st -> s.users.byId(st.userId()).map(u -> new PendingUser(token, u,
                        RequestGuard.safeNext(st.payload()))));
    }
}
