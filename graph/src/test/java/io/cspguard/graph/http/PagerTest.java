package io.cspguard.graph.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.faults.BrokenRead;
import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.world.SimTenant;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagerTest {
    static final GeneratorOptions WORLD = GeneratorOptions.of(11, 5);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void followsNextLinksToTheEndAndMergesEveryPageIntoOneValueArray() throws Exception {
        try (SimHarness sim = new SimHarness(WORLD, Scenario.NONE)) {
            SimTenant big = biggest(sim);
            List<ObjectNode> users = big.collections().get("users.json");
            TempFileOutput out = new TempFileOutput(tmp.resolve("users.json"));
            List<String> seen = new ArrayList<>();
            PageResult r = new Pager(sim.http).collection(big.tenantId(), sim.v1() + "/users?$select=id&$top=7", out,
                    item -> seen.add(item.path("id").asText()));

            assertThat(r.complete()).isTrue();
            assertThat(r.items()).isEqualTo(users.size());
            assertThat(r.pages()).isEqualTo((users.size() + 6) / 7);
            assertThat(sim.http.stats().graphRequests()).isEqualTo(r.pages());
            JsonNode file = JSON.readTree(out.path.toFile());
            assertThat(file.has("@odata.nextLink")).isFalse();
            assertThat(file.path("@odata.context").asText()).contains("$metadata#users");
            assertThat(file.path("value")).hasSize(users.size());
            List<String> ids = users.stream().map(u -> u.path("id").asText()).toList();
            List<String> written = new ArrayList<>();
            file.path("value").forEach(u -> written.add(u.path("id").asText()));
            assertThat(written).isEqualTo(ids);
            assertThat(seen).isEqualTo(ids);
            assertThat(out.opened).isEqualTo(1);
            assertThat(out.committed).isTrue();
        }
    }

    @Test
    void aPageThatFailsForGoodAfterEarlierPagesDiscardsTheFileAndReportsTheFailure() throws Exception {
        try (SimHarness sim = new SimHarness(WORLD, Scenario.BROKEN)) {
            BrokenRead cut = sim.server.faults().broken().stream().filter(b -> b.kind() == Fault.Kind.TRUNCATE)
                    .findFirst().orElseThrow();
            String url = sim.server.baseUrl() + (cut.path().equalsIgnoreCase("/auditLogs/signIns") ? "/beta" : "/v1.0")
                    + cut.path() + "?$top=50";
            TempFileOutput out = new TempFileOutput(tmp.resolve("cut.json"));
            PageResult r = new Pager(sim.http).collection(cut.tenantId(), url, out, null);

            assertThat(r.complete()).isFalse();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("Directory_ExpiredPageToken");
            assertThat(r.items()).isPositive(); // the pages before were merged, and are thrown away with the file
            assertThat(out.discarded).isTrue();
            assertThat(Files.exists(out.path)).isFalse();
        }
    }

    @Test
    void aFirstPageThatFailsWritesNothing() throws Exception {
        try (SimHarness sim = new SimHarness(WORLD, Scenario.NONE)) {
            TempFileOutput out = new TempFileOutput(tmp.resolve("x.json"));
            PageResult r = new Pager(sim.http).collection(sim.world.partnerTenantId(), sim.v1() + "/noSuchThing", out,
                    null);
            assertThat(r.complete()).isFalse();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isNotBlank();
            assertThat(out.opened).isZero();
            assertThat(Files.exists(out.path)).isFalse();
        }
    }

    @Test
    void partnerCenterPagesFollowTheContinuationToken() throws Exception {
        try (SimHarness sim = new SimHarness(GeneratorOptions.of(11, 7), Scenario.NONE)) {
            TempFileOutput out = new TempFileOutput(tmp.resolve("customers.json"));
            PageResult r = new Pager(sim.http).partnerCenter(sim.world.partnerTenantId(), sim.server.baseUrl() + "/v1",
                    sim.server.baseUrl() + "/v1/customers?size=3", out, null);
            assertThat(r.complete()).isTrue();
            assertThat(r.pages()).isEqualTo(3);
            JsonNode file = JSON.readTree(out.path.toFile());
            assertThat(file.path("items")).hasSize(7);
            assertThat(file.path("totalCount").asInt()).isEqualTo(7);
            assertThat(file.path("links").has("next")).isFalse();
            assertThat(file.path("attributes").path("objectType").asText()).isEqualTo("Collection");
        }
    }

    @Test
    void aNextLinkToAnotherOriginIsNeverFollowed() {
        URI origin = URI.create("https://graph.microsoft.com/v1.0/users");
        assertThat(Pager.sameOrigin(origin, "https://graph.microsoft.com/v1.0/users?$skiptoken=x")).isTrue();
        assertThat(Pager.sameOrigin(origin, "https://graph.microsoft.com:443/v1.0/users")).isTrue();
        assertThat(Pager.sameOrigin(origin, "https://evil.example/v1.0/users")).isFalse();
        assertThat(Pager.sameOrigin(origin, "http://graph.microsoft.com/v1.0/users")).isFalse();
        assertThat(Pager.sameOrigin(origin, "https://graph.microsoft.com:8443/v1.0/users")).isFalse();
    }

    static SimTenant biggest(SimHarness sim) {
        return sim.world.tenants().stream()
                .max(Comparator.comparingInt(t -> t.collections().get("users.json").size())).orElseThrow();
    }
}
