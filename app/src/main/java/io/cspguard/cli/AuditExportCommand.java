package io.cspguard.cli;

import io.cspguard.audit.AuditEvent;
import io.cspguard.audit.AuditException;
import io.cspguard.audit.AuditTrail;
import io.cspguard.audit.ExportFormat;
import io.cspguard.store.Database;
import io.cspguard.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code cspguard audit export --format jsonl|syslog --output FILE}: the whole chain, anchor first and head checkpoint
 * last, into an owner-only file for a SIEM. The export is itself audited ({@code audit.exported}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the audit trail for a SIEM: JSON Lines or RFC 5424 syslog lines, ending with the head "
                + "checkpoint so that a file cut short is detected (check it with `cspguard audit verify --file`).")
final class AuditExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--format", required = true, paramLabel = "jsonl|syslog", converter = AuditFormatConverter.class,
            description = "jsonl (one JSON object per line) or syslog (RFC 5424).")
    ExportFormat format;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The file to write (mode 0600).")
    Path output;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who exports, for the audit trail (default: ${DEFAULT-VALUE}).")
    String actor = AuditCli.osActor();

    @Override
    public Integer call() {
        try (Database db = AuditCli.openExisting(store)) {
            AuditTrail trail = new AuditTrail(db, Clock.systemUTC());
            long entries;
            try (OutputStream out = PrivateFiles.create(output)) {
                entries = trail.export(format, out);
            } catch (IOException | AuditException e) {
                Files.deleteIfExists(output);
                throw e;
            }
            trail.record(new AuditEvent(actor, null, null, "audit.exported", output.toAbsolutePath().toString(),
                    "success", entries + " entries as " + format.id()));
            spec.commandLine().getOut().println("exported " + entries + (entries == 1 ? " entry" : " entries") + " ("
                    + format.id() + ") to " + output);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (StoreException | AuditException | IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println("cspguard audit export: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
