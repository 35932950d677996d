package io.cspguard.sim.identity;

import static io.cspguard.sim.identity.Entra.assertError;
import static io.cspguard.sim.identity.TestWorld.ALICE;
import static io.cspguard.sim.identity.TestWorld.ALICE_UPN;
import static io.cspguard.sim.identity.TestWorld.BOB_UPN;
import static io.cspguard.sim.identity.TestWorld.CAROL_UPN;
import static io.cspguard.sim.identity.TestWorld.CLIENT_ID;
import static io.cspguard.sim.identity.TestWorld.CUSTOMER_A;
import static io.cspguard.sim.identity.TestWorld.GLOBAL_READER;
import static io.cspguard.sim.identity.TestWorld.PARTNER;
import static io.cspguard.sim.identity.TestWorld.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AuthorizationCodeTest {
    private static final String SCOPE = "https://graph.microsoft.com/.default openid profile offline_access";
    private static final IdentityServer SIM = new IdentityServer();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void theAuthorizePageAsksForEmailPasswordAndAuthenticatorCode() {
        Entra.Pkce pkce = Entra.Pkce.create();
        HttpResponse<String> page = SIM.get("/organizations/oauth2/v2.0/authorize?"
                + IdentityServer.form(Entra.authorizeParams(pkce, SCOPE)) + "&login_hint=" + ALICE_UPN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("name=\"login\"", "name=\"passwd\"", "name=\"otc\"",
                "value=\"" + pkce.challenge() + "\"", "value=\"" + ALICE_UPN + "\"");
    }

    @Test
    void signInWithPasswordAndTotpThenRedeemTheCodeWithPkce() {
        Entra.Pkce pkce = Entra.Pkce.create();
        Map<String, String> authorize = Entra.authorizeParams(pkce, SCOPE);
        HttpResponse<String> redirect = Entra.signIn(SIM, "organizations", authorize, ALICE_UPN, PASSWORD,
                Entra.totpNow());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(Entra.REDIRECT + "?");
        Map<String, String> q = Entra.query(location);
        assertThat(q.get("state")).isEqualTo("st-42");

        HttpResponse<String> r = redeem(q.get("code"), pkce.verifier());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = IdentityServer.json(r);
        assertThat(body.path("refresh_token").asText()).isNotEmpty();
        assertThat(body.path("scope").asText()).contains("https://graph.microsoft.com/Directory.Read.All", "openid");
        assertThat(IdentityServer.json(r).path("client_info").isMissingNode()).isTrue();

        JWTClaimsSet access = Entra.verified(SIM, body.path("access_token").asText());
        assertThat(access.getClaim("idtyp")).isEqualTo("user");
        assertThat(access.getClaim("oid")).isEqualTo(ALICE);
        assertThat(access.getClaim("tid")).isEqualTo(PARTNER);
        assertThat(access.getClaim("upn")).isEqualTo(ALICE_UPN);
        assertThat(access.getClaim("scp").toString().split(" "))
                .contains("Directory.Read.All", "AuditLog.Read.All", "User.Read");
        assertThat(access.getClaim("wids")).asList().containsExactly(GLOBAL_READER); // her home role, via a group
        assertThat(access.getClaim("amr")).asList().containsExactly("pwd", "mfa");
        assertThat(access.getClaim("idp")).isNull();

        JWTClaimsSet id = Entra.verified(SIM, body.path("id_token").asText());
        assertThat(id.getAudience()).containsExactly(CLIENT_ID);
        assertThat(id.getIssuer()).isEqualTo(SIM.base() + "/" + PARTNER + "/v2.0");
        assertThat(id.getClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getClaim("amr")).asList().containsExactly("pwd", "mfa");
        assertThat(id.getClaim("oid")).isEqualTo(ALICE);
        assertThat(id.getClaim("tid")).isEqualTo(PARTNER);
        assertThat(id.getClaim("preferred_username")).isEqualTo(ALICE_UPN);

        AccessToken t = SIM.platform.tokenService().verify(body.path("access_token").asText(), IdentityPlatform.GRAPH)
                .orElseThrow();
        assertThat(t.appOnly()).isFalse();
        assertThat(t.userId()).isEqualTo(ALICE);
        assertThat(t.userTenantId()).isEqualTo(PARTNER);
        assertThat(t.scopes()).contains("Directory.Read.All");
        assertThat(t.wids()).containsExactly(GLOBAL_READER);

        // a code is good once
        assertError(redeem(q.get("code"), pkce.verifier()), 400, "invalid_grant", 54005);
    }

    @Test
    void aWrongVerifierOrNoneIsRefused() {
        Entra.Pkce pkce = Entra.Pkce.create();
        assertError(redeem(code(pkce, "organizations"), Entra.Pkce.create().verifier()), 400, "invalid_grant",
                501481);
        Map<String, String> noVerifier = new LinkedHashMap<>(redeemForm(code(pkce, "organizations"), "x"));
        noVerifier.remove("code_verifier");
        assertError(SIM.post("/organizations/oauth2/v2.0/token", noVerifier), 400, "invalid_grant", 501481);
        assertError(redeem("no-such-code", pkce.verifier()), 400, "invalid_grant", 70000);
        Map<String, String> otherRedirect = new LinkedHashMap<>(redeemForm(code(pkce, "organizations"),
                pkce.verifier()));
        otherRedirect.put("redirect_uri", "http://localhost:1/other");
        assertError(SIM.post("/organizations/oauth2/v2.0/token", otherRedirect), 400, "invalid_grant", 500112);
    }

    @Test
    void aWrongAuthenticatorCodeOrPasswordFailsOnThePageAndTheRightOnePasses() {
        Map<String, String> authorize = Entra.authorizeParams(Entra.Pkce.create(), SCOPE);
        HttpResponse<String> wrongCode = Entra.signIn(SIM, "organizations", authorize, ALICE_UPN, PASSWORD,
                Entra.wrongTotp());
        assertThat(wrongCode.statusCode()).isEqualTo(200);
        assertThat(wrongCode.body()).contains("AADSTS500121");
        assertThat(Entra.signIn(SIM, "organizations", authorize, ALICE_UPN, PASSWORD, "").body())
                .contains("AADSTS50074");
        assertThat(Entra.signIn(SIM, "organizations", authorize, ALICE_UPN, "nope", Entra.totpNow()).body())
                .contains("AADSTS50126");
        assertThat(Entra.signIn(SIM, "organizations", authorize, "mallory@example.com", PASSWORD, Entra.totpNow())
                .body()).contains("AADSTS50034");
        assertThat(Entra.signIn(SIM, "organizations", authorize, CAROL_UPN, PASSWORD, Entra.totpNow()).body())
                .contains("AADSTS50057");
        assertThat(Entra.signIn(SIM, "organizations", authorize, ALICE_UPN, PASSWORD, Entra.totpNow())
                .statusCode()).isEqualTo(302);
    }

    @Test
    void signingInAtACustomerNeedsAGdapRole() {
        Entra.Pkce pkce = Entra.Pkce.create();
        Map<String, String> authorize = Entra.authorizeParams(pkce, SCOPE);
        assertThat(Entra.signIn(SIM, CUSTOMER_A, authorize, BOB_UPN, PASSWORD, Entra.totpNow()).body())
                .contains("AADSTS50020");
        HttpResponse<String> ok = Entra.signIn(SIM, CUSTOMER_A, authorize, ALICE_UPN, PASSWORD, Entra.totpNow());
        assertThat(ok.statusCode()).isEqualTo(302);
        String code = Entra.query(ok.headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> r = SIM.post("/" + CUSTOMER_A + "/oauth2/v2.0/token", redeemForm(code, pkce.verifier()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Entra.verified(SIM, IdentityServer.json(r).path("access_token").asText()).getClaim("tid"))
                .isEqualTo(CUSTOMER_A);
    }

    @Test
    void requestProblemsAreShownOnThePageOrSentBackToTheClient() {
        Map<String, String> p = Entra.authorizeParams(Entra.Pkce.create(), SCOPE);
        p.put("redirect_uri", "https://evil.example/callback");
        HttpResponse<String> page = SIM.get("/organizations/oauth2/v2.0/authorize?" + IdentityServer.form(p));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("AADSTS50011");

        p = Entra.authorizeParams(Entra.Pkce.create(), SCOPE);
        p.put("client_id", "00000000-1111-2222-3333-444444444444");
        assertThat(SIM.get("/organizations/oauth2/v2.0/authorize?" + IdentityServer.form(p)).body())
                .contains("AADSTS700016");

        assertThat(SIM.get("/not-a-tenant/oauth2/v2.0/authorize?" + IdentityServer.form(
                Entra.authorizeParams(Entra.Pkce.create(), SCOPE))).body()).contains("AADSTS90002");

        p = Entra.authorizeParams(Entra.Pkce.create(), SCOPE);
        p.put("code_challenge_method", "plain");
        HttpResponse<String> back = SIM.get("/organizations/oauth2/v2.0/authorize?" + IdentityServer.form(p));
        assertThat(back.statusCode()).isEqualTo(302);
        Map<String, String> q = Entra.query(back.headers().firstValue("Location").orElseThrow());
        assertThat(q.get("error")).isEqualTo("invalid_request");
        assertThat(q.get("state")).isEqualTo("st-42");
    }

    @Test
    void hostileStringsAreEscapedOnThePage() {
        Map<String, String> p = Entra.authorizeParams(Entra.Pkce.create(), SCOPE);
        p.put("state", "\"><script>alert(1)</script>");
        String body = SIM.get("/organizations/oauth2/v2.0/authorize?" + IdentityServer.form(p)).body();
        assertThat(body).doesNotContain("<script>alert(1)").contains("&lt;script&gt;");
    }

    private static String code(Entra.Pkce pkce, String tenant) {
        HttpResponse<String> r = Entra.signIn(SIM, tenant, Entra.authorizeParams(pkce, SCOPE), ALICE_UPN, PASSWORD,
                Entra.totpNow());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return Entra.query(r.headers().firstValue("Location").orElseThrow()).get("code");
    }

    private static Map<String, String> redeemForm(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", CLIENT_ID);
        form.put("code", code);
        form.put("redirect_uri", Entra.REDIRECT);
        form.put("code_verifier", verifier);
        form.put("scope", SCOPE);
        return form;
    }

    private static HttpResponse<String> redeem(String code, String verifier) {
        return SIM.post("/organizations/oauth2/v2.0/token", redeemForm(code, verifier));
    }
}
