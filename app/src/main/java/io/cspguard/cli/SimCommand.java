package io.cspguard.cli;

import io.cspguard.sim.SimProfile;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.throttle.ThrottleBound;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cspguard sim}: generates a seeded world (a partner and its customers with planted violations), writes it
 * (world/, planted.json, cspguard.yaml, the CA and the connection profile), and serves it over HTTPS until stopped.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Serve a simulated partner (Entra token endpoints, Microsoft Graph, Partner Center) over HTTPS "
                + "on 127.0.0.1, from a seeded world with planted violations, until stopped (Ctrl-C).",
                "Writes into --data: world/ (what a perfect collector would write), planted.json, cspguard.yaml, "
                        + "ca.pem (the CA to trust), app.pem (the app's certificate and key), the connection profile, "
                        + "and with --faults broken, broken.json (the reads refused for good)."})
final class SimCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "1", description = "The world's seed: the same seed gives the same world.")
    long seed;

    @Option(names = "--customers", defaultValue = "20", description = "Customer tenants (default 20).")
    int customers;

    @Option(names = "--faults", defaultValue = "none", paramLabel = "NAME",
            description = "none (default), flaky, hostile or broken.")
    String faults;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "F",
            description = "Shrink throttling windows and Retry-After by F (tests); 1 = Microsoft's (default).")
    double timeScale;

    @Option(names = "--port", defaultValue = "0", description = "HTTPS port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "Where to write the world and the profile "
            + "(default: ~/.local/share/cspguard/sim/seed-<seed>).")
    Path data;

    @Option(names = "--connection-out", paramLabel = "FILE",
            description = "Where to write the connection profile (default: <data>/connection.json).")
    Path connectionOut;

    @Option(names = "--max-users", defaultValue = "" + GeneratorOptions.DEFAULT_MAX_USERS,
            description = "Users of the largest customer (default ${DEFAULT-VALUE}).")
    int maxUsers;

    @Option(names = "--signins-per-user", defaultValue = "" + GeneratorOptions.DEFAULT_SIGN_INS_PER_USER,
            description = "Average sign-ins per user over the window (default ${DEFAULT-VALUE}).")
    int signInsPerUser;

    @Option(names = "--violation-rate", defaultValue = "" + GeneratorOptions.DEFAULT_VIOLATION_RATE,
            description = "Share of tenants and controls with a planted violation (default ${DEFAULT-VALUE}).")
    double violationRate;

    @Option(names = "--no-throttling", description = "Serve without Microsoft's throttling budgets.")
    boolean noThrottling;

    @Option(names = "--generate-only", description = "Write the world and its files, then exit without serving.")
    boolean generateOnly;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        Scenario scenario;
        try {
            scenario = Scenario.valueOf(faults.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("cspguard sim: --faults must be none, flaky, hostile or broken (got '" + faults + "')");
            return ExitCodes.USAGE;
        }
        if (!(timeScale > 0) || port < 0 || port > 65535) {
            err.println("cspguard sim: --time-scale must be positive and --port between 0 and 65535");
            return ExitCodes.USAGE;
        }
        GeneratorOptions options;
        try {
            options = new GeneratorOptions(seed, customers, maxUsers, signInsPerUser, violationRate,
                    scenario == Scenario.HOSTILE);
        } catch (IllegalArgumentException e) {
            err.println("cspguard sim: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path dir = data != null ? data : defaultData(seed);
        long t0 = System.nanoTime();
        World world = new WorldGenerator().generate(options);
        // Listen first: a busy port must fail before this run overwrites the files of a simulator still serving them.
        SimServer server = generateOnly ? null
                : SimServer.start(world, new SimServer.Options(port, scenario, timeScale, !noThrottling));
        Path appPem;
        Path ca = dir.resolve("ca.pem");
        Path profile = connectionOut != null ? connectionOut : dir.resolve("connection.json");
        try {
            PrivateFiles.createDirectories(dir);
            new WorldSnapshotWriter().write(world, dir);
            appPem = writeAppCertificate(world, dir);
            err.printf("cspguard sim: generated seed %d, %d customers in %.1f s into %s%n", seed, customers,
                    (System.nanoTime() - t0) / 1e9, dir.toAbsolutePath());
            if (server == null) {
                return ExitCodes.OK;
            }
            if (scenario == Scenario.BROKEN) {
                writePrivate(dir.resolve(BROKEN), brokenReads(server));
            }
            server.certificates().writeCaPem(ca);
            writePrivate(profile, new String(SimProfile.bytes(SimProfile.of(world, server.baseUrl(), ca, appPem,
                    dir.resolve(WorldSnapshotWriter.WORLD), dir.resolve(WorldSnapshotWriter.PLANTED),
                    dir.resolve(WorldSnapshotWriter.CONFIG))), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close(); // its threads would otherwise keep the process alive after the error
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sim-shutdown"));
        ThrottleBound bound = server.throttleBound();
        System.out.printf("CSP Guard simulator: seed %d, %d customers, faults %s, time scale %s, throttling %s%n",
                seed, customers, scenario.name().toLowerCase(Locale.ROOT), timeScale, noThrottling ? "off" : "on");
        System.out.println("  serving   " + server.baseUrl() + "  (authority, Graph and Partner Center)");
        System.out.println("  CA        " + ca.toAbsolutePath());
        System.out.println("  profile   " + profile.toAbsolutePath());
        System.out.println("  world     " + dir.resolve(WorldSnapshotWriter.WORLD).toAbsolutePath());
        System.out.printf("  a full collection needs at least %d requests and %.0f s (throttle-bound lower limit)%n",
                bound.minimumRequests(), bound.lowerLimit().toMillis() / 1000.0);
        System.out.println("Serving until stopped (Ctrl-C).");
        System.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static Path writeAppCertificate(World world, Path dir) throws IOException {
        if (world.app().certificatePem() == null || world.app().privateKeyPem() == null) {
            return null;
        }
        Path pem = dir.resolve("app.pem");
        writePrivate(pem, world.app().certificatePem() + world.app().privateKeyPem());
        return pem;
    }

    /** Where a broken world lists the reads it refuses for good: what a correct collection reports as missing. */
    static final String BROKEN = "broken.json";

    private static String brokenReads(SimServer server) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = m.createObjectNode();
        root.put("scenario", "broken");
        var list = root.putArray("broken");
        for (io.cspguard.sim.faults.BrokenRead b : server.faults().broken()) {
            var n = list.addObject();
            n.put("tenantId", b.tenantId());
            n.put("path", b.path());
            n.put("file", b.file());
            n.put("fault", b.kind() == io.cspguard.sim.faults.Fault.Kind.TRUNCATE ? "truncated" : "forbidden");
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static Path defaultData(long seed) {
        return PrivateFiles.dataHome().resolve("sim").resolve("seed-" + seed);
    }

    private static void writePrivate(Path file, String text) throws IOException {
        try (OutputStream out = PrivateFiles.create(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
