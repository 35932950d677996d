package io.cspguard.cli;

import io.cspguard.audit.AuditException;
import io.cspguard.audit.AuditTamperedException;
import io.cspguard.audit.AuditTime;
import io.cspguard.audit.AuditTrail;
import io.cspguard.web.admin.SettingsStore;
import io.cspguard.audit.PruneResult;
import io.cspguard.store.Database;
import io.cspguard.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code cspguard audit prune [--retention-days N] [--actor NAME]}: deletes the entries older than the retention,
 * leaving an anchor and an {@code audit.pruned} entry. Exit 0 done (or nothing to prune), 1 refused because the trail
 * does not verify, 2 usage error / cannot open.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete audit entries older than the retention (the dashboard's setting, default 365 days). The pruning is audited and "
                + "anchored, so that `verify` tells it from truncation; a trail that does not verify is not pruned.")
final class AuditPruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--retention-days", paramLabel = "N",
            description = "Keep this many days (default: the store's setting audit.retentionDays, else 365).")
    Long retentionDays;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who prunes, for the audit trail (default: ${DEFAULT-VALUE}).")
    String actor = AuditCli.osActor();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (retentionDays != null && retentionDays < 1) {
            err.println("cspguard audit prune: --retention-days must be at least 1, got " + retentionDays);
            return ExitCodes.USAGE;
        }
        try (Database db = AuditCli.openExisting(store)) {
            long days = retentionDays != null ? retentionDays : configuredDays(db);
            PruneResult result = new AuditTrail(db, Clock.systemUTC()).prune(Duration.ofDays(days), actor);
            if (result.pruned()) {
                out.println("pruned " + result.count() + " audit entries older than " + AuditTime.format(result.cutoff())
                        + " (up to seq " + result.anchor().lastSeq() + "); recorded as seq " + result.prunedEntrySeq());
            } else {
                out.println("nothing to prune: no audit entry is older than " + AuditTime.format(result.cutoff()));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (AuditTamperedException e) {
            err.println("cspguard audit prune: " + e.getMessage());
            return ExitCodes.FINDINGS;
        } catch (StoreException | AuditException | IllegalArgumentException | IOException e) {
            err.println("cspguard audit prune: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** What an admin set in the dashboard (the scheduled pruning uses it too), else the default. */
    private static long configuredDays(Database db) {
        try {
            return new SettingsStore(db, new AuditTrail(db, Clock.systemUTC()), Clock.systemUTC()).retentionDays();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the store's " + SettingsStore.RETENTION_DAYS
                    + " is not a number of days: " + e.getMessage());
        }
    }
}
