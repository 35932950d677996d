package io.cspguard.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives: an embedded H2 file under a data folder (the default) or a PostgreSQL server named by a
 * JDBC URL. The password, when there is one, comes from the URL or from {@code CSPGUARD_DB_PASSWORD}; {@link #describe()}
 * never shows it.
 */
public record DatabaseLocation(String jdbcUrl, String user, String password, Path dataDir) {
    public DatabaseLocation {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** The embedded database of a data folder: {@code DIR/cspguard.mv.db}. */
    public static DatabaseLocation embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("cspguard");
        // PostgreSQL mode so that one set of migrations and queries serves both; AUTO_SERVER lets `cspguard audit verify`
        // read the file while `cspguard serve` holds it.
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;MAX_COMPACT_TIME=3000";
        return new DatabaseLocation(url, "cspguard", "", dataDir.toAbsolutePath().normalize());
    }

    /** A server database from {@code --db}; {@code dataDir} still holds the files that are not in the database. */
    public static DatabaseLocation server(String jdbcUrl, Path dataDir) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--db must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: "
                    + redact(jdbcUrl));
        }
        String password = System.getenv("CSPGUARD_DB_PASSWORD");
        return new DatabaseLocation(jdbcUrl, null, password, dataDir == null ? null : dataDir.toAbsolutePath().normalize());
    }

    public boolean postgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL with any password removed, for messages and logs. */
    public String describe() {
        return redact(jdbcUrl);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }
}
