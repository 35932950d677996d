package io.cspguard.sim.identity;

import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sign-in pages a person (or a browser test) uses: {@code /{tenant}/oauth2/v2.0/authorize} for the authorization
 * code flow and {@code /devicelogin} for the device code flow. Both take a partner user's UPN, password and
 * authenticator code (so the tokens carry {@code amr: ["pwd","mfa"]}).
 *
 * <p>Every value shown is HTML-escaped: the {@code hostile} world puts markup in tenant and app strings.
 */
final class SignInPages {
    /** Loopback hosts only: the app registers no reply URLs in the World, and a code must not leave the machine. */
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<String> RESPONSE_MODES = Set.of("query", "fragment", "form_post");

    private final IdentityPlatform platform;
    private final Directory directory;

    SignInPages(IdentityPlatform platform) {
        this.platform = platform;
        this.directory = platform.directory();
    }

    /** The authorize request's parameters, from the query (GET) or the sign-in form (POST). */
    private record Authorize(String tenantSegment, String clientId, String redirectUri, String responseType,
                             String responseMode, String scope, String state, String nonce, String codeChallenge,
                             String codeChallengeMethod, String loginHint) {
        static Authorize from(String tenant, Function<String, String> p) {
            return new Authorize(tenant, p.apply("client_id"), p.apply("redirect_uri"), p.apply("response_type"),
                    p.apply("response_mode"), p.apply("scope"), p.apply("state"), p.apply("nonce"),
                    p.apply("code_challenge"), p.apply("code_challenge_method"), p.apply("login_hint"));
        }

        Map<String, String> hidden() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("client_id", clientId);
            m.put("redirect_uri", redirectUri);
            m.put("response_type", responseType);
            m.put("response_mode", responseMode);
            m.put("scope", scope);
            m.put("state", state);
            m.put("nonce", nonce);
            m.put("code_challenge", codeChallenge);
            m.put("code_challenge_method", codeChallengeMethod);
            m.values().removeIf(v -> v == null);
            return m;
        }
    }

    void authorizeForm(Context ctx) {
        Authorize a = Authorize.from(ctx.pathParam("tenant"), ctx::queryParam);
        if (validate(ctx, a)) {
            ctx.html(signInPage(ctx.path(), a.hidden(), a.loginHint(), null, null));
        }
    }

    void authorizeSubmit(Context ctx) {
        Authorize a = Authorize.from(ctx.pathParam("tenant"), ctx::formParam);
        if (!validate(ctx, a)) {
            return;
        }
        try {
            Optional<SimTenant> target = directory.resolve(a.tenantSegment());
            SimUser user = signIn(ctx.formParam("login"), ctx.formParam("passwd"), ctx.formParam("otc"), target);
            SimTenant tenant = target.orElseGet(() -> directory.home(user));
            platform.rolesIn(user, tenant); // no GDAP role: Entra stops here, on its page
            String code = platform.grants().newCode(new Grants.AuthCode(platform.app().clientId(), a.redirectUri(),
                    user, tenant.tenantId(), a.scope(), a.codeChallenge(), a.nonce(),
                    platform.clock().instant().plus(Grants.CODE_LIFETIME)));
            Map<String, String> result = new LinkedHashMap<>();
            result.put("code", code);
            if (a.state() != null) {
                result.put("state", a.state());
            }
            respond(ctx, a, result);
        } catch (EntraError e) {
            ctx.html(signInPage(ctx.path(), a.hidden(), ctx.formParam("login"), e, null));
        }
    }

    void deviceForm(Context ctx) {
        ctx.html(signInPage(ctx.path(), Map.of(), null, null,
                Optional.ofNullable(ctx.queryParam("user_code")).orElse("")));
    }

    void deviceSubmit(Context ctx) {
        String userCode = ctx.formParam("user_code");
        try {
            Grants.DeviceAuthorization d = platform.grants().deviceByUserCode(userCode)
                    .filter(x -> x.user == null && !x.redeemed)
                    .orElseThrow(EntraError::unknownUserCode);
            if (!platform.clock().instant().isBefore(d.expiresAt)) {
                throw EntraError.deviceCodeExpired();
            }
            Optional<SimTenant> target = Optional.ofNullable(d.tenantId).flatMap(id -> platform.world().tenant(id));
            SimUser user = signIn(ctx.formParam("login"), ctx.formParam("passwd"), ctx.formParam("otc"), target);
            platform.rolesIn(user, target.orElseGet(() -> directory.home(user)));
            synchronized (d) {
                if (d.user != null) {
                    throw EntraError.unknownUserCode();
                }
                d.user = user;
            }
            ctx.html(page("Signed in", "<p>You have signed in to the " + escape(platform.app().displayName())
                    + " application on your device. You may now close this window.</p>"));
        } catch (EntraError e) {
            ctx.html(signInPage(ctx.path(), Map.of(), ctx.formParam("login"), e, userCode == null ? "" : userCode));
        }
    }

    /** Password, then the authenticator code: the user must pass both (MFA), as the tokens' {@code amr} claims. */
    private SimUser signIn(String login, String password, String otc, Optional<SimTenant> tenant) {
        SimUser user = directory.userByUpn(login).orElseThrow(() -> EntraError.unknownUser(String.valueOf(login),
                tenant.map(SimTenant::displayName).orElse("organizations")));
        if (password == null || user.password() == null || !MessageDigest.isEqual(
                password.getBytes(StandardCharsets.UTF_8), user.password().getBytes(StandardCharsets.UTF_8))) {
            throw EntraError.badPassword();
        }
        if (!directory.enabled(user)) {
            throw EntraError.userDisabled();
        }
        if (otc == null || otc.isBlank()) {
            throw EntraError.mfaRequired();
        }
        if (!platform.totpValid(user, otc)) {
            throw EntraError.badOneTimeCode();
        }
        return user;
    }

    /**
     * Checks what Entra checks before showing its page. Errors about the client or its redirect URI are shown here
     * (a code must never go to an unverified address); the others go back to the client at its redirect URI.
     *
     * @return whether to go on
     */
    private boolean validate(Context ctx, Authorize a) {
        try {
            directory.resolve(a.tenantSegment());
            if (a.clientId() == null) {
                throw EntraError.missingParameter("client_id");
            }
            if (!a.clientId().equalsIgnoreCase(platform.app().clientId())) {
                throw EntraError.appNotInTenant(a.clientId(), a.tenantSegment());
            }
            if (a.redirectUri() == null) {
                throw EntraError.missingParameter("redirect_uri");
            }
            if (!isLoopback(a.redirectUri())) {
                throw EntraError.badRedirectUri(a.redirectUri(), a.clientId());
            }
            if (a.responseMode() != null && !RESPONSE_MODES.contains(a.responseMode())) {
                throw EntraError.invalidParameter("response_mode");
            }
        } catch (EntraError e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(page("Sign in", errorBlock(e)));
            return false;
        }
        EntraError toClient = null;
        if (!"code".equals(a.responseType())) {
            toClient = EntraError.unsupportedResponseType(String.valueOf(a.responseType()));
        } else if (a.scope() == null || a.scope().isBlank()) {
            toClient = EntraError.missingParameter("scope");
        } else if (a.codeChallenge() != null && !"S256".equals(a.codeChallengeMethod())) {
            // Entra also takes "plain"; CSP Guard uses S256 only, and refusing plain keeps a downgrade out.
            toClient = EntraError.invalidParameter("code_challenge_method");
        } else if (a.codeChallenge() != null && !a.codeChallenge().matches("[A-Za-z0-9_-]{43}")) {
            toClient = EntraError.invalidParameter("code_challenge");
        }
        if (toClient != null) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", toClient.error);
            error.put("error_description", toClient.description());
            if (a.state() != null) {
                error.put("state", a.state());
            }
            respond(ctx, a, error);
            return false;
        }
        return true;
    }

    private static boolean isLoopback(String uri) {
        try {
            URI u = new URI(uri);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && LOOPBACK.contains(u.getHost().toLowerCase(java.util.Locale.ROOT)) && u.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Sends the result to the client's redirect URI in the response mode it asked for (query by default). */
    private static void respond(Context ctx, Authorize a, Map<String, String> params) {
        String mode = a.responseMode() == null ? "query" : a.responseMode();
        if ("form_post".equals(mode)) {
            StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + escape(a.redirectUri()) + "\">");
            params.forEach((k, v) -> form.append(hiddenInput(k, v)));
            form.append("<noscript><button type=\"submit\">Continue</button></noscript></form>"
                    + "<script>document.forms[0].submit()</script>");
            ctx.html(page("Signing in", form.toString()));
            return;
        }
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String separator = "fragment".equals(mode) ? "#" : a.redirectUri().contains("?") ? "&" : "?";
        ctx.redirect(a.redirectUri() + separator + q, HttpStatus.FOUND);
    }

    /** @param deviceUserCode null for the authorize page; the device page asks for the user code too */
    private String signInPage(String action, Map<String, String> hidden, String login, EntraError error,
                              String deviceUserCode) {
        StringBuilder f = new StringBuilder();
        if (error != null) {
            f.append(errorBlock(error));
        }
        f.append("<form method=\"post\" action=\"").append(escape(action)).append("\">");
        hidden.forEach((k, v) -> f.append(hiddenInput(k, v)));
        if (deviceUserCode != null) {
            f.append(field("Code", "user_code", "text", escape(deviceUserCode)));
        }
        f.append(field("Email", "login", "email", login == null ? "" : escape(login)))
                .append(field("Password", "passwd", "password", ""))
                .append(field("Authenticator code", "otc", "text", ""))
                .append("<button type=\"submit\">Sign in</button></form>");
        return page("Sign in to " + platform.app().displayName(), f.toString());
    }

    private static String field(String label, String name, String type, String escapedValue) {
        return "<p><label>" + label + " <input name=\"" + name + "\" type=\"" + type + "\" value=\"" + escapedValue
                + "\" autocomplete=\"off\"></label></p>";
    }

    private static String hiddenInput(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
    }

    private static String errorBlock(EntraError e) {
        return "<p class=\"error\" role=\"alert\" data-error=\"" + escape(e.error) + "\">" + escape(e.description())
                + "</p>";
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
