package io.cspguard.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.web.Web;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with Microsoft Entra (OpenID Connect, authorization code + PKCE + state + nonce).
 *
 * <pre>
 * GET /signin/oidc            → 302 to the provider's authorize page
 * GET /signin/oidc/callback   the provider's redirect: code redeemed, ID token verified (MFA required), session opened
 * </pre>
 *
 * The state is kept server-side under the {@code state} value and bound to the browser by a random cookie, so that a
 * code cannot be injected into someone else's browser. Only provisioned OIDC accounts get in, and each only with
 * the identity (token subject) it was bound to at its first sign-in. Both routes count against the per-address
 * sign-in limit (starting one stores a state). The page names a refusal's reason only when the person can act on it;
 * the audit trail always has it.
 */
final class OidcRoutes {
    static final String CALLBACK = "/signin/oidc/callback";
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);
    static final String SUBJECT_DIFFERS = "token subject does not match the account";
    private static final String GENERIC = "Microsoft sign-in could not be completed. Try again; if it keeps "
            + "failing, an admin can find the reason in the audit trail.";

    private final SignInSupport s;
    private final OidcClient client;
    private final Clock clock;

    OidcRoutes(SignInSupport support, OidcClient client, Clock clock) {
        this.s = support;
        this.client = client;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/signin/oidc", this::start);
        app.get(CALLBACK, this::callback);
    }

    private String redirectUri() {
        return s.settings.url(CALLBACK);
    }

    private void start(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        String state = Tokens.random();
        String nonce = Tokens.random();
        String verifier = Tokens.random();
        String binding = Tokens.random();
        String payload = JSON.createObjectNode().put("nonce", nonce).put("verifier", verifier)
                .put("binding", Tokens.sha256(binding))
                .put("next", RequestGuard.safeNext(ctx.queryParam("next"))).toString();
        try {
            java.net.URI target = client.authorizationUrl(redirectUri(), state, nonce, verifier);
            s.pending.put(state, PendingStates.OIDC, null, payload, LIFETIME, Web.clientIp(ctx));
            s.cookies.set(ctx, Cookies.OIDC, binding, Cookies.OIDC_PATH, (int) LIFETIME.toSeconds(), SameSite.LAX);
            ctx.redirect(target.toString());
        } catch (OidcClient.OidcException e) {
            LOG.warn("Microsoft sign-in cannot start: {}", e.getMessage());
            s.failure(ctx, "anonymous", "oidc", e.getMessage());
            Pages.message(ctx, 502, "Microsoft sign-in unavailable", "The identity provider cannot be reached just "
                    + "now. Try again later, or sign in with your password.", "/signin", "Back to sign-in");
        }
    }

    private void callback(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        String binding = s.cookies.read(ctx, Cookies.OIDC);
        s.cookies.clear(ctx, Cookies.OIDC, Cookies.OIDC_PATH);
        Optional<PendingStates.State> state = s.pending.take(PendingStates.OIDC, ctx.queryParam("state"));
        if (state.isEmpty()) {
            refuse(ctx, "anonymous", "unknown or expired state", GENERIC);
            return;
        }
        JsonNode p;
        try {
            p = JSON.readTree(state.get().payload());
        } catch (IOException e) {
            throw new IllegalStateException("a stored OIDC state is not JSON", e);
        }
        if (binding == null || !Tokens.same(Tokens.sha256(binding), p.path("binding").asText())) {
            refuse(ctx, "anonymous", "the sign-in was not started in this browser", GENERIC);
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null || ctx.queryParam("code") == null) {
            refuse(ctx, "anonymous", "the provider returned " + (error == null ? "no code" : "error " + shorten(error)),
                    GENERIC);
            return;
        }
        OidcClient.Identity identity;
        try {
            identity = client.signIn(ctx.queryParam("code"), redirectUri(), p.path("verifier").asText(),
                    p.path("nonce").asText());
        } catch (OidcClient.OidcException e) {
            // no MFA is the one token problem the person can fix (with Conditional Access); the rest is for admins
            refuse(ctx, "anonymous", e.getMessage(), OidcClient.NO_MFA.equals(e.getMessage())
                    ? "Microsoft sign-in did not let you in: " + OidcClient.NO_MFA + "." : GENERIC);
            return;
        }
        Optional<UserRecord> user = s.users.byName(identity.username())
                .filter(u -> UserRecord.OIDC.equals(u.kind()));
        if (user.isEmpty()) {
            refuse(ctx, "anonymous", "'" + shorten(identity.username()) + "' is not a provisioned OIDC user",
                    "Your Microsoft account is not allowed to use this dashboard. Ask an admin to add it.");
            return;
        }
        if (!s.usable(user.get(), clock.instant())) {
            refuse(ctx, user.get().name(), user.get().enabled() ? "account locked" : "account disabled", GENERIC);
            return;
        }
        UserAccounts.SubjectCheck subject = s.users.bindOidcSubject(user.get(), identity.subject());
        if (subject == UserAccounts.SubjectCheck.DIFFERS) {
            refuse(ctx, user.get().name(), SUBJECT_DIFFERS, "This Microsoft account is not the one this dashboard "
                    + "account was first used with. Ask an admin.");
            return;
        }
        s.complete(ctx, user.get(), "oidc", subject == UserAccounts.SubjectCheck.BOUND_NOW
                ? "first sign-in: account bound to " + identity.subject() : null);
        // The provider's redirect is a cross-site navigation: a SameSite=Strict cookie set now is not sent on a
        // redirect that continues it, so the page goes on with a same-site navigation of its own.
        Pages.render(ctx, 200, "auth/continue.jte", "Signed in",
                Map.of("next", RequestGuard.safeNext(p.path("next").asText("/"))));
    }

    /** Audits {@code reason} and shows {@code page}: provider and network errors stay out of the browser. */
    private void refuse(Context ctx, String actor, String reason, String page) {
        s.failure(ctx, actor, "oidc", reason);
        Pages.message(ctx, 401, "Sign-in refused", page, "/signin", "Back to sign-in");
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
