package io.cspguard.cli;

import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import io.cspguard.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

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
        } else if (!hasAuditTrail(store.location())) {
            throw new IllegalArgumentException("no CSP Guard store at " + store.location().describe()
                    + " (it has no audit_log table); give the --db of `cspguard serve`");
        }
        return store.open();
    }

    /** Whether the server database already holds an audit trail (looked up without migrating anything). */
    private static boolean hasAuditTrail(DatabaseLocation location) {
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), "audit_log", new String[] {"TABLE"})) {
            return tables.next();
        } catch (SQLException e) {
            throw new StoreException("cannot open the store at " + location.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The actor of an audit command run from a shell: the operating-system user, marked as such. */
    static String osActor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
