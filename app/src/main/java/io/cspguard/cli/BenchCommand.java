package io.cspguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.cspguard.graph.collect.SnapshotWriter;
import io.cspguard.bench.SyntheticCollection;
import io.cspguard.config.Config;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.result.Assessment;
import io.cspguard.snapshot.SnapshotInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cspguard bench …}: whole-run benchmarks (micro-benchmarks are JMH). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Whole-run benchmarks.",
        subcommands = {BenchCommand.Assess.class, BenchCommand.Collect.class, BenchCommand.Store.class,
                BenchWebCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Generates a collection, then times in one run (a) a single-threaded bare Jackson streaming scan of all its
     * JSON and (b) a full assess of it (all cores, JSON to a null sink). Prints {@code ratio=} and
     * {@code peakHeapMB=} last. Run it with the heap you want to prove, e.g. CSPGUARD_JAVA_OPTS=-Xmx1g.
     */
    @Command(name = "assess", mixinStandardHelpOptions = true,
            description = "Throughput of assess relative to a bare JSON scan, and peak heap.")
    static final class Assess implements Callable<Integer> {
        @Option(names = "--tenants", defaultValue = "100", description = "Tenants, the partner included (default 100).")
        int tenants;

        @Option(names = "--users", defaultValue = "300", description = "Users per tenant (default 300).")
        int users;

        @Option(names = "--signins-per-user", defaultValue = "20", description = "Sign-ins per user (default 20).")
        int signInsPerUser;

        @Option(names = "--keep", paramLabel = "DIR", description = "Write the collection here and keep it.")
        Path keep;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds of each (the median is reported).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            Path root = keep != null ? keep : Files.createTempDirectory("cspguard-bench");
            try {
                long t0 = System.nanoTime();
                new SyntheticCollection(tenants, users, signInsPerUser).write(root);
                long bytes = jsonBytes(root);
                System.out.printf("generated %d tenants x %d users x %d sign-ins/user: %.1f MB in %.1f s%n", tenants,
                        users, signInsPerUser, bytes / 1e6, (System.nanoTime() - t0) / 1e9);
                scan(root); // warm-up, and the page cache
                assess(root);
                double[] scan = new double[rounds];
                double[] assess = new double[rounds];
                long peak = 0;
                for (int r = 0; r < rounds; r++) {
                    scan[r] = bytes / 1e6 / scan(root);
                    resetPeaks();
                    assess[r] = bytes / 1e6 / assess(root);
                    peak = Math.max(peak, peakHeap());
                    System.out.printf("round %d: scan %.0f MB/s, assess %.0f MB/s%n", r + 1, scan[r], assess[r]);
                }
                double scanMedian = median(scan);
                double assessMedian = median(assess);
                System.out.printf("scanMBps=%.1f%nassessMBps=%.1f%ncores=%d%nmaxHeapMB=%d%n", scanMedian, assessMedian,
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("ratio=%.3f%n", assessMedian / scanMedian);
                System.out.printf("peakHeapMB=%d%n", peak >> 20);
                return ExitCodes.OK;
            } finally {
                if (keep == null) {
                    SnapshotWriter.deleteTree(root);
                }
            }
        }

        /** Seconds for one single-threaded pass of Jackson's streaming parser over every JSON file. */
        private static double scan(Path root) throws IOException {
            JsonFactory factory = new JsonFactory();
            long start = System.nanoTime();
            long tokens = 0;
            for (Path f : jsonFiles(root)) {
                try (InputStream in = Files.newInputStream(f); JsonParser p = factory.createParser(in)) {
                    while (p.nextToken() != null) {
                        tokens++;
                    }
                }
            }
            if (tokens == 0) {
                throw new IllegalStateException("nothing scanned");
            }
            return (System.nanoTime() - start) / 1e9;
        }

        /** Seconds for a full assess on all cores, its JSON report written to a null sink. */
        private static double assess(Path root) throws Exception {
            long start = System.nanoTime();
            Assessor assessor = new Assessor(Config.DEFAULTS, OwnRecords.NONE, Clock.systemUTC(),
                    Runtime.getRuntime().availableProcessors());
            Assessment a = assessor.assess(SnapshotInput.open(root), Set.of(), ToolVersion.version());
            ReportWriters.forFormat(ReportFormat.JSON).write(a, OutputStream.nullOutputStream());
            return (System.nanoTime() - start) / 1e9;
        }

        private static long jsonBytes(Path root) throws IOException {
            long total = 0;
            for (Path f : jsonFiles(root)) {
                total += Files.size(f);
            }
            return total;
        }

        private static List<Path> jsonFiles(Path root) throws IOException {
            try (Stream<Path> s = Files.walk(root)) {
                return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        }

        private static void resetPeaks() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        private static long peakHeap() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        private static double median(double[] values) {
            double[] v = values.clone();
            java.util.Arrays.sort(v);
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /**
     * Serves a generated partner with Microsoft's throttling limits and a service latency, collects it over HTTPS,
     * and prints {@code requestsToMinimumRatio} (requests made ÷ the fewest the data needs; each request inside a
     * {@code $batch} counts as one) and {@code wallToBoundRatio} (wall time ÷ the simulator's throttle-bound lower
     * limit) last.
     */
    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = "Collection speed against the simulator's throttle-bound lower limit.")
    static final class Collect implements Callable<Integer> {
        @Option(names = "--customers", defaultValue = "200", description = "Customer tenants (default 200).")
        int customers;

        @Option(names = "--seed", defaultValue = "1", description = "The world's seed (default 1).")
        long seed;

        @Option(names = "--latency-ms", defaultValue = "40", description = "Service latency per request (default 40).")
        int latencyMs;

        @Override
        public Integer call() throws Exception {
            io.cspguard.sim.world.World world = new io.cspguard.sim.generate.WorldGenerator()
                    .generate(io.cspguard.sim.generate.GeneratorOptions.of(seed, customers));
            io.cspguard.sim.throttle.ThrottleBound bound = io.cspguard.sim.throttle.ThrottleBound.of(world);
            Path dir = Files.createTempDirectory("cspguard-bench-collect");
            try (io.cspguard.sim.SimServer server = io.cspguard.sim.SimServer.start(world,
                    new io.cspguard.sim.SimServer.Options(0, io.cspguard.sim.faults.Scenario.NONE, 1.0, true)
                            .withLatency(java.time.Duration.ofMillis(latencyMs)))) {
                Path ca = server.certificates().writeCaPem(dir.resolve("ca.pem"));
                io.cspguard.graph.auth.ConnectionProfile profile = new io.cspguard.graph.auth.ConnectionProfile(
                        world.partnerTenantId(), world.app().clientId(),
                        io.cspguard.graph.auth.ConnectionProfile.Mode.APP, world.app().clientSecret(), null, null,
                        null, server.baseUrl(), server.baseUrl(), server.baseUrl(), ca, dir.resolve("profile.json"));
                System.out.printf("world: %d customers (seed %d); the data needs at least %d requests; "
                        + "throttle-bound lower limit %.1f s (%s)%n", customers, seed, bound.minimumRequests(),
                        bound.lowerLimit().toMillis() / 1000.0, bound.binding());
                long t0 = System.nanoTime();
                io.cspguard.graph.collect.CollectionResult r = LiveCollection.run(profile, Config.DEFAULTS,
                        dir.resolve("snapshot"), Set.of(), io.cspguard.graph.collect.Progress.NONE);
                double wall = (System.nanoTime() - t0) / 1e9;
                LiveCollection.report(r, System.out);
                System.out.printf("wallSeconds=%.1f%nboundSeconds=%.1f%nrequests=%d%nminimumRequests=%d%n", wall,
                        bound.lowerLimit().toMillis() / 1000.0, r.stats().requests(), bound.minimumRequests());
                System.out.printf("requestsToMinimumRatio=%.3f%n",
                        (double) r.stats().requests() / bound.minimumRequests());
                System.out.printf("wallToBoundRatio=%.3f%n", wall / Math.max(0.001, bound.lowerLimit().toMillis() / 1000.0));
                return ExitCodes.OK;
            } finally {
                SnapshotWriter.deleteTree(dir);
            }
        }
    }

    /**
     * Stores {@code --runs} synthetic runs of {@code --tenants} tenants × every control through the real
     * {@link io.cspguard.store.RunStore} and prints each run's time (begin + store, the assessment already built), then
     * the median and the maximum. The populated store is left in {@code --data} (or {@code --db}) for the dashboard's
     * page-load benchmark.
     */
    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Time to store a run of N tenants x 26 controls, over several runs of drifting findings.")
    static final class Store implements Callable<Integer> {
        @Option(names = "--tenants", defaultValue = "1000", description = "Tenants, the partner included (default 1000).")
        int tenants;

        @Option(names = "--runs", defaultValue = "10", description = "Runs to store (default 10).")
        int runs;

        @Option(names = "--seed", defaultValue = "1", description = "The synthetic data's seed (default 1).")
        long seed;

        @Option(names = "--data", paramLabel = "DIR",
                description = "An empty data folder to fill and keep (default: a new temporary folder, printed).")
        Path data;

        @Option(names = "--db", paramLabel = "JDBC_URL",
                description = "A PostgreSQL JDBC URL to fill instead of the embedded database (its schema must hold no runs).")
        String db;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.io.PrintWriter err = spec.commandLine().getErr();
            if (tenants < 1 || runs < 1) {
                err.println("cspguard bench store: --tenants and --runs must be at least 1");
                return ExitCodes.USAGE;
            }
            Path dir = data != null ? data : Files.createTempDirectory("cspguard-bench-store");
            PrivateFiles.createDirectories(dir);
            io.cspguard.store.DatabaseLocation location = db == null ? io.cspguard.store.DatabaseLocation.embedded(dir)
                    : io.cspguard.store.DatabaseLocation.server(db, dir);
            try (io.cspguard.store.Database database = io.cspguard.store.Database.open(location)) {
                int existing = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM runs")
                        .mapTo(Integer.class).one());
                if (existing > 0) {
                    err.println("cspguard bench store: the store at " + location.describe() + " already holds " + existing
                            + " runs; give an empty --data folder (or a fresh --db schema): the benchmark fills it with "
                            + "synthetic runs");
                    return ExitCodes.USAGE;
                }
                out.printf("store: %s%n", location.describe());
                double[] seconds = new double[runs];
                String worker = ManagementFactory.getRuntimeMXBean().getName();
                java.time.Instant firstRun = java.time.Instant.now().minus(java.time.Duration.ofDays(runs));
                for (int r = 1; r <= runs; r++) {
                    java.time.Instant generated = firstRun.plus(java.time.Duration.ofDays(r - 1L));
                    Assessment a = io.cspguard.bench.StoreBenchmark.syntheticAssessment(tenants, r, seed, generated);
                    int results = a.tenants().stream().mapToInt(t -> t.results().size()).sum();
                    long findings = a.tenants().stream().flatMap(t -> t.results().stream())
                            .mapToLong(c -> c.findings().size()).sum();
                    // the run happens (to the store's clock) when its assessment was generated: history spans days
                    Clock clock = Clock.offset(Clock.systemUTC(),
                            java.time.Duration.between(java.time.Instant.now(), generated.plusSeconds(60)));
                    io.cspguard.store.RunStore store = new io.cspguard.store.RunStore(database, clock);
                    long start = System.nanoTime();
                    long id = store.begin(io.cspguard.store.RunTrigger.CLI, "bench", worker);
                    io.cspguard.store.StoredRun stored = store.store(id, a, null);
                    seconds[r - 1] = (System.nanoTime() - start) / 1e9;
                    out.printf("run %d: %d tenants, %d results, %d findings (%d new, %d resolved, %d reopened): %.2f s%n",
                            r, stored.tenants(), results, findings, stored.newFindings(), stored.resolvedFindings(),
                            stored.reopenedFindings(), seconds[r - 1]);
                }
                printSize(database, out);
                Path h2File = dir.resolve("cspguard.mv.db");
                if (db == null && Files.exists(h2File)) {
                    // H2 keeps superseded pages until its housekeeping rewrites them: the file is larger than the data
                    out.printf("h2FileMB=%.0f%n", Files.size(h2File) / 1e6);
                }
                out.printf("medianSeconds=%.2f%nmaxSeconds=%.2f%n", Assess.median(seconds),
                        java.util.Arrays.stream(seconds).max().orElse(0));
                out.printf("data=%s%n", dir.toAbsolutePath());
                return ExitCodes.OK;
            }
        }

        private static void printSize(io.cspguard.store.Database database, java.io.PrintWriter out) {
            database.jdbi().useHandle(h -> out.printf("store holds: %d runs, %d results, %d findings (%d open), "
                            + "%d finding events, %.1f MB of gzipped report JSON%n",
                    count(h, "SELECT COUNT(*) FROM runs"), count(h, "SELECT COUNT(*) FROM results"),
                    count(h, "SELECT COUNT(*) FROM findings"), count(h, "SELECT COUNT(*) FROM findings WHERE state = 'open'"),
                    count(h, "SELECT COUNT(*) FROM finding_events"),
                    count(h, "SELECT COALESCE(SUM(OCTET_LENGTH(assessment_json)), 0) FROM run_reports") / 1e6));
        }

        private static long count(org.jdbi.v3.core.Handle h, String sql) {
            return h.createQuery(sql).mapTo(Long.class).one();
        }
    }
}
