package io.cspguard.schedule;

import io.cspguard.audit.AuditTrail;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.runs.ExampleSource;
import io.cspguard.runs.RunService;
import io.cspguard.runs.RunSettings;
import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import io.cspguard.store.RunStore;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database (two connection pools, two schedulers, two run services, as two processes would have)
 * share the scheduled collect + assess: every due execution runs exactly once, never two at a time.
 */
class RunSchedulerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoServersOnOneDatabaseRunEachScheduledExecutionOnce(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation location = TestDatabases.location(kind, dir);
        ExampleSource source = new ExampleSource();
        Clock clock = Clock.systemUTC();
        try (Database a = Database.open(location); Database b = Database.open(location);
             Server first = new Server(a, source, clock, "server-a");
             Server second = new Server(b, source, clock, "server-b")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (storedRuns(a) < 4 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        try (Database db = Database.open(location)) {
            assertThat(storedRuns(db)).isGreaterThanOrEqualTo(4);
            assertThat(source.mostAtOnce.get()).as("runs at the same time").isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM runs WHERE state <> 'stored'"))
                    .as("failed or refused runs: an execution picked twice would show here").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'run.started' AND result = 'denied'"))
                    .isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM runs")).isEqualTo(source.calls.get());
            assertThat(count(db, "SELECT COUNT(*) FROM runs WHERE trigger_kind = 'schedule'"))
                    .isEqualTo(count(db, "SELECT COUNT(*) FROM runs"));
            assertThat(new AuditTrail(db, clock).verify().intact()).isTrue();
        }
    }

    private static long storedRuns(Database db) {
        return count(db, "SELECT COUNT(*) FROM runs WHERE state = 'stored'");
    }

    private static long count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** What one `cspguard serve --connection …` process runs. */
    private final class Server implements AutoCloseable {
        private final RunService runs;
        private final RunScheduler scheduler;

        Server(Database db, ExampleSource source, Clock clock, String name) {
            AuditTrail audit = new AuditTrail(db, clock);
            runs = new RunService(new RunStore(db, clock), new ExceptionStore(db, audit, clock), audit, clock, source,
                    new RunSettings(null, dir.resolve("snapshots-" + name), 2, 1), name);
            scheduler = RunScheduler.start(db, runs, audit, () -> Duration.ofMillis(300),
                    () -> AuditTrail.DEFAULT_RETENTION, name, Duration.ofMillis(100), RunScheduler.THREADS);
        }

        @Override
        public void close() {
            scheduler.close();
            runs.close();
        }
    }

}
