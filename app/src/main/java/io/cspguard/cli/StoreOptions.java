package io.cspguard.cli;

import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --data DIR [--db URL]}: where the store is. Shared by every command that opens it (serve, demo, users,
 * audit), so that they all find the same one by default.
 */
public final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder: the embedded database and the run snapshots (default: ${DEFAULT-VALUE}).")
    Path data = PrivateFiles.dataHome();

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "A PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db?user=…) to use instead of the embedded "
                    + "database; the password may also come from CSPGUARD_DB_PASSWORD.")
    String db;

    public Path dataDir() {
        return data.toAbsolutePath().normalize();
    }

    public DatabaseLocation location() {
        return db == null ? DatabaseLocation.embedded(dataDir()) : DatabaseLocation.server(db, dataDir());
    }

    /** Creates the data folder (owner-only) and opens the migrated store. */
    public Database open() throws java.io.IOException {
        PrivateFiles.createDirectories(dataDir());
        return Database.open(location());
    }
}
