package io.cspguard.graph.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.graph.http.SimHarness;
import io.cspguard.sim.throttle.CollectionPlan;
import io.cspguard.snapshot.Licences;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.throttle.ThrottleBound;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests a collection makes against the fewest its data needs ({@code ThrottleBound.minimumRequests()}: each
 * request inside a {@code $batch} counts as one). The collector skips what a tenant's licences make impossible, which
 * the simulator's plan still counts one request for, so the ratio sits a little under 1.
 */
class RequestCountTest {
    @TempDir
    Path tmp;

    @Test
    void fiveCustomers() throws Exception {
        measure(GeneratorOptions.of(11, 5));
    }

    @Test
    void twentyCustomers() throws Exception {
        measure(GeneratorOptions.of(7, 20));
    }

    /**
     * Tenant by tenant, the files written (or recorded as refused) are exactly the reads of the simulator's plan, but
     * for those the tenant's licences make impossible: P2 files without P2, Conditional Access without P1, managed
     * devices without Intune (sign-ins without P1 are recorded as refused without a request).
     */
    @Test
    void theReadsAreThePlansReadsButForThoseTheLicencesRuleOut() throws Exception {
        GeneratorOptions options = GeneratorOptions.of(11, 5);
        try (SimHarness sim = new SimHarness(options, Scenario.NONE)) {
            CollectionPlan plan = CollectionPlan.of(sim.world);
            Path out = tmp.resolve("out");
            EndToEndTest.collect(sim, out);
            for (CollectionPlan.TenantPlan t : plan.tenants()) {
                Set<String> mine = written(out, t.tenantId());
                Set<String> planned = new TreeSet<>();
                for (CollectionPlan.Read r : t.reads()) {
                    if (!ruledOut(sim, t.tenantId(), r.file(), mine)) {
                        planned.add(r.file());
                    }
                }
                Licences.Tier tier = sim.world.tenant(t.tenantId()).orElseThrow().licence();
                assertThat(mine).as(t.tenantId() + " (" + tier + ")").isEqualTo(planned);
            }
        }
    }

    /** The snapshot files of a tenant, and those recorded as refused in its tenant.json. */
    static Set<String> written(Path out, String tenantId) throws Exception {
        Path dir = out.resolve("tenants").resolve(tenantId);
        Set<String> mine = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("tenant.json")).forEach(mine::add);
        }
        JsonNode info = new ObjectMapper().readTree(dir.resolve("tenant.json").toFile());
        info.path("errors").fieldNames().forEachRemaining(mine::add);
        return mine;
    }

    /**
     * A read of the simulator's plan that the tenant's licences rule out, which the collector does not request: P2
     * files without P2, Conditional Access and sign-ins without P1 (sign-ins are recorded as Graph would refuse them),
     * managed devices without Intune.
     */
    static boolean ruledOut(SimHarness sim, String tenantId, String file, Set<String> written) {
        Licences.Tier tier = sim.world.tenant(tenantId).orElseThrow().licence();
        boolean p2Only = Set.of("roleAssignmentSchedules.json", "roleEligibilitySchedules.json",
                "roleManagementPolicyAssignments.json", "riskyUsers.json").contains(file) || file.startsWith("pimGroup");
        if (p2Only) {
            return tier != Licences.Tier.P2;
        }
        if (file.equals("conditionalAccessPolicies.json")) {
            return tier == Licences.Tier.FREE;
        }
        if (file.equals("managedDevices.json")) {
            return !written.contains("managedDevices.json"); // read only where a SKU carries Intune
        }
        return false;
    }

    private void measure(GeneratorOptions options) throws Exception {
        try (SimHarness sim = new SimHarness(options, Scenario.NONE)) {
            ThrottleBound bound = sim.server.throttleBound();
            Path out = tmp.resolve("out");
            CollectionResult r = EndToEndTest.collect(sim, out);
            assertThat(r.exitCode()).as(EndToEndTest.describe(r)).isZero();
            long ruledOut = 0;
            for (CollectionPlan.TenantPlan t : bound.plan().tenants()) {
                Set<String> mine = written(out, t.tenantId());
                for (CollectionPlan.Read read : t.reads()) {
                    boolean noRequest = read.file().equals("signIns.json") // recorded as refused, not requested
                            && sim.world.tenant(t.tenantId()).orElseThrow().licence() == Licences.Tier.FREE;
                    if (noRequest || ruledOut(sim, t.tenantId(), read.file(), mine)) {
                        ruledOut += read.requests();
                    }
                }
            }
            double ratio = (double) r.stats().requests() / bound.minimumRequests();
            System.out.printf(Locale.ROOT, "customers=%d requests=%d (graph %d, batched %d in %d batches, partner"
                            + " center %d, throttled %d, retries %d) minimumRequests=%d (graph %d, partner center %d;"
                            + " of which ruled out by licences %d) requestsToMinimumRatio=%.3f"
                            + " (to the minimum less those: %.3f) wall=%.2fs bound@%.0fx=%.2fs%n",
                    options.customers(), r.stats().requests(), r.stats().graphRequests(), r.stats().batchedRequests(),
                    r.stats().batchEnvelopes(), r.stats().partnerCenterRequests(), r.stats().throttled(),
                    r.stats().retries(), bound.minimumRequests(), bound.minimumGraphRequests(),
                    bound.partnerCenterRequests(), ruledOut, ratio,
                    (double) r.stats().requests() / (bound.minimumRequests() - ruledOut),
                    r.elapsed().toNanos() / 1e9, SimHarness.TIME_SCALE,
                    bound.lowerLimit(SimHarness.TIME_SCALE).toNanos() / 1e9);
            assertThat(ratio).isBetween(0.85, 1.0);
            // every request beyond the minimum (less what the licences rule out) is a retry
            assertThat(r.stats().requests() - r.stats().retries()).isEqualTo(bound.minimumRequests() - ruledOut);
            assertThat(r.stats().throttled()).isLessThanOrEqualTo(Math.max(2, r.stats().requests() / 100));
        }
    }
}
