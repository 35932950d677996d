package io.cspguard.schedule;

import io.cspguard.audit.AuditEntry;
import io.cspguard.audit.AuditQuery;
import io.cspguard.audit.AuditTrail;
import io.cspguard.cli.LiveSource;
import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.reports.StoredAssessment;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.TenantResult;
import io.cspguard.runs.RunFailedException;
import io.cspguard.runs.RunService;
import io.cspguard.runs.RunSettings;
import io.cspguard.runs.ShardableSource;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import io.cspguard.snapshot.SnapshotInput;
import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import io.cspguard.store.RunShards;
import io.cspguard.store.RunStore;
import io.cspguard.store.RunTrigger;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two servers on one database (two pools, two run services, two schedulers, as two processes) split a run of a
 * simulated partner with six customers into three shards of two: every shard is taken by exactly one server, and the
 * merged run assesses exactly like the world's own snapshot; a shard that fails fails the run.
 */
class ShardedRunsTest {
    private static final double TIME_SCALE = 50;
    private static final int CUSTOMERS = 6;

    @TempDir
    static Path shared;

    private static World world;
    private static SimServer sim;
    private static ConnectionProfile profile;
    private static Path configFile;
    private static Map<String, ControlResult> expected;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() throws Exception {
        world = new WorldGenerator().generate(GeneratorOptions.of(33, CUSTOMERS).withMaxUsers(60));
        sim = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, TIME_SCALE, true));
        Path ca = sim.certificates().writeCaPem(shared.resolve("ca.pem"));
        profile = new ConnectionProfile(world.partnerTenantId(), world.app().clientId(), ConnectionProfile.Mode.APP,
                world.app().clientSecret(), null, null, null, sim.baseUrl(), sim.baseUrl(), sim.baseUrl(), ca,
                shared.resolve("connection.json"));
        configFile = Files.writeString(shared.resolve("cspguard.yaml"), world.configYaml(), StandardCharsets.UTF_8);
        Path worldDir = shared.resolve("world");
        new WorldSnapshotWriter(2).writeSnapshot(world, worldDir);
        Config config = ConfigLoader.load(configFile);
        expected = results(new Assessor(config, OwnRecords.NONE, clock(), 2)
                .assess(SnapshotInput.open(worldDir), Set.of(), "test"));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoServersCollectTheShardsOfOneRunEachOnceAndTheMergedRunIsTheWorld(TestDatabases.Kind kind)
            throws Exception {
        DatabaseLocation location = TestDatabases.location(kind, dir);
        Recording source = new Recording();
        long runId;
        try (Database a = Database.open(location); Database b = Database.open(location);
             Server first = new Server(a, source, "server-a"); Server second = new Server(b, source, "server-b")) {
            // the first scheduled run is due at once on a new store; one of the two servers takes it
            runId = awaitStoredRun(a);
        }
        try (Database db = Database.open(location)) {
            Assessment stored = StoredAssessment.read(new RunStore(db, clock()).assessmentJsonGzip(runId).orElseThrow());
            assertThat(stored.tenants()).hasSize(CUSTOMERS + 1);
            assertThat(differences(results(stored))).isEmpty();

            List<RunShards.Shard> shards = new RunShards(db, clock()).of(runId);
            assertThat(shards).hasSize(3).allMatch(RunShards.Shard::done);
            assertThat(shards).allSatisfy(s -> assertThat(s.tenants()).hasSize(2));
            assertThat(shards.stream().flatMap(s -> s.tenants().stream()).map(ShardedRunsTest::lower))
                    .containsExactlyInAnyOrderElementsOf(world.tenants().stream().map(t -> lower(t.tenantId()))
                            .filter(id -> !id.equals(lower(world.partnerTenantId()))).toList());
            // each shard collected exactly once, by the server its row names
            assertThat(source.shardCollections).hasSize(3);
            for (RunShards.Shard s : shards) {
                assertThat(source.shardCollections.get("run-" + runId + "/shard-" + s.shard())).isEqualTo(s.worker());
            }
            assertThat(source.wholeCollections).as("no run was collected in one piece").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'collect-shard'"))
                    .as("one-time shard executions are removed once done").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM runs WHERE state <> 'stored'")).isZero();
            assertThat(new AuditTrail(db, clock()).verify().intact()).isTrue();
            assertThat(shards).extracting(RunShards.Shard::worker).as("both servers took shards")
                    .contains("server-a", "server-b");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailedShardFailsTheRunAndThePreviousRunStaysTheLatest(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation location = TestDatabases.location(kind, dir);
        Recording source = new Recording();
        long first;
        try (Database a = Database.open(location); Database b = Database.open(location);
             Server one = new Server(a, source, "server-a"); Server two = new Server(b, source, "server-b")) {
            first = awaitStoredRun(a);
            String victim = world.tenants().get(3).tenantId();
            source.failing = victim;
            // "Run now": the same path, waited for here
            assertThatThrownBy(() -> one.runs.runNow(RunTrigger.MANUAL, "ann", "10.0.0.7"))
                    .isInstanceOf(RunFailedException.class).hasMessageContaining("Graph is down for " + victim)
                    .hasMessageContaining("shard ");
        }
        try (Database db = Database.open(location)) {
            RunStore runs = new RunStore(db, clock());
            assertThat(runs.latestStoredRun()).contains(first);
            long failedRun = first + 1;
            assertThat(runs.state(failedRun)).contains("failed");
            List<RunShards.Shard> shards = new RunShards(db, clock()).of(failedRun);
            assertThat(shards).filteredOn(RunShards.Shard::failed).singleElement()
                    .satisfies(s -> assertThat(s.error()).contains("Graph is down"));
            AuditEntry failed = new AuditTrail(db, clock()).recent(AuditQuery.latest(20)).stream()
                    .filter(e -> e.action().equals("run.failed")).findFirst().orElseThrow();
            assertThat(failed.actor()).isEqualTo("ann");
            assertThat(failed.detail()).contains("shard").contains("Graph is down");
        }
    }

    /** The world's time: the simulator's clock, so that the collected snapshot and world/ are judged on one day. */
    private static Clock clock() {
        return Clock.fixed(world.worldTime(), ZoneOffset.UTC);
    }

    private static long awaitStoredRun(Database db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var stored = new RunStore(db, clock()).latestStoredRun();
            if (stored.isPresent()) {
                return stored.get();
            }
            assertThat(count(db, "SELECT COUNT(*) FROM runs WHERE state = 'failed'"))
                    .as("failed runs: " + db.jdbi().withHandle(h -> h.createQuery("SELECT error FROM runs")
                            .mapTo(String.class).list())).isZero();
            Thread.sleep(200);
        }
        throw new AssertionError("no run was stored within 3 minutes");
    }

    private List<String> differences(Map<String, ControlResult> mine) {
        assertThat(mine.keySet()).isEqualTo(expected.keySet());
        return expected.entrySet().stream().filter(e -> {
            ControlResult m = mine.get(e.getKey());
            return m.status() != e.getValue().status() || !ids(m).equals(ids(e.getValue()));
        }).map(e -> e.getKey() + ": world " + e.getValue().status() + ", run " + mine.get(e.getKey()).status()).toList();
    }

    private static Map<String, ControlResult> results(Assessment a) {
        Map<String, ControlResult> out = new TreeMap<>();
        for (TenantResult t : a.tenants()) {
            for (ControlResult r : t.results()) {
                out.put(lower(t.tenantId()) + "|" + r.controlId(), r);
            }
        }
        return out;
    }

    private static Set<String> ids(ControlResult r) {
        return r.findings().stream().map(Finding::findingId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static long count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The live source over the simulator, recording which server collected which shard, and breaking on demand. */
    private static final class Recording {
        /** "run-N/shard-M" → the server that collected it. */
        final Map<String, String> shardCollections = new ConcurrentHashMap<>();
        volatile int wholeCollections;
        volatile String failing;

        ShardableSource forServer(String name) {
            LiveSource live = new LiveSource(profile, TIME_SCALE, false);
            return new ShardableSource() {
                @Override
                public String collect(Path into, Config config) throws Exception {
                    wholeCollections++;
                    return live.collect(into, config);
                }

                @Override
                public List<String> discover(Path scratch, Config config) throws Exception {
                    return live.discover(scratch, config);
                }

                @Override
                public String collect(Path into, Config config, Set<String> customers) throws Exception {
                    if (failing != null && customers.stream().anyMatch(failing::equalsIgnoreCase)) {
                        throw new IOException("Graph is down for " + failing);
                    }
                    Thread.sleep(500);  // long enough for the other server to poll while this shard is collected
                    String shard = into.getParent().getFileName() + "/" + into.getFileName();
                    String prior = shardCollections.putIfAbsent(shard, name);
                    assertThat(prior).as(shard + " collected twice").isNull();
                    return live.collect(into, config, customers);
                }
            };
        }
    }

    /**
     * What one `cspguard serve --connection … --shard-size 2` process runs, with two scheduler threads: the server
     * whose run waits for its shards has one left, so it cannot take all three shards at once and the other server
     * gets some.
     */
    private final class Server implements AutoCloseable {
        final RunService runs;
        private final RunScheduler scheduler;

        Server(Database db, Recording source, String name) {
            AuditTrail audit = new AuditTrail(db, clock());
            runs = new RunService(new RunStore(db, clock()), new ExceptionStore(db, audit, clock()), audit, clock(),
                    source.forServer(name), new RunSettings(configFile, dir.resolve("snapshots-" + name), 2, 1, 2,
                    Duration.ofMinutes(3)), name);
            scheduler = RunScheduler.start(db, runs, audit, () -> Duration.ofHours(1),
                    () -> AuditTrail.DEFAULT_RETENTION, name, Duration.ofMillis(200), 2);
        }

        @Override
        public void close() {
            scheduler.close();
            runs.close();
        }
    }
}
