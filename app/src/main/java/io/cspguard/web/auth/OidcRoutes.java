package io.cspguard.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with Microsoft Entra (OpenID Connect, authorization code + PKCE + state + nonce).
 *
 * <pre>
 * GET /signin/oidc            → 302 to the provider's authorize page
 * GET /signin/oidc/callback   the provider's redirect: code redeemed, ID token verified (MFA required), session opened
 * </pre>
 *
 * The state is kept server-side under the {@code state} value and bound to the browser by a random cookie, so that a
 * code cannot be injected into someone else's browser. Only provisioned OIDC accounts get in.
 */
final class OidcRoutes {
    static final String CALLBACK = "/signin/oidc/callback";
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String state = Tokens.random();
        String nonce = Tokens.random();
        String verifier = Tokens.random();
        String binding = Tokens.random();
        String payload = JSON.createObjectNode().put("nonce", nonce).put("verifier", verifier)
                .put("binding", Tokens.sha256(binding))
                .put("next", RequestGuard.safeNext(ctx.queryParam("next"))).toString();
        try {
            java.net.URI target = client.authorizationUrl(redirectUri(), state, nonce, verifier);
            s.pending.put(state, PendingStates.OIDC, null, payload, LIFETIME);
            s.cookies.set(ctx, Cookies.OIDC, binding, Cookies.OIDC_PATH, (int) LIFETIME.toSeconds(), SameSite.LAX);
            ctx.redirect(target.toString());
        } catch (OidcClient.OidcException e) {
            s.failure(ctx, "anonymous", "oidc", e.getMessage());
            Pages.message(ctx, 502, "Microsoft sign-in unavailable", "Cannot reach the identity provider: "
                    + e.getMessage(), "/signin", "Back to sign-in");
        }
    }

    private void callback(Context ctx) {
        if (!s.withinRateLimit(ctx, false)) {
            return;
        }
        String binding = ctx.cookie(Cookies.OIDC);
        s.cookies.clear(ctx, Cookies.OIDC, Cookies.OIDC_PATH);
        Optional<PendingStates.State> state = s.pending.take(PendingStates.OIDC, ctx.queryParam("state"));
        if (state.isEmpty()) {
            refuse(ctx, "anonymous", "unknown or expired state");
            return;
        }
        JsonNode p;
        try {
            p = JSON.readTree(state.get().payload());
        } catch (IOException e) {
            throw new IllegalStateException("a stored OIDC state is not JSON", e);
        }
        if (binding == null || !Tokens.same(Tokens.sha256(binding), p.path("binding").asText())) {
            refuse(ctx, "anonymous", "the sign-in was not started in this browser");
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null || ctx.queryParam("code") == null) {
            refuse(ctx, "anonymous", "the provider returned " + (error == null ? "no code" : "error " + shorten(error)));
            return;
        }
        OidcClient.Identity identity;
        try {
            identity = client.signIn(ctx.queryParam("code"), redirectUri(), p.path("verifier").asText(),
                    p.path("nonce").asText());
        } catch (OidcClient.OidcException e) {
            refuse(ctx, "anonymous", e.getMessage());
            return;
        }
        Optional<UserRecord> user = s.users.byName(identity.username())
                .filter(u -> UserRecord.OIDC.equals(u.kind()));
        if (user.isEmpty()) {
            refuse(ctx, "anonymous", "'" + shorten(identity.username()) + "' is not a provisioned OIDC user");
            return;
        }
        if (!s.usable(user.get(), clock.instant())) {
            refuse(ctx, user.get().name(), user.get().enabled() ? "account locked" : "account disabled");
            return;
        }
        s.complete(ctx, user.get(), "oidc");
        // The provider's redirect is a cross-site navigation: a SameSite=Strict cookie set now is not sent on a
        // redirect that continues it, so the page goes on with a same-site navigation of its own.
        Pages.render(ctx, 200, "auth/continue.jte", "Signed in",
                Map.of("next", RequestGuard.safeNext(p.path("next").asText("/"))));
    }

    private void refuse(Context ctx, String actor, String reason) {
        s.failure(ctx, actor, "oidc", reason);
        Pages.message(ctx, 401, "Sign-in refused", "Microsoft sign-in did not let you in: " + reason + ".",
                "/signin", "Back to sign-in");
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
