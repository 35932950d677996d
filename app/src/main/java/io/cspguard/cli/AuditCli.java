package io.cspguard.cli;

import io.cspguard.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the audit subcommands share: opening an existing store, and who the command-line actor is. */
final class AuditCli {
    private AuditCli() {
    }

    /**
     * Opens the store, refusing to create one: verifying a folder that holds no store must not report a new, empty
     * trail as intact.
     */
    static Database openExisting(StoreOptions store) throws IOException {
        if (store.db == null) {
            Path file = store.dataDir().resolve("cspguard.mv.db");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no store in " + store.dataDir() + " (" + file.getFileName()
                        + " not found); give the --data folder of `cspguard serve`, or --db");
            }
        }
        return store.open();
    }

    /** The actor of an audit command run from a shell: the operating-system user, marked as such. */
    static String osActor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
