package io.cspguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.bench.StoreBenchmark;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several drifting synthetic runs (the benchmark's generator) through the store: after every run, the open findings of
 * each tenant and control the run judged are exactly the run's findings there, and nothing else moved.
 */
class RunStoreSyntheticRunsTest {
    private static final int TENANTS = 60;
    private static final int RUNS = 4;

    @TempDir
    Path dir;

    @Test
    void theGeneratorIsDeterministicAndDrifts() {
        Assessment a = StoreBenchmark.syntheticAssessment(TENANTS, 2, 7);
        assertThat(StoreBenchmark.syntheticAssessment(TENANTS, 2, 7)).isEqualTo(a);
        assertThat(a.tenants().get(0).role()).isEqualTo("partner");
        assertThat(a.tenants()).allSatisfy(t -> assertThat(t.results()).hasSize(26));
        Set<String> second = findingIds(a);
        Set<String> third = findingIds(StoreBenchmark.syntheticAssessment(TENANTS, 3, 7));
        assertThat(second).isNotEqualTo(third);
        assertThat(second.stream().filter(third::contains).count()).isGreaterThan(second.size() * 3L / 4);
        assertThat(second.size() / (double) a.tenants().size()).isBetween(20.0, 60.0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void openFindingsFollowEveryJudgedResult(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
            int added = 0;
            int resolved = 0;
            int reopened = 0;
            for (int run = 1; run <= RUNS; run++) {
                Assessment a = StoreBenchmark.syntheticAssessment(TENANTS, run, 3);
                StoredRun stored = store.store(store.begin(RunTrigger.CLI, null, "test"), a, null);
                added += stored.newFindings();
                resolved += stored.resolvedFindings();
                reopened += stored.reopenedFindings();
                for (TenantResult t : a.tenants()) {
                    for (ControlResult r : t.results()) {
                        if (r.status() != Status.NOT_ASSESSED) {
                            assertThat(openIn(db, t.tenantId(), r.controlId()))
                                    .as("run %d, %s, %s", run, t.tenantId(), r.controlId())
                                    .isEqualTo(r.findings().stream().map(Finding::findingId).collect(
                                            java.util.stream.Collectors.toSet()));
                        }
                    }
                }
                assertThat(StoreTables.count(db, "results")).isEqualTo(resultsUpTo(run));
            }
            assertThat(added).isEqualTo(StoreTables.count(db, "findings"));
            assertThat(resolved).isPositive();
            assertThat(reopened).isPositive();
            assertThat(StoreTables.count(db, "finding_events")).isEqualTo(added + resolved + reopened);
        }
    }

    private static int resultsUpTo(int run) {
        int total = 0;
        for (int r = 1; r <= run; r++) {
            total += StoreBenchmark.syntheticAssessment(TENANTS, r, 3).tenants().stream()
                    .mapToInt(t -> t.results().size()).sum();
        }
        return total;
    }

    private static Set<String> openIn(Database db, String tenant, String control) {
        return new HashSet<>(db.jdbi().withHandle(h -> h.createQuery("SELECT finding_id FROM findings WHERE tenant_id = :t "
                        + "AND control_id = :c AND state = 'open'").bind("t", tenant).bind("c", control)
                .mapTo(String.class).list()));
    }

    private static Set<String> findingIds(Assessment a) {
        Set<String> ids = new HashSet<>();
        for (TenantResult t : a.tenants()) {
            for (ControlResult r : t.results()) {
                r.findings().forEach(f -> ids.add(f.findingId()));
            }
        }
        return ids;
    }
}
