package io.cspguard.cli;

import io.cspguard.audit.AuditEvent;
import io.cspguard.audit.AuditQuery;
import io.cspguard.audit.AuditTrail;
import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cspguard audit verify | export | prune}: their output and exit statuses, on H2 and PostgreSQL. */
class AuditCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AuditCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** --data (and --db for PostgreSQL) that name the given test store. */
    private static List<String> storeArgs(DatabaseLocation location) {
        List<String> args = new ArrayList<>(List.of("--data", location.dataDir().toString()));
        if (location.postgres()) {
            args.addAll(List.of("--db", location.jdbcUrl()));
        }
        return args;
    }

    private static String[] args(List<String> store, String... more) {
        List<String> all = new ArrayList<>(List.of(more).subList(0, 1));
        all.addAll(store);
        all.addAll(List.of(more).subList(1, more.length));
        return all.toArray(String[]::new);
    }

    /** A store with three entries recorded at {@code at}. */
    private static DatabaseLocation storeWithEntries(TestDatabases.Kind kind, Path dir, Instant at) {
        DatabaseLocation location = TestDatabases.location(kind, dir);
        try (Database db = Database.open(location)) {
            AuditTrail trail = new AuditTrail(db, Clock.fixed(at, ZoneOffset.UTC));
            trail.record(AuditEvent.success("alice", "192.0.2.1", null, "signin.success", null));
            trail.record(AuditEvent.success("alice", "192.0.2.1", "t1", "tenant.viewed", "t1"));
            trail.record(new AuditEvent("anonymous", "192.0.2.9", null, "signin.failure", "bob", "failure",
                    "wrong code\n<script>"));
        }
        return location;
    }

    private static void sql(DatabaseLocation location, String statement) {
        try (Database db = Database.open(location)) {
            db.jdbi().useHandle(h -> h.execute(statement));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void verifyExitsZeroWhenIntactAndOneWhenTampered(TestDatabases.Kind kind) {
        DatabaseLocation location = storeWithEntries(kind, tmp, Instant.now());
        assertThat(run(args(storeArgs(location), "verify"))).isZero();
        assertThat(out.toString()).startsWith("audit trail intact: 3 entries (seq 1..3)");

        sql(location, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
        out.getBuffer().setLength(0);
        assertThat(run(args(storeArgs(location), "verify"))).isEqualTo(1);
        assertThat(out.toString()).startsWith("audit trail TAMPERED: 1 problem in 3 entries")
                .contains("\n  - seq 2: hash mismatch: the entry was edited");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void exportWritesAnOwnerOnlyFileThatVerifiesAndIsAudited(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation location = storeWithEntries(kind, tmp, Instant.now());
        for (String format : List.of("jsonl", "SYSLOG")) {
            Path file = tmp.resolve("exports").resolve("audit-" + format);
            out.getBuffer().setLength(0);
            assertThat(run(args(storeArgs(location), "export", "--format", format, "--output", file.toString(),
                    "--actor", "auditor"))).as(err.toString()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            out.getBuffer().setLength(0);
            assertThat(run("verify", "--file", file.toString())).isZero();
            assertThat(out.toString()).startsWith("audit trail intact: ");

            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.set(1, lines.get(1).replace("alice", "mallory"));
            Files.write(file, lines, StandardCharsets.UTF_8);
            out.getBuffer().setLength(0);
            assertThat(run("verify", "--file", file.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("  - line 2: seq 2: hash mismatch");
        }
        assertThat(out.toString()).doesNotContain("\u001b");
        try (Database db = Database.open(location)) {
            var exported = new AuditTrail(db, Clock.systemUTC()).recent(AuditQuery.latest(10).byActionPrefix("audit.exported"));
            assertThat(exported).hasSize(2).allSatisfy(e -> assertThat(e.actor()).isEqualTo("auditor"));
            assertThat(exported.get(1).detail()).isEqualTo("3 entries as jsonl");
            assertThat(exported.get(0).detail()).isEqualTo("4 entries as syslog");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void exportSaysHowManyEntries(TestDatabases.Kind kind) {
        DatabaseLocation location = storeWithEntries(kind, tmp, Instant.now());
        Path file = tmp.resolve("audit.jsonl");
        assertThat(run(args(storeArgs(location), "export", "--format", "jsonl", "--output", file.toString()))).isZero();
        assertThat(out.toString()).isEqualTo("exported 3 entries (jsonl) to " + file + System.lineSeparator());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pruneDeletesOldEntriesAndVerifyExplainsIt(TestDatabases.Kind kind) {
        DatabaseLocation location = storeWithEntries(kind, tmp, Instant.now().minus(Duration.ofDays(400)));
        assertThat(run(args(storeArgs(location), "prune", "--retention-days", "30", "--actor", "admin"))).isZero();
        assertThat(out.toString()).startsWith("pruned 3 audit entries older than ").contains("(up to seq 3); recorded as seq 4");

        out.getBuffer().setLength(0);
        assertThat(run(args(storeArgs(location), "verify"))).isZero();
        assertThat(out.toString()).startsWith("audit trail intact: 1 entry (seq 4..4)")
                .contains("entries up to seq 3 (3 older than").contains("by admin");

        out.getBuffer().setLength(0);
        assertThat(run(args(storeArgs(location), "prune"))).isZero();
        assertThat(out.toString()).startsWith("nothing to prune: no audit entry is older than ");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pruneKeepsWhatTheDashboardsRetentionSettingKeeps(TestDatabases.Kind kind) {
        DatabaseLocation location = storeWithEntries(kind, tmp, Instant.now().minus(Duration.ofDays(400)));
        sql(location, "INSERT INTO settings (name, setting_value, updated_by, updated_at)"
                + " VALUES ('audit.retentionDays', '730', 'admin', CURRENT_TIMESTAMP)");
        assertThat(run(args(storeArgs(location), "prune"))).isZero();
        assertThat(out.toString()).as("400-day-old entries are within the 730 days an admin chose")
                .startsWith("nothing to prune");

        out.getBuffer().setLength(0);
        sql(location, "UPDATE settings SET setting_value = '365' WHERE name = 'audit.retentionDays'");
        assertThat(run(args(storeArgs(location), "prune"))).isZero();
        assertThat(out.toString()).startsWith("pruned 3 audit entries");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pruneRefusesATamperedTrail(TestDatabases.Kind kind) {
        DatabaseLocation location = storeWithEntries(kind, tmp, Instant.now().minus(Duration.ofDays(400)));
        sql(location, "DELETE FROM audit_log WHERE seq = 2");
        assertThat(run(args(storeArgs(location), "prune"))).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to prune: the audit trail does not verify")
                .contains("seq 2 are missing");
    }

    @Test
    void anEmptyServerDatabaseIsNotTurnedIntoAnIntactTrail() {
        DatabaseLocation empty = TestDatabases.location(TestDatabases.Kind.POSTGRES, tmp);
        assertThat(run("verify", "--db", empty.jdbcUrl(), "--data", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no CSP Guard store at").contains("no audit_log table")
                .doesNotContain("password=cspguard");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(empty.jdbcUrl());
             java.sql.ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), "%", null)) {
            assertThat(tables.next()).as("verify created nothing").isFalse();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("name a subcommand");
        assertThat(run("verify", "--file", tmp.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        assertThat(run("verify", "--file", "x.jsonl", "--data", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("either --file or --data/--db");
        assertThat(run("export", "--data", tmp.toString(), "--format", "csv", "--output", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("use jsonl or syslog");
        assertThat(run("export", "--data", tmp.toString(), "--format", "jsonl")).isEqualTo(2);
        assertThat(run("prune", "--data", tmp.toString(), "--retention-days", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--retention-days must be at least 1");
        assertThat(run("verify", "--data", tmp.resolve("nothing-here").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no store in").contains("cspguard.mv.db not found");
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
        assertThat(run("verify", "--data", tmp.toString(), "--db", "jdbc:mysql://x/y")).isEqualTo(2);
        assertThat(err.toString()).contains("--db must be a PostgreSQL JDBC URL");
    }
}
