package io.cspguard.store;

import io.cspguard.result.Assessment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunShardsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

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

            assertThat(shards.claim(run, 0, "server-b")).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo("running");
                assertThat(s.worker()).isEqualTo("server-b");
                assertThat(s.tenants()).containsExactly("c1", "c2");
            });
            assertThat(shards.assessmentJsonGzip(run, 0)).isEmpty();
            Assessment a = new Assessment(1, CLOCK.instant(), "p", "CSP Guard", "test", "/x", "ab", 3, "cd", List.of());
            shards.finish(run, 0, a);

            assertThat(shards.of(run).get(0).done()).isTrue();
            assertThat(shards.assessmentJsonGzip(run, 0)).isPresent();
            assertThat(shards.claim(run, 0, "server-a")).as("a done shard is not taken again").isEmpty();
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
            shards.claim(run, 0, "server-b");
            shards.fail(run, 0, "HTTP 503 from graph");
            assertThat(shards.of(run).get(0)).satisfies(s -> {
                assertThat(s.failed()).isTrue();
                assertThat(s.error()).isEqualTo("HTTP 503 from graph");
            });

            runs.fail(run, "shard 0 failed");
            assertThat(shards.claim(run, 1, "server-b")).isEmpty();
            assertThat(shards.of(run).get(1).state()).isEqualTo("pending");
        }
    }
}
