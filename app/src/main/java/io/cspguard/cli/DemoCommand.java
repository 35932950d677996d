package io.cspguard.cli;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.collect.CollectionResult;
import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.Planted;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.SnapshotInput;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cspguard demo}: the whole path on one machine — a seeded simulated partner served over HTTPS, collected
 * through the same code that reaches Microsoft, assessed, and written as the HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the simulator with a seeded partner, collect it over HTTPS, assess it and write the "
                + "HTML report.")
final class DemoCommand implements Callable<Integer> {
    /** Microsoft's throttling budgets in shape, twenty times shorter, so the demo takes seconds. */
    private static final double TIME_SCALE = 20;

    @Option(names = "--seed", defaultValue = "7", description = "The simulated partner's seed (default 7).")
    long seed;

    @Option(names = "--customers", defaultValue = "6", description = "Customer tenants (default 6).")
    int customers;

    @Option(names = "--data", paramLabel = "DIR", description = "Where to keep the world and the collected snapshot "
            + "(default: ~/.local/share/cspguard/demo).")
    Path data;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "cspguard-demo-report.html",
            description = "The HTML report (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : defaultData();
        PrivateFiles.createDirectories(dir);
        System.err.printf("demo: generating a partner with %d customers (seed %d)…%n", customers, seed);
        World world = new WorldGenerator().generate(GeneratorOptions.of(seed, customers).withMaxUsers(300));
        Path configFile = dir.resolve("cspguard.yaml");
        try (OutputStream out = PrivateFiles.create(configFile)) {
            out.write(world.configYaml().getBytes(StandardCharsets.UTF_8));
        }
        Config config = ConfigLoader.load(configFile);
        try (SimServer server = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, TIME_SCALE, true))) {
            Path ca = server.certificates().writeCaPem(dir.resolve("ca.pem"));
            ConnectionProfile profile = new ConnectionProfile(world.partnerTenantId(), world.app().clientId(),
                    ConnectionProfile.Mode.APP, world.app().clientSecret(), null, null, null, server.baseUrl(),
                    server.baseUrl(), server.baseUrl(), ca, dir.resolve("connection.json"));
            System.err.println("demo: simulator serving " + server.baseUrl() + "; collecting over HTTPS…");
            ProgressDisplay progress = ProgressDisplay.forConsole(System.err);
            CollectionResult collected = LiveCollection.run(profile, config, dir.resolve("snapshot"), Set.of(),
                    progress, TIME_SCALE);
            progress.finish();
            LiveCollection.report(collected, System.err);
            Assessment assessment = new Assessor(config, OwnRecords.NONE, Clock.systemUTC(),
                    Runtime.getRuntime().availableProcessors())
                    .assess(SnapshotInput.open(dir.resolve("snapshot")), Set.of(), ToolVersion.version());
            try (OutputStream out = new BufferedOutputStream(PrivateFiles.create(output))) {
                ReportWriters.forFormat(ReportFormat.HTML).write(assessment, out);
            }
            long found = world.planted().stream().filter(p -> reported(assessment, p)).count();
            System.out.printf("CSP Guard demo: %d tenants assessed — %d pass, %d fail, %d warn, %d not applicable, "
                            + "%d not assessed%n", assessment.tenants().size(), assessment.count(Status.PASS),
                    assessment.count(Status.FAIL), assessment.count(Status.WARN), assessment.count(Status.NOT_APPLICABLE),
                    assessment.count(Status.NOT_ASSESSED));
            System.out.printf("  the simulator planted %d violations; the assessment reports %d of them%n",
                    world.planted().size(), found);
            System.out.println("  report: " + output.toAbsolutePath());
            System.out.println("  snapshot: " + dir.resolve("snapshot").toAbsolutePath());
        }
        return ExitCodes.OK;
    }

    /** Whether the assessment names every object of a planted violation in a failing result of its control. */
    static boolean reported(Assessment a, Planted p) {
        for (TenantResult t : a.tenants()) {
            if (!t.tenantId().equalsIgnoreCase(p.tenantId())) {
                continue;
            }
            for (ControlResult r : t.results()) {
                if (r.controlId().equals(p.controlId()) && (r.status() == Status.FAIL || r.status() == Status.WARN)) {
                    Set<String> named = new java.util.HashSet<>();
                    r.findings().stream().map(Finding::objectId).filter(java.util.Objects::nonNull)
                            .forEach(id -> named.add(id.toLowerCase(Locale.ROOT)));
                    return p.objectIds().stream().allMatch(id -> named.contains(id.toLowerCase(Locale.ROOT)));
                }
            }
        }
        return false;
    }

    private static Path defaultData() {
        return PrivateFiles.dataHome().resolve("demo");
    }
}
