package io.cspguard.graph.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.eval.Assessor;
import io.cspguard.controls.OwnRecords;
import io.cspguard.graph.http.SimHarness;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.sim.faults.BrokenRead;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import io.cspguard.snapshot.SnapshotInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE check: a generated world collected over HTTPS and assessed gives exactly the results of its {@code world/}
 * snapshot assessed directly — every control of every tenant, its status and its finding ids — with no faults and
 * with flaky ones; with broken reads, exactly those are recorded and their controls are never PASS.
 */
class EndToEndTest {
    static final GeneratorOptions FIVE = GeneratorOptions.of(11, 5);

    @TempDir
    Path tmp;

    @Test
    void aCollectedWorldAssessesExactlyLikeItsWorldSnapshot() throws Exception {
        try (SimHarness sim = new SimHarness(FIVE, Scenario.NONE)) {
            CollectionResult result = collect(sim, tmp.resolve("out"));
            assertThat(result.exitCode()).as(describe(result)).isZero();
            assertThat(result.stats().throttled()).isZero();
            assertSameResults(sim.world, tmp.resolve("out"), tmp.resolve("world"));
        }
    }

    /** How a sharded run learns its customers: the partner's collection alone names them all, and reads no customer. */
    @Test
    void aPartnerOnlyCollectionNamesEveryCustomerAndCollectsNone() throws Exception {
        try (SimHarness sim = new SimHarness(FIVE, Scenario.NONE)) {
            World w = sim.world;
            Config config = ConfigLoader.parse(w.configYaml(), Path.of("cspguard.yaml"));
            CollectSettings settings = new CollectSettings(w.partnerTenantId(), sim.graph(), sim.graph(), 8,
                    Set.copyOf(config.privilegedRoles()));
            CollectionResult result = Collector.collect(settings, sim.tokens, sim.http, tmp.resolve("partner"),
                    Set.of(w.partnerTenantId()), config.thresholds().signInWindowDays(), Progress.NONE);

            assertThat(result.tenants()).extracting(TenantOutcome::tenantId).containsExactly(w.partnerTenantId());
            assertThat(result.exitCode()).as(describe(result)).isZero();
            List<String> customers = w.tenants().stream().map(t -> t.tenantId().toLowerCase(Locale.ROOT))
                    .filter(id -> !id.equalsIgnoreCase(w.partnerTenantId())).toList();
            assertThat(result.discoveredCustomers()).hasSize(5)
                    .map(id -> id.toLowerCase(Locale.ROOT)).containsExactlyInAnyOrderElementsOf(customers);
            assertThat(SnapshotInput.open(tmp.resolve("partner")).tenants()).hasSize(1);
        }
    }

    @Test
    void flakyServicesChangeNothing() throws Exception {
        try (SimHarness sim = new SimHarness(FIVE, Scenario.FLAKY)) {
            CollectionResult result = collect(sim, tmp.resolve("out"));
            assertThat(result.exitCode()).as(describe(result)).isZero();
            assertThat(result.stats().retries()).isPositive();
            assertThat(result.stats().tokenRefreshes()).isPositive();
            assertSameResults(sim.world, tmp.resolve("out"), tmp.resolve("world"));
        }
    }

