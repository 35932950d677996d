package io.cspguard.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.cspguard.testing.MissingEnvironment;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Fresh, migrated stores for tests, on both databases CSP Guard supports. H2 is a file under the test's temporary
 * folder. PostgreSQL is the server named by {@code CSPGUARD_TEST_PG_URL} (CI installs and starts one), otherwise
 * zonky's embedded PostgreSQL; each test gets its own schema. When no PostgreSQL can be had the test says so loudly
 * and is skipped, except under {@code CI=true}, where that is a failure.
 *
 * <pre>
 * &#64;ParameterizedTest &#64;EnumSource(TestDatabases.Kind.class)
 * void stores(TestDatabases.Kind kind, &#64;TempDir Path dir) { try (Database db = TestDatabases.open(kind, dir)) { … } }
 * </pre>
 */
public final class TestDatabases {
    public enum Kind { H2, POSTGRES }

    private static String serverUrl;
    private static String unavailable;

    private TestDatabases() {
    }

    public static Database open(Kind kind, Path tempDir) {
        return Database.open(location(kind, tempDir));
    }

    /** A location for a fresh store (for code under test that opens the store itself). */
    public static DatabaseLocation location(Kind kind, Path tempDir) {
        if (kind == Kind.H2) {
            return DatabaseLocation.embedded(tempDir.resolve("data-" + UUID.randomUUID()));
        }
        String url = postgresUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test schema on " + DatabaseLocation.redact(url) + ": " + e.getMessage(), e);
        }
        String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DatabaseLocation(withSchema, null, null, tempDir.toAbsolutePath());
    }

    public static List<Kind> kinds() {
        return List.of(Kind.values());
    }

    /** The PostgreSQL server's JDBC URL, starting zonky's embedded server once when no server is named. */
    public static synchronized String postgresUrl() {
        if (serverUrl != null) {
            return serverUrl;
        }
        if (unavailable == null) {
            String named = System.getenv("CSPGUARD_TEST_PG_URL");
            if (named != null && !named.isBlank()) {
                serverUrl = named.trim();
                return serverUrl;
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (Exception ignored) {
                        // the JVM is exiting; the embedded server's folder is temporary
                    }
                }));
                serverUrl = pg.getJdbcUrl("postgres", "postgres");
                return serverUrl;
            } catch (Exception | LinkageError e) {
                unavailable = "no PostgreSQL for the store tests: CSPGUARD_TEST_PG_URL is not set and zonky's embedded "
                        + "PostgreSQL did not start (" + e.getMessage() + "; it refuses to run as root). "
                        + "Set CSPGUARD_TEST_PG_URL=jdbc:postgresql://host:5432/db?user=…&password=… to run them.";
            }
        }
        MissingEnvironment.skipOrFail(unavailable);
        throw new AssertionError("unreachable");
    }
}
