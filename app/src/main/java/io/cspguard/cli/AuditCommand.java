package io.cspguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code cspguard audit}: verify, export and prune the audit trail (docs/audit.md). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify, export (for a SIEM) and prune the tamper-evident audit trail (see docs/audit.md).",
        subcommands = {AuditVerifyCommand.class, AuditExportCommand.class, AuditPruneCommand.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("cspguard audit: name a subcommand: verify, export or prune");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
