package io.cspguard.cli;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigException;
import io.cspguard.config.ConfigLoader;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.auth.ProfileException;
import io.cspguard.graph.auth.ProfileLoader;
import io.cspguard.graph.collect.CollectionResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cspguard collect}: the partner and every customer, through Graph, GDAP and Partner Center, into a snapshot. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Collect the partner tenant and every customer tenant into a snapshot (formats.md §1).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:complete (reads refused for want of a licence are expected)",
                "1:partial: some reads or customers failed (listed)", "2:error (the partner could not be collected, "
                + "or a usage, profile or configuration error)"})
final class CollectCommand implements Callable<Integer> {
    @Option(names = "--connection", required = true, paramLabel = "FILE", description = "The connection profile.")
    Path connection;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the snapshot.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE",
            description = "cspguard.yaml (its signInWindowDays and privilegedRoles shape the collection).")
    Path config;

    @Option(names = "--tenant", paramLabel = "ID", description = "Collect only this customer (repeatable); the "
            + "partner is always collected.")
    List<String> tenants = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ConnectionProfile profile;
        Config cfg;
        try {
            profile = ProfileLoader.load(connection);
            cfg = config == null ? Config.DEFAULTS : ConfigLoader.load(config);
        } catch (ProfileException | ConfigException e) {
            System.err.println("cspguard collect: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ProgressDisplay progress = ProgressDisplay.forConsole(System.err);
        try {
            CollectionResult result = LiveCollection.run(profile, cfg, out, new LinkedHashSet<>(tenants), progress);
            progress.finish();
            LiveCollection.report(result, System.err);
            return result.exitCode();
        } catch (ProfileException | java.io.IOException e) {
            progress.finish();
            System.err.println("cspguard collect: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
