package io.cspguard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;

/**
 * The store's connection pool, migrated to the current schema on open. One set of Flyway migrations
 * ({@code db/migration}) serves H2 (in PostgreSQL mode) and PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private final DatabaseLocation location;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(DatabaseLocation location, HikariDataSource dataSource) {
        this.location = location;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the pool and applies any pending migration; fails with the URL (password hidden) when it cannot. */
    public static Database open(DatabaseLocation location) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(location.jdbcUrl());
        if (location.user() != null) {
            cfg.setUsername(location.user());
        }
        if (location.password() != null) {
            cfg.setPassword(location.password());
        }
        cfg.setPoolName("cspguard-store");
        cfg.setMaximumPoolSize(location.postgres() ? 16 : 8);
        cfg.setMinimumIdle(1);
        cfg.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot open the store at " + location.describe() + ": " + rootMessage(e), e);
        }
        restrictEmbeddedFiles(location);
        return new Database(location, ds);
    }

    /**
     * H2 creates its files with the process's umask; they hold people's names and the audit trail, so they are made
     * readable by their owner only, like every other file CSP Guard writes.
     */
    private static void restrictEmbeddedFiles(DatabaseLocation location) {
        if (location.postgres() || location.dataDir() == null
                || !java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (var files = java.nio.file.Files.list(location.dataDir())) {
            for (java.nio.file.Path f : files.filter(p -> p.getFileName().toString().startsWith("cspguard.")
                    && p.getFileName().toString().endsWith(".db")).toList()) {
                java.nio.file.Files.setPosixFilePermissions(f,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot make the store's files private in " + location.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseLocation location() {
        return location;
    }

    public boolean postgres() {
        return location.postgres();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : DatabaseLocation.redact(t.getMessage());
    }
}
