package io.cspguard.store;

import io.cspguard.result.Assessment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunShardsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final Duration STALE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aShardIsClaimedThenDoneWithItsAssessment(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            long run = new RunStore(db, CLOCK).begin(RunTrigger.SCHEDULE, "system", "server-a");
            RunShards shards = new RunShards(db, CLOCK);
            shards.create(run, List.of(List.of("c1", "c2"), List.of("c3")));
            assertThat(shards.of(run)).extracting(RunShards.Shard::state).containsExactly("pending", "pending");
            assertThat(shards.of(run).get(1).tenants()).containsExactly("c3");

            assertThat(shards.claim(run, 0, "server-b", STALE)).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo("running");
                assertThat(s.worker()).isEqualTo("server-b");
                assertThat(s.tenants()).containsExactly("c1", "c2");
            });
            assertThat(shards.assessmentJsonGzip(run, 0)).isEmpty();
            Assessment a = new Assessment(1, CLOCK.instant(), "p", "CSP Guard", "test", "/x", "ab", 3, "cd", List.of());
            shards.finish(run, 0, "server-b", a);

            assertThat(shards.of(run).get(0).done()).isTrue();
            assertThat(shards.assessmentJsonGzip(run, 0)).isPresent();
            assertThat(shards.claim(run, 0, "server-a", STALE)).as("a done shard is not taken again").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailedShardKeepsItsReasonAndAShardOfAnEndedRunIsNotTaken(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore runs = new RunStore(db, CLOCK);
            long run = runs.begin(RunTrigger.SCHEDULE, "system", "server-a");
            RunShards shards = new RunShards(db, CLOCK);
            shards.create(run, List.of(List.of("c1"), List.of("c2")));
            shards.claim(run, 0, "server-b", STALE);
            shards.fail(run, 0, "server-b", "HTTP 503 from graph");
            assertThat(shards.of(run).get(0)).satisfies(s -> {
                assertThat(s.failed()).isTrue();
                assertThat(s.error()).isEqualTo("HTTP 503 from graph");
            });

            runs.fail(run, "shard 0 failed");
            assertThat(shards.claim(run, 1, "server-b", STALE)).isEmpty();
            assertThat(shards.of(run).get(1).state()).isEqualTo("pending");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTakenOverShardCanOnlyBeEndedByItsNewWorker(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            long run = new RunStore(db, CLOCK).begin(RunTrigger.SCHEDULE, "system", "server-a");
            RunShards shards = new RunShards(db, CLOCK);
            shards.create(run, List.of(List.of("c1")));
            shards.claim(run, 0, "server-b", STALE);
            assertThat(shards.claim(run, 0, "server-c", STALE)).as("server-b went silent; server-c takes over")
                    .hasValueSatisfying(s -> assertThat(s.worker()).isEqualTo("server-c"));
            shards.fail(run, 0, "server-b", "late failure of the old owner");
            assertThat(shards.of(run).get(0).state()).isEqualTo("running");
            shards.finish(run, 0, "server-b", new Assessment(1, CLOCK.instant(), "p", "CSP Guard", "test", "/x", "ab",
                    3, "cd", List.of()));
            assertThat(shards.of(run).get(0).done()).as("the old owner cannot finish it either").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aShardGivenBackIsPendingAgainAndTakenLater(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            long run = new RunStore(db, CLOCK).begin(RunTrigger.SCHEDULE, "system", "server-a");
            RunShards shards = new RunShards(db, CLOCK);
            shards.create(run, List.of(List.of("c1")));
            shards.claim(run, 0, "server-b", STALE);
            shards.release(run, 0, "server-b");
            assertThat(shards.of(run).get(0)).satisfies(s -> {
                assertThat(s.state()).isEqualTo("pending");
                assertThat(s.worker()).isNull();
            });
            assertThat(shards.claim(run, 0, "server-c", STALE)).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aShardOfASilentRunIsNotTaken(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            Clock earlier = Clock.offset(CLOCK, Duration.ofMinutes(-6));
            long run = new RunStore(db, earlier).begin(RunTrigger.SCHEDULE, "system", "server-a");
            RunShards shards = new RunShards(db, CLOCK);
            shards.create(run, List.of(List.of("c1")));
            assertThat(shards.claim(run, 0, "server-b", STALE)).as("no heartbeat for 6 minutes: its server died")
                    .isEmpty();
            new RunStore(db, CLOCK).heartbeat(run);
            assertThat(shards.claim(run, 0, "server-b", STALE)).isPresent();
        }
    }
}
