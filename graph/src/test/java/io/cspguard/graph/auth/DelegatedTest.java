package io.cspguard.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.sim.identity.Totp;
import io.cspguard.sim.world.SimUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Secure Application Model against the simulator: a partner user signs in once with the device-code flow (the
 * test plays the person at the browser: password and authenticator code), the refresh token is stored encrypted, and
 * it buys delegated tokens for the partner and for each customer within the user's GDAP roles.
 */
class DelegatedTest {
    private static final Sim SIM = Sim.get();

    @TempDir
    Path dir;

    /** The GDAP-Helpdesk agent (the generator's second sign-in user): roles in every active relationship. */
    private static SimUser agent() {
        return SIM.world.signInUsers().get(1);
    }

    private ConnectionProfile profile(String clientSecret) throws Exception {
        Map<String, String> keys = new HashMap<>();
        keys.put("mode", "delegated");
        keys.put("refreshToken", "tokens/partner.rt");
        keys.put("clientSecret", clientSecret);
        return Sim.load(dir, "delegated.json", SIM.profile(keys));
    }

    /** Runs {@code cspguard connect} for {@code user}, completing the sign-in page as the person would. */
    private Connect.Connected connect(ConnectionProfile profile, SimUser user, Map<String, String> env)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(Trust.sslContext(profile)).build();
        AtomicReference<Connect.DevicePrompt> shown = new AtomicReference<>();
        Connect.Connected c = Connect.deviceCode(profile, env::get, prompt -> {
            shown.set(prompt);
            DeviceLogin.complete(http, prompt, user);
        });
        assertThat(shown.get().message()).contains(shown.get().userCode()).contains("/devicelogin");
        assertThat(shown.get().verificationUri()).startsWith(SIM.server.baseUrl());
        return c;
    }

    @Test
    void connectThenDelegatedTokensWithinGdap() throws Exception {
        ConnectionProfile profile = profile(null); // a public client: no app credential
        Map<String, String> env = Map.of();
        SimUser user = agent();
        List<String> withRoles = new ArrayList<>();
        List<String> withoutRoles = new ArrayList<>();
        Set<String> gdap = SIM.gdapCustomers(user);
        for (String c : SIM.customers()) {
            (gdap.contains(c) ? withRoles : withoutRoles).add(c);
        }
        withoutRoles.add(Sim.UNCONSENTED);
        assertThat(withRoles).as("the world gives the agent GDAP roles in some customers").isNotEmpty();

        List<String> seen = new ArrayList<>();
        AtomicReference<String> refreshToken = new AtomicReference<>();
        String log = Secrecy.capture(() -> {
            Connect.Connected connected = connect(profile, user, env);
            assertThat(connected.username()).isEqualTo(user.userPrincipalName());
            assertThat(connected.tenantId()).isEqualTo(SIM.partner());
            Path file = dir.resolve("tokens/partner.rt");
            assertThat(connected.tokenFile()).isEqualTo(file);

            // stored encrypted, owner-only, the key beside it owner-only too
            RefreshTokenStore store = new RefreshTokenStore(file, env::get);
            refreshToken.set(store.load());
            assertThat(refreshToken.get()).isNotBlank();
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                    .doesNotContain(refreshToken.get());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile())))
                    .isEqualTo("rw-------");

            DelegatedTokenSource source = (DelegatedTokenSource) TokenSources.open(profile, env::get);
            // the partner's own tenant
            String partnerToken = source.token(SIM.partner(), Resource.GRAPH);
            JsonNode partner = Sim.claims(partnerToken);
            assertThat(partner.path("tid").asText()).isEqualTo(SIM.partner());
            assertThat(partner.path("oid").asText()).isEqualTo(user.userId());
            assertThat(partner.path("scp").asText()).isNotBlank();
            assertThat(source.token(SIM.partner(), Resource.GRAPH)).as("cached").isEqualTo(partnerToken);
            assertThat(Sim.claims(source.token(SIM.partner(), Resource.PARTNER_CENTER)).path("aud").asText())
                    .isEqualTo("https://api.partnercenter.microsoft.com");
            seen.add(partnerToken);

            // customers where the user holds GDAP roles
            for (String customer : withRoles) {
                String token = source.token(customer, Resource.GRAPH);
                JsonNode claims = Sim.claims(token);
                assertThat(claims.path("tid").asText()).isEqualTo(customer);
                assertThat(claims.path("oid").asText()).isEqualTo(user.userId());
                assertThat(claims.path("wids").size()).as("GDAP roles in %s", customer).isPositive();
                seen.add(token);
            }
            // and where not: Entra's AADSTS50020
            for (String customer : withoutRoles) {
                assertThatThrownBy(() -> source.token(customer, Resource.GRAPH)).as(customer)
                        .isInstanceOf(AuthException.class)
                        .satisfies(e -> {
                            AuthException a = (AuthException) e;
                            assertThat(a.aadsts()).isEqualTo(50020);
                            assertThat(a.code()).isEqualTo("invalid_grant");
                            assertThat(a.isTransient()).isFalse();
                            assertThat(a.getMessage()).contains(customer);
                            String all = Secrecy.everything(a);
                            for (String secret : secrets(refreshToken.get(), seen)) {
                                assertThat(all).doesNotContain(secret);
                            }
                        });
            }

            // invalidate: a new token for that tenant
            source.invalidate(SIM.partner(), Resource.GRAPH);
            String renewed = source.token(SIM.partner(), Resource.GRAPH);
            assertThat(renewed).isNotEqualTo(partnerToken);
            seen.add(renewed);

            // Entra rotated the refresh token: the newest is stored (still encrypted) and works for the next run
            String stored = store.load();
            assertThat(stored).isNotEqualTo(refreshToken.get());
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(stored);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(source.redactor().redact("rt " + stored + " old " + refreshToken.get()))
                    .isEqualTo("rt [redacted] old [redacted]");
            DelegatedTokenSource nextRun = new DelegatedTokenSource(profile, env::get);
            assertThat(Sim.claims(nextRun.token(withRoles.get(0), Resource.GRAPH)).path("tid").asText())
                    .isEqualTo(withRoles.get(0));
            refreshToken.set(stored);
        });
        for (String secret : secrets(refreshToken.get(), seen)) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void aConfidentialClientBuysTheTokensWhenTheProfileHasACredential() throws Exception {
        ConnectionProfile profile = profile("env:SIM_SECRET");
        Map<String, String> env = Map.of("SIM_SECRET", SIM.world.app().clientSecret());
        SimUser user = agent();
        connect(profile, user, env);
        DelegatedTokenSource source = new DelegatedTokenSource(profile, env::get);
        String customer = SIM.gdapCustomers(user).iterator().next();
        JsonNode claims = Sim.claims(source.token(customer, Resource.GRAPH));
        assertThat(claims.path("tid").asText()).isEqualTo(customer);
        assertThat(claims.path("appidacr").asText()).as("client secret authentication").isEqualTo("1");
    }

    @Test
    void theKeyMayComeFromTheEnvironmentAndTheSourceNeedsAStoredToken() throws Exception {
        ConnectionProfile profile = profile(null);
        assertThatThrownBy(() -> new DelegatedTokenSource(profile, Map.<String, String>of()::get))
                .isInstanceOf(ProfileException.class).hasMessageContaining("cspguard connect")
                .satisfies(e -> assertThat(((ProfileException) e).key()).isEqualTo("refreshToken"));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(RefreshTokenStore.KEY_VARIABLE,
                java.util.Base64.getEncoder().encodeToString(key));
        connect(profile, agent(), env);
        assertThat(dir.resolve("tokens/partner.rt.key")).doesNotExist();
        DelegatedTokenSource source = new DelegatedTokenSource(profile, env::get);
        assertThat(Sim.claims(source.token(SIM.partner(), Resource.GRAPH)).path("tid").asText())
                .isEqualTo(SIM.partner());
        // without the key the stored token cannot be used
        assertThatThrownBy(() -> new DelegatedTokenSource(profile, Map.<String, String>of()::get))
                .isInstanceOf(ProfileException.class).hasMessageContaining("no key");
    }

    @Test
    void aDelegatedTokenNearItsExpiryIsRenewed() throws Exception {
        ConnectionProfile profile = profile(null);
        Map<String, String> env = Map.of();
        connect(profile, agent(), env);
        MutableClock clock = new MutableClock(Instant.now());
        DelegatedTokenSource source = new DelegatedTokenSource(profile,
                RefreshTokenStore.of(profile, env::get), env::get, clock);
        String first = source.token(SIM.partner(), Resource.GRAPH);
        clock.advance(java.time.Duration.ofMinutes(50));
        assertThat(source.token(SIM.partner(), Resource.GRAPH)).isEqualTo(first);
        clock.advance(java.time.Duration.ofMinutes(5));
        String second = source.token(SIM.partner(), Resource.GRAPH);
        assertThat(second).isNotEqualTo(first);
        assertThat(Sim.claims(second).path("tid").asText()).isEqualTo(SIM.partner());
    }

    @Test
    void aRefreshTokenEntraRefusesAsksToSignInAgainWithoutShowingIt() throws Exception {
        ConnectionProfile profile = profile(null);
        Map<String, String> env = Map.of();
        String bogus = "0.AXoA-not-a-token-" + Sim.randomGuid();
        RefreshTokenStore.of(profile, env::get).save(bogus);
        DelegatedTokenSource source = new DelegatedTokenSource(profile, env::get);
        String log = Secrecy.capture(() -> assertThatThrownBy(() -> source.token(SIM.partner(), Resource.GRAPH))
                .isInstanceOf(AuthException.class)
                .satisfies(e -> {
                    AuthException a = (AuthException) e;
                    assertThat(a.code()).isEqualTo("invalid_grant");
                    assertThat(a.aadsts()).isEqualTo(9002313);
                    assertThat(a.getMessage()).contains("cspguard connect");
                    assertThat(Secrecy.everything(a)).doesNotContain(bogus);
                }));
        assertThat(log).doesNotContain(bogus);
    }

    @Test
    void aWrongPasswordNeverCompletesTheSignIn() throws Exception {
        ConnectionProfile profile = profile(null);
        SimUser user = agent();
        SimUser impostor = new SimUser(user.tenantId(), user.userId(), user.userPrincipalName(), "not-the-password",
                user.totpSecret());
        // the sign-in page refuses the password; MSAL polls until the code expires, so stop after the refusal
        HttpClient http = HttpClient.newBuilder().sslContext(Trust.sslContext(profile)).build();
        AtomicReference<String> page = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Connect.deviceCode(profile, Map.<String, String>of()::get, prompt -> {
                    try {
                        String body = "user_code=" + prompt.userCode() + "&login="
                                + URLEncoder.encode(impostor.userPrincipalName(), StandardCharsets.UTF_8)
                                + "&passwd=" + impostor.password() + "&otc="
                                + Totp.code(user.totpSecret(), Instant.now());
                        page.set(http.send(HttpRequest.newBuilder(URI.create(prompt.verificationUri()))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    throw new IllegalStateException("stop polling");
                });
            } catch (Exception expected) {
                // the consumer stopped the flow
            }
        });
        t.join(30_000);
        assertThat(page.get()).contains("data-error").doesNotContain("You have signed in");
        assertThat(dir.resolve("tokens/partner.rt")).doesNotExist();
    }

    private static List<String> secrets(String refreshToken, List<String> tokens) {
        List<String> all = new ArrayList<>(tokens);
        all.add(refreshToken);
        all.add(agent().password());
        all.add(SIM.world.app().clientSecret());
        return all;
    }
}
