package io.cspguard.cli;

import io.cspguard.audit.AuditException;
import io.cspguard.audit.AuditFileVerifier;
import io.cspguard.audit.AuditTrail;
import io.cspguard.audit.VerifyReport;
import io.cspguard.store.Database;
import io.cspguard.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code cspguard audit verify (--data DIR [--db URL] | --file FILE)}: checks the stored chain or an export. Exit 0
 * intact, 1 tampered (each problem printed), 2 usage error or nothing to read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the audit trail in the store, or an exported file (--file), for edited, deleted, "
                + "reordered or cut-off entries. Exit 0 intact, 1 tampered, 2 usage error / cannot open.")
final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--file", paramLabel = "FILE",
            description = "An export of `cspguard audit export` (jsonl or syslog) to check instead of the store.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var parsed = spec.commandLine().getParseResult();
        if (file != null && (parsed.hasMatchedOption("--data") || parsed.hasMatchedOption("--db"))) {
            err.println("cspguard audit verify: give either --file or --data/--db, not both");
            return ExitCodes.USAGE;
        }
        VerifyReport report;
        try {
            report = file != null ? verifyFile(file) : verifyStore();
        } catch (StoreException | AuditException | IllegalArgumentException | java.io.IOException e) {
            err.println("cspguard audit verify: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.println(report.summary());
        report.problems().forEach(p -> out.println("  - " + p));
        if (report.problemCount() > report.problems().size()) {
            out.println("  … and " + (report.problemCount() - report.problems().size()) + " more problems");
        }
        out.flush();
        return report.intact() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static VerifyReport verifyFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--file " + file + ": no such file");
        }
        return AuditFileVerifier.verify(file);
    }

    private VerifyReport verifyStore() throws java.io.IOException {
        try (Database db = AuditCli.openExisting(store)) {
            return new AuditTrail(db, Clock.systemUTC()).verify();
        }
    }
}
