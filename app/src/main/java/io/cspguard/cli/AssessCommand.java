package io.cspguard.cli;

import io.cspguard.graph.collect.SnapshotWriter;
import io.cspguard.config.Config;
import io.cspguard.config.ConfigException;
import io.cspguard.config.ConfigLoader;
import io.cspguard.eval.Assessor;
import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.result.Assessment;
import io.cspguard.result.Status;
import io.cspguard.snapshot.InputException;
import io.cspguard.snapshot.SnapshotInput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cspguard assess}: judges a snapshot against the catalog and writes reports (formats.md §3). */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "Assess a snapshot (a collection or one tenant folder) and write reports.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:nothing reaches --fail-on", "1:something reaches --fail-on",
                "2:usage, configuration or input error (or, with --live, the partner could not be collected)"})
final class AssessCommand implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "PATH",
            description = "A collection (with collection.json) or one tenant folder (with tenant.json).")
    Path input;

    @Option(names = "--live", description = "Collect first (with --connection), then assess what was collected.")
    boolean live;

    @Option(names = "--connection", paramLabel = "FILE", description = "With --live: the connection profile.")
    Path connection;

    @Option(names = "--config", paramLabel = "FILE", description = "cspguard.yaml (default: built-in defaults).")
    Path config;

    @Option(names = "--format", paramLabel = "FMT", split = ",",
            description = "json (default), html, csv, md, ocsf; repeat (or separate with commas) for several.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "PATH",
            description = "With one format: the file (default: standard output). With several: a folder that receives report.<ext>.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "fail",
            description = "fail (default), warn or never: what makes the exit status 1.")
    String failOn;

    @Option(names = "--strict", description = "NOT_ASSESSED counts like FAIL for the exit status.")
    boolean strict;

    @Option(names = "--tenant", paramLabel = "ID",
            description = "Report only this tenant (repeatable): a report for one customer without the others' data.")
    List<String> tenants = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Tenants assessed at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintStream err = System.err;
        Set<ReportFormat> wanted = new LinkedHashSet<>();
        try {
            for (String f : formats.isEmpty() ? List.of("json") : formats) {
                wanted.add(ReportFormat.parse(f.trim()));
            }
        } catch (IllegalArgumentException e) {
            err.println("cspguard assess: --format: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String level = failOn.toLowerCase(Locale.ROOT);
        if (!Set.of("fail", "warn", "never").contains(level)) {
            err.println("cspguard assess: --fail-on must be fail, warn or never (got '" + failOn + "')");
            return ExitCodes.USAGE;
        }
        if (wanted.size() > 1 && (output == null || (Files.exists(output) && !Files.isDirectory(output)))) {
            err.println("cspguard assess: several formats need --output to name a folder (it receives report.<ext> "
                    + "for each)" + (output == null ? "" : "; " + output + " is a file"));
            return ExitCodes.USAGE;
        }
        Config cfg;
        try {
            cfg = config == null ? Config.DEFAULTS : ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println("cspguard assess: configuration error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (live == (input != null) || (live && connection == null)) {
            err.println("cspguard assess: give --input PATH, or --live with --connection FILE");
            return ExitCodes.USAGE;
        }
        Path source = input;
        if (live) {
            if (config == null) {
                err.println("cspguard assess: note: no --config, so no break-glass accounts or exceptions apply");
            }
            try {
                source = collect(cfg);
            } catch (java.io.IOException | io.cspguard.graph.auth.ProfileException e) {
                err.println("cspguard assess: collection failed: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (source == null) {
                return ExitCodes.USAGE;
            }
        }
        try {
            return assessAndReport(source, cfg, wanted, level);
        } finally {
            if (live && source != null) {
                // a live collection holds customers' users, sign-ins and audits: it does not outlive the run
                SnapshotWriter.deleteTree(source.getParent());
            }
        }
    }

    private int assessAndReport(Path source, Config cfg, Set<ReportFormat> wanted, String level)
            throws InterruptedException, IOException {
        PrintStream err = System.err;
        SnapshotInput snapshot;
        try {
            snapshot = SnapshotInput.open(source);
        } catch (InputException e) {
            err.println("cspguard assess: input error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Assessor assessor = new Assessor(cfg, io.cspguard.controls.OwnRecords.NONE, java.time.Clock.systemUTC(),
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        Assessment assessment = assessor.assess(snapshot, new LinkedHashSet<>(tenants), ToolVersion.version());
        List<String> unknownTenants = tenants.stream().filter(id -> assessment.tenants().stream()
                .noneMatch(t -> t.tenantId().equalsIgnoreCase(id))).toList();
        if (!unknownTenants.isEmpty()) {
            err.println("cspguard assess: --tenant names no tenant of the input: " + String.join(", ", unknownTenants));
            return ExitCodes.USAGE;
        }
        try {
            write(assessment, wanted);
        } catch (IOException e) {
            err.println("cspguard assess: cannot write the report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return exitStatus(assessment, level, strict);
    }

    /** --live: a full collection into a private folder; null when the partner itself could not be collected. */
    private Path collect(Config cfg) throws IOException, InterruptedException, io.cspguard.graph.auth.ProfileException {
        Path dir = Files.createTempDirectory("cspguard-live",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        io.cspguard.graph.auth.ConnectionProfile profile = io.cspguard.graph.auth.ProfileLoader.load(connection);
        ProgressDisplay progress = ProgressDisplay.forConsole(System.err);
        io.cspguard.graph.collect.CollectionResult result = LiveCollection.run(profile, cfg, dir.resolve("snapshot"),
                new LinkedHashSet<>(tenants), progress);
        progress.finish();
        LiveCollection.report(result, System.err);
        return result.exitCode() == 2 ? null : dir.resolve("snapshot");
    }

    private void write(Assessment assessment, Set<ReportFormat> wanted) throws IOException {
        if (wanted.size() == 1 && output == null) {
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            ReportWriters.forFormat(wanted.iterator().next()).write(assessment, out);
            out.flush();
            return;
        }
        for (ReportFormat f : wanted) {
            Path file = wanted.size() == 1 && !Files.isDirectory(output) ? output : output.resolve(f.fileName());
            try (OutputStream out = new BufferedOutputStream(PrivateFiles.create(file), 1 << 16)) {
                ReportWriters.forFormat(f).write(assessment, out);
            }
            System.err.println("cspguard assess: wrote " + file);
        }
    }

    static int exitStatus(Assessment a, String failOn, boolean strict) {
        long fails = a.count(Status.FAIL) + (strict ? a.count(Status.NOT_ASSESSED) : 0);
        long warns = a.count(Status.WARN);
        return switch (failOn) {
            case "never" -> ExitCodes.OK;
            case "warn" -> fails + warns > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
            default -> fails > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
        };
    }
}
