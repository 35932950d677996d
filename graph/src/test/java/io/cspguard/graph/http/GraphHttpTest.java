package io.cspguard.graph.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.graph.auth.Resource;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.world.SimTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class GraphHttpTest {

    @Test
    void serverErrorsDroppedConnectionsAndAnExpiredTokenAreRetriedToSuccess() throws Exception {
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.FLAKY)) {
            List<SimTenant> tenants = sim.world.tenants();
            // distinct requests: the simulator faults first attempts only, so each must be new to it
            for (int i = 1; i <= 160; i++) {
                SimTenant t = tenants.get(i % tenants.size());
                HttpResult r = sim.http.get(t.tenantId(), Resource.GRAPH, sim.v1() + "/users?$select=id&$top=" + i);
                assertThat(r.ok()).as("request %d: %s %s", i, r, r.errorMessage()).isTrue();
            }
            HttpStats s = sim.http.stats();
            assertThat(s.retries()).isPositive();
            assertThat(s.tokenRefreshes()).as("the token that expired mid-run was replaced").isPositive();
            assertThat(sim.tokens.fetched()).isGreaterThan(tenants.size());
            assertThat(s.graphRequests()).isEqualTo(160 + s.retries());
        }
    }

    @Test
    void throttledAnswersAreHonouredAndTheClientsThrottleAvoidsThem() throws Exception {
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE, ClientThrottle.Limits.off())) {
            long start = System.nanoTime();
            assertThat(concurrentReports(sim, 15)).allMatch(HttpResult::ok);
            assertThat(sim.http.stats().throttled()).isPositive();
            assertThat(System.nanoTime() - start).as("Retry-After (1 s) honoured").isGreaterThan(1_000_000_000L);
        }
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE)) {
            assertThat(concurrentReports(sim, 15)).allMatch(HttpResult::ok);
            assertThat(sim.http.stats().throttled()).isZero();
        }
    }

    /** {@code n} report reads of one tenant at once (its budget: 5 per 10 s, at time scale 100 per 0.1 s). */
    private static List<HttpResult> concurrentReports(SimHarness sim, int n) throws Exception {
        String tenant = sim.world.partnerTenantId();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<HttpResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> sim.http.get(tenant, Resource.GRAPH,
                        sim.v1() + "/reports/authenticationMethods/userRegistrationDetails")));
            }
            List<HttpResult> out = new java.util.ArrayList<>();
            for (var f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void anHttpErrorIsReturnedWithGraphsCodeNeverThrown() throws Exception {
        try (SimHarness sim = new SimHarness(PagerTest.WORLD, Scenario.NONE)) {
            SimTenant free = sim.world.tenants().stream()
                    .filter(t -> t.licence() == io.cspguard.snapshot.Licences.Tier.FREE).findFirst().orElseThrow();
            HttpResult r = sim.http.get(free.tenantId(), Resource.GRAPH,
                    sim.server.baseUrl() + "/beta/auditLogs/signIns");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
            assertThat(r.errorMessage()).isNotBlank();
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.date()).isNotNull();
            assertThat(sim.http.latestDate()).isNotNull();
            // the simulator's clock runs from the world's time: the Date is its time, not this machine's
            assertThat(Duration.between(sim.world.worldTime(), r.date()).abs()).isLessThan(Duration.ofMinutes(5));
        }
    }

    @Test
    void nothingAnswersAfterTheLastAttemptGivesAResultWithoutAStatus() throws Exception {
        io.cspguard.graph.auth.TokenSource fixed = new io.cspguard.graph.auth.TokenSource() {
            @Override
            public String token(String tenantId, Resource resource) {
                return "t";
            }

            @Override
            public void invalidate(String tenantId, Resource resource) {
            }
        };
        try (GraphHttp http = new GraphHttp(fixed, GraphHttp.Options.defaults(SSLContext.getDefault())
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).withAttempts(3, 3))) {
            HttpResult r = http.get("t", Resource.GRAPH, "https://127.0.0.1:1/v1.0/users");
            assertThat(r.status()).isZero();
            assertThat(r.errorCode()).isEqualTo("ConnectionFailed");
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(http.stats().retries()).isEqualTo(2);
        }
    }

    @Test
    void retryAfterTakesSecondsWithFractionsOrAnHttpDate() {
        assertThat(GraphHttp.retryAfter("2", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(GraphHttp.retryAfter("0.25", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(GraphHttp.retryAfter(" 1.5 ", null)).isEqualTo(Duration.ofMillis(1500));
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(GraphHttp.retryAfter("Thu, 26 Nov 2026 10:00:07 GMT", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(GraphHttp.retryAfter("Thu, 26 Nov 2026 09:59:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(GraphHttp.retryAfter("soon", now)).isNull();
        assertThat(GraphHttp.retryAfter("-1", now)).isNull();
        assertThat(GraphHttp.retryAfter(null, now)).isNull();
    }

    @Test
    void backoffIsJitteredExponentialAndBounded() throws Exception {
        try (GraphHttp http = new GraphHttp(null, GraphHttp.Options.defaults(SSLContext.getDefault())
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000)))) {
            for (int i = 0; i < 50; i++) {
                assertThat(http.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
                assertThat(http.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
                assertThat(http.backoff(10)).isLessThanOrEqualTo(Duration.ofMillis(1000));
            }
        }
    }

    @Test
    void errorsOfGraphAndOfPartnerCenterAreRead() {
        assertThat(GraphHttp.error("{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"No.\"}}"
                .getBytes())).containsExactly("Authorization_RequestDenied", "No.");
        assertThat(GraphHttp.error("{\"code\":2000,\"description\":\"Bad.\",\"data\":[]}".getBytes()))
                .containsExactly("2000", "Bad.");
        assertThat(GraphHttp.error("<html>".getBytes())).containsExactly(null, null);
    }
}
