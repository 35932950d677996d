package io.cspguard.graph.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.graph.auth.Connect;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.auth.DelegatedTokenSource;
import io.cspguard.graph.auth.ProfileLoader;
import io.cspguard.graph.auth.RefreshTokenStore;
import io.cspguard.graph.auth.Trust;
import io.cspguard.graph.http.GraphHttp;
import io.cspguard.graph.http.SimHarness;
import io.cspguard.result.ControlResult;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.identity.Totp;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.TenantRole;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Secure Application Model end to end: a GDAP-Helpdesk agent signs in once (device code, the test playing the
 * person at the browser), its refresh token buys a delegated token per tenant, and the world is collected over HTTPS.
 * Every tenant where the agent holds a role — the partner (Global Reader) and each customer whose active GDAP
 * relationship gives the agent's groups roles — assesses exactly like the {@code world/} snapshot; every other
 * customer is reported as failed with Entra's AADSTS50020, never silently missing and never in the snapshot.
 */
class DelegatedEndToEndTest {
    /** Five customers, one of whose GDAP relationships is terminated (seed 11, the app-mode world, has none). */
    static final GeneratorOptions FIVE = GeneratorOptions.of(16, 5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aDelegatedCollectionAssessesExactlyLikeItsWorldSnapshotWithinTheAgentsGdapRoles() throws Exception {
        try (SimHarness sim = new SimHarness(FIVE, Scenario.NONE)) {
            World world = sim.world;
            SimUser agent = helpdeskAgent(world);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Map<String, String> env = Map.of(RefreshTokenStore.KEY_VARIABLE, Base64.getEncoder().encodeToString(key));
            ConnectionProfile profile = profile(sim, tmp.resolve("connection"));

            Connect.Connected connected = connect(profile, agent, env::get);
            assertThat(connected.tenantId()).isEqualTo(world.partnerTenantId());
            assertThat(connected.username()).isEqualTo(agent.userPrincipalName());

            Set<String> withRoles = gdapCustomers(world, agent);
            Set<String> withoutRoles = new TreeSet<>();
            for (SimTenant t : world.tenants()) {
                String id = t.tenantId().toLowerCase(Locale.ROOT);
                if (t.role() == TenantRole.CUSTOMER && !withRoles.contains(id)) {
                    withoutRoles.add(id);
                }
            }
            assertThat(withRoles).as("customers where the agent holds GDAP roles").isNotEmpty();
            assertThat(withoutRoles).as("customers without an active relationship for the agent").isNotEmpty();

            Path out = tmp.resolve("out");
            DelegatedTokenSource tokens = new DelegatedTokenSource(profile, env::get);
            CollectionResult result;
            try (GraphHttp http = new GraphHttp(tokens, GraphHttp.Options.defaults(Trust.sslContext(profile))
                    .withLimits(io.cspguard.graph.http.ClientThrottle.Limits.scaled(SimHarness.TIME_SCALE))
                    .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
                Config config = ConfigLoader.parse(world.configYaml(), Path.of("cspguard.yaml"));
                CollectSettings settings = new CollectSettings(world.partnerTenantId(), profile.graph(),
                        profile.partnerCenter(), 8, Set.copyOf(config.privilegedRoles()));
                result = Collector.collect(settings, tokens, http, out, Set.of(),
                        config.thresholds().signInWindowDays(), Progress.NONE);
            }
            String described = EndToEndTest.describe(result);

            // every tenant is accounted for: complete where the agent holds a role, failed with AADSTS50020 elsewhere
            Map<String, TenantOutcome> outcomes = new TreeMap<>();
            result.tenants().forEach(t -> outcomes.put(t.tenantId().toLowerCase(Locale.ROOT), t));
            Set<String> everyTenant = world.tenants().stream().map(t -> t.tenantId().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(outcomes.keySet()).as(described).isEqualTo(everyTenant);
            Set<String> collected = new TreeSet<>(withRoles);
            collected.add(world.partnerTenantId().toLowerCase(Locale.ROOT));
            for (String id : collected) {
                assertThat(outcomes.get(id).status()).as("%s\n%s", id, described)
                        .isEqualTo(TenantOutcome.Status.COMPLETE);
            }
            for (String id : withoutRoles) {
                TenantOutcome o = outcomes.get(id);
                assertThat(o.status()).as("%s\n%s", id, described).isEqualTo(TenantOutcome.Status.FAILED);
                assertThat(o.reason()).as(id).contains("AADSTS50020");
                assertThat(o.files()).as(id).isZero();
                assertThat(out.resolve("tenants").resolve(o.tenantId())).as(id).doesNotExist();
            }
            assertThat(result.exitCode()).as(described).isEqualTo(1);

            // collection.json names the failed customers with their reason
            JsonNode failed = JSON.readTree(out.resolve("collection.json").toFile()).path("failedTenants");
            Set<String> failedIds = new TreeSet<>();
            failed.fieldNames().forEachRemaining(f -> failedIds.add(f.toLowerCase(Locale.ROOT)));
            assertThat(failedIds).isEqualTo(withoutRoles);
            failed.forEach(reason -> assertThat(reason.asText()).contains("AADSTS50020"));

            assertSameResultsFor(world, out, tmp.resolve("world"), collected);
        }
    }

    /** {@link EndToEndTest#assertSameResults}, restricted to {@code tenants}: the collected snapshot has no others. */
    static void assertSameResultsFor(World world, Path collected, Path worldDir, Set<String> tenants)
            throws Exception {
        Map<String, ControlResult> mine = EndToEndTest.results(EndToEndTest.assess(world, collected));
        Map<String, ControlResult> expected = new TreeMap<>(EndToEndTest.results(
                EndToEndTest.assess(world, EndToEndTest.writeWorld(world, worldDir))));
        expected.keySet().removeIf(k -> !tenants.contains(k.substring(0, k.indexOf('|'))));
        assertThat(expected).isNotEmpty();
        assertThat(mine.keySet()).isEqualTo(expected.keySet());
        List<String> differences = new ArrayList<>();
        for (var e : expected.entrySet()) {
            ControlResult m = mine.get(e.getKey());
            if (!EndToEndTest.same(e.getValue(), m)) {
                differences.add(e.getKey() + ": world " + e.getValue().status() + " " + EndToEndTest.ids(e.getValue())
                        + " (" + e.getValue().reason() + ") — collected " + m.status() + " " + EndToEndTest.ids(m)
                        + " (" + m.reason() + ")");
            }
        }
        assertThat(differences).isEmpty();
    }

    /**
     * The sign-in user who collects: a GDAP-Helpdesk agent (roles in every active relationship, Global Reader in the
     * partner) who is also in HelpdeskAgents, so Partner Center lets it read the customers.
     */
    static SimUser helpdeskAgent(World world) {
        SimTenant partner = world.partner();
        for (SimUser u : world.signInUsers()) {
            boolean helpdeskAgents = partner.existingCollection("groups.json").orElse(List.of()).stream()
                    .filter(g -> "HelpdeskAgents".equals(g.path("displayName").asText()))
                    .anyMatch(g -> member(partner, g.path("id").asText(), u.userId()));
            if (helpdeskAgents && !gdapCustomers(world, u).isEmpty()) {
                return u;
            }
        }
        throw new AssertionError("the world has no GDAP-Helpdesk agent who can sign in");
    }

    /**
     * The customers (lower case) where {@code user} holds a GDAP role, read from the partner's data as Graph serves it
     * (active relationship → active access assignment → the user in its group → its roles), independently of the
     * simulator's identity code.
     */
    static Set<String> gdapCustomers(World world, SimUser user) {
        SimTenant partner = world.partner();
        Set<String> out = new TreeSet<>();
        for (ObjectNode rel : partner.existingCollection("delegatedAdminRelationships.json").orElse(List.of())) {
            if (!"active".equalsIgnoreCase(rel.path("status").asText())) {
                continue;
            }
            String file = "delegatedAdminAccessAssignments/" + rel.path("id").asText() + ".json";
            for (ObjectNode asg : partner.existingCollection(file).orElse(List.of())) {
                String group = asg.path("accessContainer").path("accessContainerId").asText();
                if ("active".equalsIgnoreCase(asg.path("status").asText()) && member(partner, group, user.userId())
                        && asg.path("accessDetails").path("unifiedRoles").size() > 0) {
                    out.add(rel.path("customer").path("tenantId").asText().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static boolean member(SimTenant tenant, String groupId, String userId) {
        return tenant.existingCollection("groupMembers/" + groupId + ".json").orElse(List.of()).stream()
                .anyMatch(m -> userId.equalsIgnoreCase(m.path("id").asText()));
    }

    /** A delegated profile for the simulator: its URLs and CA, a public client, the refresh token in {@code dir}. */
    private static ConnectionProfile profile(SimHarness sim, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path ca = sim.server.certificates().writeCaPem(dir.resolve("ca.pem"));
        ObjectNode p = JSON.createObjectNode();
        p.put("mode", "delegated");
        p.put("partnerTenantId", sim.world.partnerTenantId());
        p.put("clientId", sim.world.app().clientId());
        p.put("authority", sim.server.baseUrl());
        p.put("graph", sim.server.baseUrl());
        p.put("partnerCenter", sim.server.baseUrl());
        p.put("caCert", ca.toString());
        p.put("refreshToken", "tokens/partner.rt");
        Path file = dir.resolve("delegated.json");
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(p));
        return ProfileLoader.load(file);
    }

    /** {@code cspguard connect}: the device-code flow, completing the sign-in page as the person would. */
    private static Connect.Connected connect(ConnectionProfile profile, SimUser user, Function<String, String> env)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(Trust.sslContext(profile)).build();
        return Connect.deviceCode(profile, env, prompt -> {
            io.cspguard.graph.auth.DeviceLogin.complete(http, prompt, user);
        });
    }
}
