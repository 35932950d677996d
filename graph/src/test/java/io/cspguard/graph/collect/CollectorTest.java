package io.cspguard.graph.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.graph.auth.AuthException;
import io.cspguard.graph.auth.Resource;
import io.cspguard.graph.auth.TokenSource;
import io.cspguard.graph.http.GraphHttp;
import io.cspguard.graph.http.SimHarness;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.world.SimTenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorTest {
    @TempDir
    Path tmp;

    /** The simulator's token source, but one customer refuses the app (as AADSTS700016 would). */
    static final class Refusing implements TokenSource {
        final TokenSource inner;
        final String refused;
        final AtomicInteger asked = new AtomicInteger();
        final Set<String> issued = ConcurrentHashMap.newKeySet();

        Refusing(TokenSource inner, String refused) {
            this.inner = inner;
            this.refused = refused;
        }

        @Override
        public String token(String tenantId, Resource resource) throws AuthException {
            if (tenantId.equalsIgnoreCase(refused)) {
                asked.incrementAndGet();
                throw new AuthException("unauthorized_client: AADSTS700016: the application was not found in the "
                        + "directory", "unauthorized_client", 700016, null);
            }
            String t = inner.token(tenantId, resource);
            issued.add(t);
            return t;
        }

        @Override
        public void invalidate(String tenantId, Resource resource) {
            inner.invalidate(tenantId, resource);
        }
    }

    @Test
    void aCustomerWithoutATokenFailsOnceWithTheReasonAndTheRestIsCollected() throws Exception {
        try (SimHarness sim = new SimHarness(EndToEndTest.FIVE, Scenario.NONE)) {
            SimTenant lost = sim.world.tenants().get(2);
            Refusing tokens = new Refusing(sim.tokens, lost.tenantId());
            List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
            try (GraphHttp http = new GraphHttp(tokens, sim.http.options())) {
                CollectSettings settings = new CollectSettings(sim.world.partnerTenantId(), sim.graph(), sim.graph(),
                        4, Set.of());
                CollectionResult r = Collector.collect(settings, tokens, http, tmp.resolve("out"), Set.of(), 30,
                        events::add);

                assertThat(r.exitCode()).isEqualTo(1);
                TenantOutcome failed = r.tenants().stream().filter(t -> t.tenantId().equalsIgnoreCase(lost.tenantId()))
                        .findFirst().orElseThrow();
                assertThat(failed.status()).isEqualTo(TenantOutcome.Status.FAILED);
                assertThat(failed.reason()).contains("AADSTS700016");
                assertThat(tokens.asked.get()).isEqualTo(1);
                assertThat(r.with(TenantOutcome.Status.COMPLETE)).hasSize(sim.world.tenants().size() - 1);
                assertThat(r.tenants().get(0).role()).isEqualTo("partner");
                assertThat(tmp.resolve("out/tenants").resolve(lost.tenantId())).doesNotExist();
                JsonNode c = new ObjectMapper().readTree(tmp.resolve("out/collection.json").toFile());
                assertThat(c.path("failedTenants").path(lost.tenantId()).asText()).contains("AADSTS700016");

                assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Discovered).hasSize(1);
                assertThat(events).filteredOn(e -> e instanceof ProgressEvent.TenantFinished)
                        .hasSize(sim.world.tenants().size());
                ProgressEvent last = events.stream().filter(e -> e instanceof ProgressEvent.TenantFinished)
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(last.counts().tenantsDone()).isEqualTo(sim.world.tenants().size());
                assertThat(last.counts().tenantsTotal()).isEqualTo(sim.world.tenants().size());
                assertThat(last.counts().stats().requests()).isPositive();

                // no secret and no token anywhere in what was written
                List<String> secrets = new ArrayList<>(tokens.issued);
                secrets.add(sim.world.app().clientSecret());
                try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String text = Files.readString(f, StandardCharsets.UTF_8);
                        for (String s : secrets) {
                            assertThat(text).as(f.toString()).doesNotContain(s);
                        }
                    }
                }
                for (TenantOutcome t : r.tenants()) {
                    for (String s : secrets) {
                        assertThat(String.valueOf(t)).doesNotContain(s);
                    }
                }
            }
        }
    }

    @Test
    void onlyTheNamedCustomersAreCollectedBesideThePartner() throws Exception {
        try (SimHarness sim = new SimHarness(EndToEndTest.FIVE, Scenario.NONE)) {
            String one = sim.world.tenants().get(3).tenantId();
            CollectSettings settings = new CollectSettings(sim.world.partnerTenantId(), sim.graph(), sim.graph(), 4,
                    Set.of());
            CollectionResult r = Collector.collect(settings, sim.tokens, sim.http, tmp.resolve("out"),
                    Set.of(one.toUpperCase(Locale.ROOT)), 30, Progress.NONE);
            assertThat(r.tenants()).extracting(t -> t.tenantId().toLowerCase(Locale.ROOT))
                    .containsExactly(sim.world.partnerTenantId().toLowerCase(Locale.ROOT),
                            one.toLowerCase(Locale.ROOT));
            assertThat(r.exitCode()).isZero();
            assertThat(r.elapsed()).isLessThan(Duration.ofMinutes(1));
        }
    }
}
