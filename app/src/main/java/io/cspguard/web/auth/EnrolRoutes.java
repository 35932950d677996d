package io.cspguard.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.RegistrationResult;
import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Web;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-time enrolment link of a new local account: set a password, then register a passkey or an authenticator
 * app. Nothing is saved on the account until the second factor is proven; then the link is used up.
 *
 * <pre>
 * GET  /enrol/{token}                   password form and the choice of factor
 * POST /enrol/{token}                   password (twice) and factor → the TOTP page or the passkey page
 * POST /enrol/{token}/totp              the first code from the app → account ready
 * POST /enrol/{token}/passkey/options   JSON {publicKey} for navigator.credentials.create
 * POST /enrol/{token}/passkey           JSON {credential} → JSON {redirect}
 * </pre>
 */
final class EnrolRoutes {
    private static final Duration STEP_LIFETIME = Duration.ofMinutes(15);
    private static final String PASSKEY_CREATE = "passkey-create";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID = "This enrolment link is not valid: it was used already, it expired "
            + "(links last 24 hours), or it never existed. Ask an admin for a new one.";
    static final String PASSKEY_REFUSED = "This passkey could not be registered. Try again with a passkey that "
            + "asks for your PIN or biometric, or choose the authenticator app.";

    private final SignInSupport s;
    private final Passkeys passkeys;
    private final Clock clock;

    EnrolRoutes(SignInSupport support, Passkeys passkeys, Clock clock) {
        this.s = support;
        this.passkeys = passkeys;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/enrol/{token}", this::form);
        app.post("/enrol/{token}", this::password);
        app.post("/enrol/{token}/totp", this::totp);
        app.post("/enrol/{token}/passkey/options", this::passkeyOptions);
        app.post("/enrol/{token}/passkey", this::passkey);
    }

    private void form(Context ctx) {
        Optional<UserRecord> user = s.users.enrolling(ctx.pathParam("token"));
        if (user.isEmpty()) {
            Pages.message(ctx, 404, "Enrolment link not valid", INVALID, "/signin", "Sign in");
            return;
        }
        formPage(ctx, 200, user.get(), null);
    }

    private void formPage(Context ctx, int status, UserRecord user, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("token", ctx.pathParam("token"));
        p.put("csrf", s.signInCsrf(ctx));
        p.put("name", user.name());
        p.put("passkeys", passkeys.unavailable().isEmpty());
        p.put("error", error);
        Pages.render(ctx, status, "auth/enrol.jte", "Set up your account", p);
    }

    private void password(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        String token = ctx.pathParam("token");
        Optional<UserRecord> user = s.users.enrolling(token);
        if (user.isEmpty()) {
            Pages.message(ctx, 404, "Enrolment link not valid", INVALID, "/signin", "Sign in");
            return;
        }
        String password = ctx.formParam("password");
        if (password == null || !password.equals(ctx.formParam("confirm"))) {
            formPage(ctx, 400, user.get(), "The two passwords differ.");
            return;
        }
        try {
            UserAccounts.requirePassword(password);
        } catch (IllegalArgumentException e) {
            formPage(ctx, 400, user.get(), capitalise(e.getMessage()) + ".");
            return;
        }
        boolean wantsPasskey = "passkey".equals(ctx.formParam("factor"));
        if (wantsPasskey && passkeys.unavailable().isPresent()) {
            formPage(ctx, 400, user.get(), passkeys.unavailable().get());
            return;
        }
        ObjectNode state = JSON.createObjectNode().put("passwordHash", PasswordHasher.hash(password));
        if (wantsPasskey) {
            s.pending.put(token, PendingStates.ENROLMENT, user.get().id(), state.toString(), STEP_LIFETIME);
            passkeyPage(ctx, user.get());
            return;
        }
        String secret = TotpCodes.newSecret();
        state.put("totpSecret", Base64.getEncoder().encodeToString(s.users.sealTotp(user.get(), secret)));
        s.pending.put(token, PendingStates.ENROLMENT, user.get().id(), state.toString(), STEP_LIFETIME);
        totpPage(ctx, 200, user.get(), secret, null);
    }

    private void totpPage(Context ctx, int status, UserRecord user, String secret, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("token", ctx.pathParam("token"));
        p.put("csrf", s.signInCsrf(ctx));
        p.put("name", user.name());
        p.put("otpauthUri", TotpCodes.otpauthUri(user.name(), secret));
        p.put("secret", secret);
        p.put("error", error);
        Pages.render(ctx, status, "auth/enrol-totp.jte", "Set up your authenticator app", p);
    }

    private void passkeyPage(Context ctx, UserRecord user) {
        Map<String, Object> p = new HashMap<>();
        p.put("token", ctx.pathParam("token"));
        p.put("csrf", s.signInCsrf(ctx));
        p.put("name", user.name());
        Pages.render(ctx, 200, "auth/enrol-passkey.jte", "Register your passkey", p);
    }

