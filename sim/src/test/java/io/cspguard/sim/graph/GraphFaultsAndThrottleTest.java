package io.cspguard.sim.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.throttle.Admission;
import io.cspguard.sim.throttle.Category;
import io.cspguard.sim.throttle.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each Fault kind applied through the request path (a scripted injector), and throttle refusals → 429. */
class GraphFaultsAndThrottleTest {
    /** path → the fault for attempt 0; later attempts are clean unless the path is marked permanent. */
    static final Map<String, Fault> script = new ConcurrentHashMap<>();
    static final Map<String, Boolean> permanent = new ConcurrentHashMap<>();
    static final List<String> decided = Collections.synchronizedList(new ArrayList<>());
    static final Map<Category, Admission> refusals = new ConcurrentHashMap<>();
    static SimFixture sim;

    @BeforeAll
    static void start() {
        FaultInjector faults = (tenant, method, path, attempt) -> {
            decided.add(method + " " + path + " #" + attempt);
            Fault f = script.get(path);
            return f != null && (attempt == 0 || permanent.containsKey(path)) ? f : Fault.NONE;
        };
        Throttle throttle = (tenant, app, category, units) -> refusals.getOrDefault(category, Admission.ADMITTED);
        sim = new SimFixture(throttle, faults);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        script.clear();
        permanent.clear();
        refusals.clear();
        decided.clear();
    }

    @Test
    void statusFaultAnswersGraphsErrorWithRetryAfterAndClearsOnRetry() throws Exception {
        script.put("/organization", new Fault(Fault.Kind.STATUS, 503, Duration.ofSeconds(7), null, null));
        SimFixture.Res r = sim.get("app-p", "/v1.0/organization?x=1");
        GraphErrorsTest.assertGraphError(r, 503, "serviceNotAvailable");
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(sim.get("app-p", "/v1.0/organization?x=1").status()).isEqualTo(200);
        assertThat(decided).containsExactly("GET /organization #0", "GET /organization #1");
        // A different query is a different request: attempt 0 again.
        assertThat(sim.get("app-p", "/v1.0/organization?x=2").status()).isEqualTo(503);
    }

    @Test
    void statusFaultWithItsOwnCode() throws Exception {
        script.put("/devices", new Fault(Fault.Kind.STATUS, 403, null, null, "Authorization_RequestDenied"));
        permanent.put("/devices", true);
        for (int i = 0; i < 3; i++) {
            GraphErrorsTest.assertGraphError(sim.get("app-p", "/v1.0/devices"), 403, "Authorization_RequestDenied");
        }
    }

    @Test
    void delayWaitsThenServes() throws Exception {
        script.put("/subscribedSkus", new Fault(Fault.Kind.DELAY, 0, null, Duration.ofMillis(400), null));
        long t0 = System.nanoTime();
        SimFixture.Res r = sim.get("app-p", "/v1.0/subscribedSkus");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).isEqualTo(200);
        assertThat(ms).isGreaterThanOrEqualTo(400);
    }

    @Test
    void dropClosesTheConnectionWithoutAResponse() throws Exception {
        script.put("/groups", new Fault(Fault.Kind.DROP, 0, null, null, null));
        assertThat(sim.raw("GET", "/v1.0/groups", "app-p", null)).isEmpty();
        // The retry is served, and the server is fine.
        assertThat(sim.raw("GET", "/v1.0/groups", "app-p", null)).startsWith("HTTP/1.1 200");
        assertThat(sim.get("app-p", "/v1.0/groups").status()).isEqualTo(200);
    }

    @Test
    void dropInsideABatchDropsTheBatch() throws Exception {
        script.put("/groups", new Fault(Fault.Kind.DROP, 0, null, null, null));
        assertThat(sim.raw("POST", "/v1.0/$batch", "app-p",
                "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/groups?in=batch\"}]}")).isEmpty();
    }

    @Test
    void tokenExpiredIs401AndTheRetryWithANewTokenWorks() throws Exception {
        script.put("/users", new Fault(Fault.Kind.TOKEN_EXPIRED, 0, null, null, null));
        SimFixture.Res r = sim.get("app-c1", "/v1.0/users");
        GraphErrorsTest.assertGraphError(r, 401, "InvalidAuthenticationToken");
        assertThat(r.json().get("error").get("message").asText())
                .isEqualTo("Lifetime validation failed, the token is expired.");
        assertThat(sim.get("app-c1", "/v1.0/users").status()).isEqualTo(200);
    }

    @Test
    void truncatedPageKeepsANextLinkThatFailsForEver() throws Exception {
        script.put("/users", new Fault(Fault.Kind.TRUNCATE, 0, null, null, null));
        SimFixture.Res r = sim.get("app-c1", "/v1.0/users?$select=id&$top=100");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("value")).hasSize(50);
        String next = r.json().get("@odata.nextLink").asText();
        for (int i = 0; i < 3; i++) {
            GraphErrorsTest.assertGraphError(sim.get("app-c1", next), 400, "Directory_ExpiredPageToken");
        }
        // Even the last page is cut and gets a nextLink: the client cannot mistake it for the end.
        script.put("/organization", new Fault(Fault.Kind.TRUNCATE, 0, null, null, null));
        assertThat(sim.get("app-p", "/v1.0/organization").json().has("@odata.nextLink")).isTrue();
    }

    @Test
    void truncatedSingleObjectIsNotJson() throws Exception {
        script.put("/policies/identitySecurityDefaultsEnforcementPolicy",
                new Fault(Fault.Kind.TRUNCATE, 0, null, null, null));
        SimFixture.Res r = sim.get("app-p", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isNull();
    }

    @Test
    void throttleRefusalIs429WithRetryAfterAndThrottleHeaders() throws Exception {
        refusals.put(Category.DIRECTORY, new Admission(false, Duration.ofMillis(1200),
                "Tenant_Application/ReadWrite/app/tenant", "ResourceUnitLimitExceeded"));
        SimFixture.Res r = sim.get("app-p", "/v1.0/users");
        GraphErrorsTest.assertGraphError(r, 429, "TooManyRequests");
        assertThat(r.header("Retry-After")).isEqualTo("2");
        assertThat(r.header("x-ms-throttle-scope")).isEqualTo("Tenant_Application/ReadWrite/app/tenant");
        assertThat(r.header("x-ms-throttle-information")).isEqualTo("ResourceUnitLimitExceeded");
        assertThat(r.header("x-ms-resource-unit")).isNull();
    }

    @Test
    void conditionalAccessRefusalHasNoRetryAfter() throws Exception {
        refusals.put(Category.CONDITIONAL_ACCESS, new Admission(false, null, "Tenant/ConditionalAccess/x",
                "RequestLimitExceeded"));
        SimFixture.Res r = sim.get("app-c2", "/v1.0/identity/conditionalAccess/policies");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isNull();
        JsonNode ok = sim.get("app-c2", "/v1.0/users").json();
        assertThat(ok.get("value")).hasSize(1);
    }
}
