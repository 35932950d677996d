package io.cspguard.cli;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.reports.StoredAssessment;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.runs.RunSettings;
import io.cspguard.runs.SnapshotSource;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.Planted;
import io.cspguard.sim.world.World;
import io.cspguard.store.RunTrigger;
import io.cspguard.store.StoredRun;
import io.cspguard.web.Role;
import io.cspguard.web.auth.SecuritySettings;
import io.cspguard.web.auth.TotpAccount;
import io.cspguard.web.auth.UserAccounts;
import io.cspguard.web.auth.UserSummary;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cspguard demo}: the whole system on one machine — a seeded simulated partner served over HTTPS, collected
 * through the same code that reaches Microsoft, assessed, stored with its audit entries, and shown in the dashboard
 * (sign-in with TOTP) until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the simulator with a seeded partner, collect it over HTTPS, assess it, store the run and "
                + "serve the dashboard until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    /** Microsoft's throttling budgets in shape, twenty times shorter, so the demo takes seconds. */
    private static final double TIME_SCALE = 20;
    private static final List<String> DEMO_ACCOUNTS = List.of("demo-admin", "demo-approver");

    @Option(names = "--seed", defaultValue = "7", description = "The simulated partner's seed (default 7).")
    long seed;

    @Option(names = "--customers", defaultValue = "6", description = "Customer tenants (default 6).")
    int customers;

    @Option(names = "--data", paramLabel = "DIR", description = "The demo's store, world and snapshots "
            + "(default: ~/.local/share/cspguard/demo).")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "The dashboard's port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-browser", description = "Do not open a browser on the dashboard.")
    boolean noBrowser;

    @Option(names = "--no-serve", description = "Stop after storing the run (and its audit entries).")
    boolean noServe;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "cspguard-demo-report.html",
            description = "The HTML report (default: ${DEFAULT-VALUE}).")
    Path output;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Path dir = (data != null ? data : PrivateFiles.dataHome().resolve("demo")).toAbsolutePath().normalize();
        PrivateFiles.createDirectories(dir);
        if (!noServe) {
            port = freePort(port);  // before the work, so that a busy port is said at once
        }
        System.err.printf("demo: generating a partner with %d customers (seed %d)…%n", customers, seed);
        World world = new WorldGenerator().generate(GeneratorOptions.of(seed, customers).withMaxUsers(300));
        Path configFile = dir.resolve("cspguard.yaml");
        try (OutputStream out = PrivateFiles.create(configFile)) {
            out.write(world.configYaml().getBytes(StandardCharsets.UTF_8));
        }
        ConfigLoader.load(configFile);
        StoreOptions store = new StoreOptions();
        store.data = dir;
        try (SimServer sim = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, TIME_SCALE, true));
             ServerStack stack = new ServerStack(store.open(), Clock.systemUTC(), simSource(world, sim, dir),
                     new RunSettings(configFile, dir.resolve("snapshots"), 5, Runtime.getRuntime().availableProcessors()))) {
            UserAccounts users = new UserAccounts(stack.db, stack.audit, stack.clock, dir);
            refuseRealAccounts(users, dir);
            System.err.println("demo: simulator serving " + sim.baseUrl() + "; collecting over HTTPS…");
            StoredRun stored = stack.runService.runNow(RunTrigger.DEMO, "demo", "127.0.0.1");
            Assessment assessment = StoredAssessment.read(stack.runs.assessmentJsonGzip(stored.runId()).orElseThrow());
            try (OutputStream out = new BufferedOutputStream(PrivateFiles.create(output))) {
                ReportWriters.forFormat(ReportFormat.HTML).write(assessment, out);
            }
            printSummary(world, assessment, stored);
            if (noServe) {
                return ExitCodes.OK;
            }
            SecuritySettings security = SecuritySettings.local(port);
            stack.serve("127.0.0.1", port, security, dir);
            printAccounts(users, security.publicUrl());
            if (!noBrowser) {
                Browsers.open(security.publicUrl());
            }
            System.out.println("  serving until stopped (Ctrl-C); \"Run now\" collects the simulator again");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    // let this thread close the dashboard, the store (H2 compacts) and the simulator before the JVM ends
                    closed.await(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cspguard-demo-stop"));
            stopped.await();
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private SnapshotSource simSource(World world, SimServer sim, Path dir) throws Exception {
        Path ca = sim.certificates().writeCaPem(dir.resolve("ca.pem"));
        ConnectionProfile profile = new ConnectionProfile(world.partnerTenantId(), world.app().clientId(),
                ConnectionProfile.Mode.APP, world.app().clientSecret(), null, null, null, sim.baseUrl(),
                sim.baseUrl(), sim.baseUrl(), ca, dir.resolve("connection.json"));
        return (into, config) -> {
            ProgressDisplay progress = ProgressDisplay.forConsole(System.err);
            var collected = LiveCollection.run(profile, config, into, Set.of(), progress, TIME_SCALE);
            progress.finish();
            return LiveCollection.summary(collected);
        };
    }

    private void printSummary(World world, Assessment assessment, StoredRun stored) {
        long found = world.planted().stream().filter(p -> reported(assessment, p)).count();
        System.out.printf("CSP Guard demo: %d tenants assessed — %d pass, %d fail, %d warn, %d not applicable, "
                        + "%d not assessed%n", assessment.tenants().size(), assessment.count(Status.PASS),
                assessment.count(Status.FAIL), assessment.count(Status.WARN), assessment.count(Status.NOT_APPLICABLE),
                assessment.count(Status.NOT_ASSESSED));
        System.out.printf("  the simulator planted %d violations; the assessment reports %d of them%n",
                world.planted().size(), found);
        System.out.printf("  stored as run %d: %d new, %d resolved, %d reopened findings%n", stored.runId(),
                stored.newFindings(), stored.resolvedFindings(), stored.reopenedFindings());
        System.out.println("  report: " + output.toAbsolutePath());
    }

    /** The port to serve on: the one asked for if it is free (0: any free one); says so at once if it is not. */
    private static int freePort(int asked) throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", asked));
            return s.getLocalPort();
        } catch (java.net.BindException e) {
            throw new java.io.IOException("port " + asked + " is in use: pass --port with another one (or --port 0)", e);
        }
    }

    /**
     * The demo resets its own two accounts with printed credentials; pointed at a real store (with other accounts) it
     * would hand out an admin account, so it refuses.
     */
    private static void refuseRealAccounts(UserAccounts users, Path dir) {
        List<String> others = users.list().stream().map(UserSummary::name)
                .filter(n -> !DEMO_ACCOUNTS.contains(n)).toList();
        if (!others.isEmpty()) {
            throw new IllegalStateException(dir + " holds accounts other than the demo's (" + others.size()
                    + "): it is not a demo store; give the demo its own --data folder");
        }
    }

    /** Two demo accounts (an admin and an approver, so that an exception can be requested and approved). */
    private static void printAccounts(UserAccounts users, URI url) {
        System.out.println("CSP Guard dashboard: " + url);
        for (String[] account : new String[][]{{DEMO_ACCOUNTS.get(0), "admin"}, {DEMO_ACCOUNTS.get(1), "approver"}}) {
            String password = randomPassword();
            TotpAccount a = users.createOrResetWithTotp(account[0], Role.parse(account[1]), password, "demo");
            System.out.printf("  sign in as %s (%s): password %s, TOTP secret %s%n      (add it to an authenticator "
                    + "app: %s)%n", account[0], account[1], password, a.secret(), a.otpauthUri());
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
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
}
