package io.cspguard.sim.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.throttle.Admission;
import io.cspguard.sim.throttle.Category;
import io.cspguard.sim.throttle.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** $batch: shapes and limits, dependsOn → 424, an inner 429 inside an outer 200, inner writes. */
class GraphBatchTest {
    static SimFixture sim;
    static final List<String> admitted = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        // Refuses reports (sign-ins, audits) for C2: an inner 429 with Retry-After.
        Throttle throttle = (tenant, app, category, units) -> {
            admitted.add(tenant + " " + category + " " + units);
            return tenant.equals(SimFixture.C2) && category == Category.REPORTS
                    ? new Admission(false, Duration.ofMillis(2500), "Tenant_Application/Read/x/" + tenant,
                    "RequestLimitExceeded") : Admission.ADMITTED;
        };
        sim = new SimFixture(throttle, FaultInjector.NONE);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String request(String id, String url) {
        return "{\"id\":\"" + id + "\",\"method\":\"GET\",\"url\":\"" + url + "\"}";
    }

    static SimFixture.Res batch(String token, String... requests) throws Exception {
        return sim.send("POST", token, "/v1.0/$batch", "{\"requests\":[" + String.join(",", requests) + "]}");
    }

    @Test
    void answersEachRequestInRequestOrderWithItsStatusHeadersAndBody() throws Exception {
        SimFixture.Res r = batch("app-p", request("a", "/users?$select=id&$top=2"),
                request("b", "groups/" + SimFixture.ADMIN_AGENTS), request("c", "/groups/nope"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode res = r.json().get("responses");
        assertThat(res).extracting(n -> n.get("id").asText()).containsExactly("a", "b", "c");
        assertThat(res.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(res.get(0).get("body").get("value")).hasSize(2);
        assertThat(res.get(0).get("body").get("@odata.nextLink").asText()).startsWith(sim.base() + "/v1.0/users?");
        assertThat(res.get(0).get("headers").get("Content-Type").asText()).startsWith("application/json");
        assertThat(res.get(1).get("body").get("displayName").asText()).isEqualTo("AdminAgents");
        assertThat(res.get(2).get("status").asInt()).isEqualTo(404);
        assertThat(res.get(2).get("body").get("error").get("code").asText()).isEqualTo("Request_ResourceNotFound");
    }

    @Test
    void moreThanTwentyRequestsOrDuplicateIdsAreRefusedWhole() throws Exception {
        List<String> reqs = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            reqs.add(request(Integer.toString(i), "/organization"));
        }
        SimFixture.Res tooMany = batch("app-p", reqs.toArray(String[]::new));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("error").get("code").asText()).isEqualTo("BadRequest");
        assertThat(batch("app-p", reqs.subList(0, 20).toArray(String[]::new)).status()).isEqualTo(200);
        assertThat(batch("app-p", request("1", "/organization"), request("1", "/users")).status()).isEqualTo(400);
        assertThat(sim.send("POST", "app-p", "/v1.0/$batch", "not json").status()).isEqualTo(400);
        assertThat(batch("app-p", "{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users\",\"dependsOn\":[\"9\"]}")
                .status()).isEqualTo(400);
        assertThat(batch(null, request("1", "/users")).status()).isEqualTo(401);
    }

    @Test
    void aFailedDependencyGives424() throws Exception {
        SimFixture.Res r = batch("app-p", request("1", "/groups/missing"),
                "{\"id\":\"2\",\"method\":\"GET\",\"url\":\"/users\",\"dependsOn\":[\"1\"]}",
                "{\"id\":\"3\",\"method\":\"GET\",\"url\":\"/organization\"}",
                "{\"id\":\"4\",\"method\":\"GET\",\"url\":\"/subscribedSkus\",\"dependsOn\":[\"3\"]}");
        JsonNode res = r.json().get("responses");
        assertThat(res.get(0).get("status").asInt()).isEqualTo(404);
        assertThat(res.get(1).get("status").asInt()).isEqualTo(424);
        assertThat(res.get(2).get("status").asInt()).isEqualTo(200);
        assertThat(res.get(3).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void eachInnerRequestIsThrottledOnItsOwn() throws Exception {
        admitted.clear();
        SimFixture.Res r = batch("app-c2", request("1", "/users"), request("2", "/auditLogs/signIns"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode res = r.json().get("responses");
        assertThat(res.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(res.get(1).get("status").asInt()).isEqualTo(429);
        assertThat(res.get(1).get("headers").get("Retry-After").asText()).isEqualTo("3");
        assertThat(res.get(1).get("headers").get("x-ms-throttle-information").asText())
                .isEqualTo("RequestLimitExceeded");
        assertThat(res.get(1).get("body").get("error").get("code").asText()).isEqualTo("TooManyRequests");
        // The envelope itself is not throttled: one admission per inner request.
        assertThat(admitted).containsExactly(SimFixture.C2 + " DIRECTORY 2", SimFixture.C2 + " REPORTS 1");
    }

    @Test
    void innerUrlsMustBeRelativeAndWritesWork() throws Exception {
        SimFixture.Res r = batch("app-p", request("1", "https://graph.microsoft.com/v1.0/users"),
                request("2", "/v1.0/users"),
                "{\"id\":\"3\",\"method\":\"POST\",\"url\":\"/identityProtection/riskyUsers/dismiss\","
                        + "\"headers\":{\"Content-Type\":\"application/json\"},\"body\":{\"userIds\":[\""
                        + SimFixture.BOB + "\"]}}",
                "{\"id\":\"4\",\"method\":\"GET\",\"url\":\"/identityProtection/riskyUsers\",\"dependsOn\":[\"3\"]}");
        JsonNode res = r.json().get("responses");
        assertThat(res.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(res.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(res.get(2).get("status").asInt()).isEqualTo(204);
        assertThat(res.get(2).has("body")).isFalse();
        assertThat(res.get(3).get("body").get("value").get(0).get("riskState").asText()).isEqualTo("dismissed");
        // A body needs a Content-Type.
        assertThat(batch("app-p", "{\"id\":\"1\",\"method\":\"POST\",\"url\":\"/x\",\"body\":{}}").status())
                .isEqualTo(400);
    }
}
