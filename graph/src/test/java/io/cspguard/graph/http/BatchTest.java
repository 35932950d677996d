package io.cspguard.graph.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.world.SimTenant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void packsTwentyRequestsPerBatchAndWritesEachAnswer() throws Exception {
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE)) {
            SimTenant t = PagerTest.biggest(sim);
            List<ObjectNode> all = t.collections().get("groups.json");
            List<ObjectNode> groups = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                groups.add(all.get(i % all.size())); // the same group may be read twice: distinct requests still
            }
            List<Batch.Item> items = new ArrayList<>();
            List<TempFileOutput> outs = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                String id = groups.get(i).path("id").asText();
                TempFileOutput out = new TempFileOutput(tmp.resolve(i + ".json"));
                outs.add(out);
                items.add(new Batch.Item(Integer.toString(i), "/groups/" + id + "/transitiveMembers?$top=999", out,
                        null, false));
            }
            Map<String, PageResult> results = new Batch(sim.http, new Pager(sim.http), sim.v1())
                    .run(t.tenantId(), items);

            assertThat(results.values()).allMatch(PageResult::complete);
            assertThat(sim.http.stats().batchEnvelopes()).isEqualTo(3);
            assertThat(sim.http.stats().batchedRequests()).isEqualTo(45);
            assertThat(sim.http.stats().graphRequests()).isZero();
            for (int i = 0; i < groups.size(); i++) {
                String id = groups.get(i).path("id").asText();
                JsonNode file = JSON.readTree(outs.get(i).path.toFile());
                int expected = t.collections().getOrDefault("groupMembers/" + id + ".json", List.of()).size();
                assertThat(file.path("value")).as(id).hasSize(expected);
            }
        }
    }

    @Test
    void innerThrottledRequestsWaitTheirRetryAfterAndJoinALaterBatch() throws Exception {
        // the client's own throttle off: the simulator's budget (5 reports per 10 s per tenant) answers 429 inside
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE, ClientThrottle.Limits.off())) {
            SimTenant t = PagerTest.biggest(sim);
            List<Batch.Item> items = new ArrayList<>();
            for (ObjectNode u : t.collections().get("users.json").subList(0, 12)) {
                String id = u.path("id").asText();
                items.add(new Batch.Item(id, "/users/" + id + "/authentication/methods",
                        new TempFileOutput(tmp.resolve(id + ".json")), null, false));
            }
            long start = System.nanoTime();
            Map<String, PageResult> results = new Batch(sim.http, new Pager(sim.http), sim.v1())
                    .run(t.tenantId(), items);

            assertThat(results.values()).allMatch(PageResult::complete);
            HttpStats s = sim.http.stats();
            assertThat(s.throttled()).isGreaterThanOrEqualTo(7);
            assertThat(s.batchEnvelopes()).isGreaterThanOrEqualTo(3);
            assertThat(s.batchedRequests()).isEqualTo(12 + s.throttled());
            assertThat(System.nanoTime() - start).as("Retry-After (1 s) honoured").isGreaterThan(1_000_000_000L);
        }
    }

    @Test
    void withTheClientsThrottleTheSameRequestsMeetNo429() throws Exception {
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE)) {
            SimTenant t = PagerTest.biggest(sim);
            List<Batch.Item> items = new ArrayList<>();
            for (ObjectNode u : t.collections().get("users.json").subList(0, 12)) {
                String id = u.path("id").asText();
                items.add(new Batch.Item(id, "/users/" + id + "/authentication/methods",
                        new TempFileOutput(tmp.resolve(id + ".json")), null, false));
            }
            Map<String, PageResult> results = new Batch(sim.http, new Pager(sim.http), sim.v1())
                    .run(t.tenantId(), items);
            assertThat(results.values()).allMatch(PageResult::complete);
            assertThat(sim.http.stats().throttled()).isZero();
            assertThat(sim.http.stats().batchedRequests()).isEqualTo(12);
        }
    }

    @Test
    void aMissingObjectIsAbsentWhenTheReadWasSpeculativeAndAFailureOtherwise() throws Exception {
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE)) {
            String tenant = sim.world.partnerTenantId();
            String nobody = "00000000-0000-0000-0000-00000000dead";
            List<Batch.Item> items = List.of(
                    new Batch.Item("a", "/groups/" + nobody + "/transitiveMembers",
                            new TempFileOutput(tmp.resolve("a")), null, true),
                    new Batch.Item("b", "/groups/" + nobody + "/transitiveMembers?$top=5",
                            new TempFileOutput(tmp.resolve("b")), null, false));
            Map<String, PageResult> r = new Batch(sim.http, new Pager(sim.http), sim.v1()).run(tenant, items);
            assertThat(r.get("a").notFound()).isTrue();
            assertThat(r.get("b").notFound()).isFalse();
            assertThat(r.get("b").complete()).isFalse();
            assertThat(r.get("b").status()).isEqualTo(404);
            assertThat(r.get("b").code()).isNotBlank();
        }
    }
}