    private void totp(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        String token = ctx.pathParam("token");
        Optional<Enrolling> e = enrolling(ctx, token);
        if (e.isEmpty() || !e.get().state().has("totpSecret")) {
            Pages.message(ctx, 404, "Enrolment link not valid", INVALID + " If you waited more than 15 minutes on "
                    + "a step, open the link again.", "/signin", "Sign in");
            return;
        }
        byte[] sealed = Base64.getDecoder().decode(e.get().state().path("totpSecret").asText());
        String secret = s.users.openTotp(e.get().user(), sealed);
        var step = TotpCodes.match(secret, ctx.formParam("code"), clock.instant(), null);
        if (step.isEmpty()) {
            totpPage(ctx, 400, e.get().user(), secret, "That code is not right. Enter the current code your app shows.");
            return;
        }
        boolean done = s.users.completeEnrolment(token, e.get().state().path("passwordHash").asText(), sealed,
                h -> h.createUpdate("UPDATE users SET totp_last_step = :s WHERE id = :id")
                        .bind("s", step.getAsLong()).bind("id", e.get().user().id()).execute(),
                enrolled(ctx, e.get().user(), "totp"));
        finish(ctx, done);
        if (done) {
            ctx.redirect("/signin?enrolled=1", io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            Pages.message(ctx, 404, "Enrolment link not valid", INVALID, "/signin", "Sign in");
        }
    }

    private void passkeyOptions(Context ctx) {
        String token = ctx.pathParam("token");
        Optional<Enrolling> e = enrolling(ctx, token);
        if (e.isEmpty()) {
            Pages.jsonError(ctx, 404, INVALID);
            return;
        }
        try {
            Passkeys.Ceremony c = passkeys.startRegistration(e.get().user());
            s.pending.put(token, PASSKEY_CREATE, e.get().user().id(), c.storedJson(), STEP_LIFETIME);
            ctx.json(Map.of("publicKey", JSON.readTree(c.browserJson()).path("publicKey")));
        } catch (Passkeys.PasskeyException ex) {
            Pages.jsonError(ctx, 400, ex.getMessage());
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read the library's own WebAuthn options", ex);
        }
    }

    private void passkey(Context ctx) {
        if (!s.withinRateLimit(ctx, true)) {
            return;
        }
        String token = ctx.pathParam("token");
        Optional<Enrolling> e = enrolling(ctx, token);
        Optional<PendingStates.State> ceremony = s.pending.take(PASSKEY_CREATE, token);
        if (e.isEmpty() || ceremony.isEmpty()) {
            Pages.jsonError(ctx, 404, INVALID);
            return;
        }
        RegistrationResult r;
        try {
            JsonNode body = JSON.readTree(ctx.body());
            r = passkeys.finishRegistration(ceremony.get().payload(), body.path("credential").toString());
        } catch (IOException ex) {
            Pages.jsonError(ctx, 400, "the request is not JSON");
            return;
        } catch (Passkeys.PasskeyException ex) {
            // the library's reason is for the audit trail; the browser gets words the person can act on
            s.audit.record(new AuditEvent(e.get().user().name(), Web.clientIp(ctx), null, "user.enrolled", "passkey",
                    "failure", ex.getMessage()));
            Pages.jsonError(ctx, 400, PASSKEY_REFUSED);
            return;
        }
        long userId = e.get().user().id();
        boolean done = s.users.completeEnrolment(token, e.get().state().path("passwordHash").asText(), null,
                h -> PasskeyCredentials.add(h, userId, r.getKeyId().getId(), r.getPublicKeyCose(), r.getSignatureCount(),
                        clock.instant()),
                enrolled(ctx, e.get().user(), "passkey"));
        finish(ctx, done);
        if (done) {
            ctx.json(Map.of("redirect", "/signin?enrolled=1"));
        } else {
            Pages.jsonError(ctx, 404, INVALID);
        }
    }

    /** The entry {@code completeEnrolment} appends before its transaction commits. */
    private static AuditEvent enrolled(Context ctx, UserRecord user, String factor) {
        return new AuditEvent(user.name(), Web.clientIp(ctx), null, "user.enrolled", factor, "success",
                "password and " + factor + " set with the enrolment link");
    }

    private void finish(Context ctx, boolean done) {
        if (done) {
            s.pending.remove(PendingStates.ENROLMENT, ctx.pathParam("token"));
        }
    }

    private record Enrolling(UserRecord user, JsonNode state) {
    }

    /** The account of a live link whose password step is done in the last 15 minutes. */
    private Optional<Enrolling> enrolling(Context ctx, String token) {
        Optional<UserRecord> user = s.users.enrolling(token);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return s.pending.peek(PendingStates.ENROLMENT, token).map(st -> {
            try {
                return new Enrolling(user.get(), JSON.readTree(st.payload()));
            } catch (IOException ex) {
                throw new IllegalStateException("a stored enrolment state is not JSON", ex);
            }
        });
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
