package io.cspguard.store;

import io.cspguard.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Servers sharing one database never begin two runs at once; a dead server's run does not block the next. */
class RunStoreBeginAloneTest {
    private static final Duration STALE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSecondRunIsRefusedWhileOneRuns(TestDatabases.Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore runs = new RunStore(db, clock);
            long first = runs.beginAlone(RunTrigger.SCHEDULE, "system", "a", STALE);
            assertThatThrownBy(() -> runs.beginAlone(RunTrigger.MANUAL, "ann", "b", STALE))
                    .isInstanceOfSatisfying(RunInProgressException.class,
                            e -> assertThat(e.runningRunId()).isEqualTo(first));
            runs.fail(first, "collection failed");
            assertThat(runs.beginAlone(RunTrigger.MANUAL, "ann", "b", STALE)).isGreaterThan(first);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRunWithoutHeartbeatIsFailedAndNoLongerBlocks(TestDatabases.Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore runs = new RunStore(db, clock);
            long dead = runs.beginAlone(RunTrigger.SCHEDULE, "system", "a", STALE);
            clock.advance(Duration.ofMinutes(4));
            runs.heartbeat(dead);
            clock.advance(Duration.ofMinutes(4));
            assertThatThrownBy(() -> runs.beginAlone(RunTrigger.MANUAL, "ann", "b", STALE))
                    .as("heard of 4 minutes ago: alive").isInstanceOf(RunInProgressException.class);
            clock.advance(Duration.ofMinutes(2));
            long next = runs.beginAlone(RunTrigger.MANUAL, "ann", "b", STALE);
            assertThat(runs.state(dead)).contains("failed");
            assertThat(runs.state(next)).contains("running");
            String error = db.jdbi().withHandle(h -> h.createQuery("SELECT error FROM runs WHERE id = :id")
                    .bind("id", dead).mapTo(String.class).one());
            assertThat(error).isEqualTo("abandoned: no heartbeat since 2026-11-26T10:04:00Z");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void serversBeginningAtTheSameMomentStartOneRun(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation location = TestDatabases.location(kind, dir);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        int servers = 4;
        List<Database> pools = new ArrayList<>();
        try {
            for (int i = 0; i < servers; i++) {
                pools.add(Database.open(location));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> attempts = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(servers)) {
                for (int i = 0; i < servers; i++) {
                    RunStore runs = new RunStore(pools.get(i), clock);
                    String worker = "server-" + i;
                    Callable<Long> begin = () -> {
                        go.await();
                        try {
                            return runs.beginAlone(RunTrigger.MANUAL, "ann", worker, STALE);
                        } catch (RunInProgressException refused) {
                            return -1L;
                        }
                    };
                    attempts.add(threads.submit(begin));
                }
                go.countDown();
                List<Long> ids = new ArrayList<>();
                for (Future<Long> f : attempts) {
                    ids.add(f.get());
                }
                assertThat(ids.stream().filter(id -> id > 0)).hasSize(1);
            }
            long running = pools.get(0).jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM runs WHERE state = 'running'").mapTo(Long.class).one());
            assertThat(running).isEqualTo(1);
        } finally {
            pools.forEach(Database::close);
        }
    }
}