    @Test
    void brokenReadsAreRecordedAndTheirControlsAreNeverPass() throws Exception {
        try (SimHarness sim = new SimHarness(FIVE, Scenario.BROKEN)) {
            List<BrokenRead> broken = sim.server.faults().broken();
            assertThat(broken).isNotEmpty();
            CollectionResult result = collect(sim, tmp.resolve("out"));
            assertThat(result.exitCode()).isEqualTo(1);

            Map<String, Set<String>> expected = new TreeMap<>();
            broken.forEach(b -> expected.computeIfAbsent(b.tenantId().toLowerCase(Locale.ROOT), k -> new TreeSet<>())
                    .add(b.file()));
            Map<String, Set<String>> recorded = new TreeMap<>();
            for (TenantOutcome t : result.tenants()) {
                for (MissingRead m : t.missing()) {
                    recorded.computeIfAbsent(t.tenantId().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(m.file());
                }
            }
            assertThat(recorded).isEqualTo(expected);

            Map<String, ControlResult> mine = results(assess(sim.world, tmp.resolve("out")));
            Map<String, ControlResult> world = results(assess(sim.world, writeWorld(sim.world, tmp.resolve("world"))));
            assertThat(mine.keySet()).isEqualTo(world.keySet());
            List<String> problems = new ArrayList<>();
            int notAssessed = 0;
            for (var e : world.entrySet()) {
                ControlResult w = e.getValue();
                ControlResult m = mine.get(e.getKey());
                if (same(w, m)) {
                    continue;
                }
                if (m.status() == Status.PASS) {
                    problems.add(e.getKey() + ": PASS though data is missing (world: " + w.status() + ")");
                }
                if (m.status() == Status.NOT_ASSESSED) {
                    notAssessed++;
                    boolean named = expected.getOrDefault(e.getKey().substring(0, e.getKey().indexOf('|')), Set.of())
                            .stream().anyMatch(f -> m.reason() != null && m.reason().contains(f));
                    if (!named) {
                        problems.add(e.getKey() + ": NOT_ASSESSED without naming a broken read: " + m.reason());
                    }
                }
            }
            assertThat(problems).isEmpty();
            assertThat(notAssessed).isPositive();
        }
    }

    static CollectionResult collect(SimHarness sim, Path out) throws Exception {
        World w = sim.world;
        Config config = ConfigLoader.parse(w.configYaml(), Path.of("cspguard.yaml"));
        CollectSettings settings = new CollectSettings(w.partnerTenantId(), sim.graph(), sim.graph(), 8,
                Set.copyOf(config.privilegedRoles()));
        return Collector.collect(settings, sim.tokens, sim.http, out, Set.of(), config.thresholds().signInWindowDays(),
                Progress.NONE);
    }

    static void assertSameResults(World world, Path collected, Path worldDir) throws Exception {
        Map<String, ControlResult> mine = results(assess(world, collected));
        Map<String, ControlResult> expected = results(assess(world, writeWorld(world, worldDir)));
        assertThat(mine.keySet()).isEqualTo(expected.keySet());
        List<String> differences = new ArrayList<>();
        for (var e : expected.entrySet()) {
            ControlResult m = mine.get(e.getKey());
            if (!same(e.getValue(), m)) {
                differences.add(e.getKey() + ": world " + e.getValue().status() + " " + ids(e.getValue()) + " ("
                        + e.getValue().reason() + ") — collected " + m.status() + " " + ids(m) + " (" + m.reason()
                        + ")");
            }
        }
        assertThat(differences).isEmpty();
    }

    static Path writeWorld(World world, Path dir) throws Exception {
        new WorldSnapshotWriter(2).writeSnapshot(world, dir);
        return dir;
    }

    static Assessment assess(World world, Path snapshot) throws Exception {
        Config config = ConfigLoader.parse(world.configYaml(), snapshot.resolveSibling("cspguard.yaml"));
        return new Assessor(config, OwnRecords.NONE, Clock.fixed(world.worldTime(), ZoneOffset.UTC), 2)
                .assess(SnapshotInput.open(snapshot), Set.of(), "test");
    }

    static Map<String, ControlResult> results(Assessment a) {
        Map<String, ControlResult> out = new TreeMap<>();
        for (TenantResult t : a.tenants()) {
            for (ControlResult r : t.results()) {
                out.put(t.tenantId().toLowerCase(Locale.ROOT) + "|" + r.controlId(), r);
            }
        }
        return out;
    }

    static boolean same(ControlResult a, ControlResult b) {
        return a.status() == b.status() && ids(a).equals(ids(b));
    }

    static Set<String> ids(ControlResult r) {
        return r.findings().stream().map(Finding::findingId).collect(Collectors.toCollection(TreeSet::new));
    }

    static String describe(CollectionResult r) {
        StringBuilder sb = new StringBuilder();
        for (TenantOutcome t : r.tenants()) {
            sb.append(t.tenantId()).append(' ').append(t.status()).append(' ').append(t.reason()).append(' ')
                    .append(t.missing()).append('\n');
        }
        return sb.toString();
    }
}
