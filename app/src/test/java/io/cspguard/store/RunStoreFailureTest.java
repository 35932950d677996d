package io.cspguard.store;

import io.cspguard.testing.MutableClock;
import static io.cspguard.store.Assessments.fail;
import static io.cspguard.store.Assessments.finding;
import static io.cspguard.store.Assessments.of;
import static io.cspguard.store.Assessments.pass;
import static io.cspguard.store.Assessments.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.result.Assessment;
import io.cspguard.result.Finding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A store that fails or dies midway leaves the previous state; runs that stop beating are failed; the blob. */
class RunStoreFailureTest {
    private static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String B = "bbbbbbbb-0000-0000-0000-000000000002";
    private static final String MFA = "CSP.MFA.2";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

    private static Assessment firstRun() {
        return of(tenant(A, fail(MFA, finding(A, MFA, "ann"), finding(A, MFA, "bob"))), tenant(B, pass(MFA)));
    }

    /** A valid run: ann resolved, cat new, B renamed — it would change every table. */
    private static Assessment secondRun() {
        return of(tenant(A, fail(MFA, finding(A, MFA, "bob"), finding(A, MFA, "cat"))), tenant(B, pass(MFA)));
    }

    /** The second run, but B's last finding has an object type longer than its column: the write fails late. */
    private static Assessment secondRunBrokenAtTheEnd() {
        Finding bad = new Finding("f".repeat(32), "x".repeat(41), "obj", "name", "rule", "detail", false, null, null);
        return of(tenant(A, fail(MFA, finding(A, MFA, "bob"), finding(A, MFA, "cat"))), tenant(B, fail(MFA, bad)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailedStoreRollsBackEverythingAndMarksTheRunFailed(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            store.store(store.begin(RunTrigger.CLI, null, "w"), firstRun(), null);
            long second = store.begin(RunTrigger.MANUAL, "alice", "w");
            Map<String, List<Map<String, Object>>> before = StoreTables.contents(db, second);

            assertThatThrownBy(() -> store.store(second, secondRunBrokenAtTheEnd(), "/snap"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("storing run " + second + " failed")
                    .hasMessageContaining("store is as it was before");

            assertThat(StoreTables.contents(db, second)).isEqualTo(before);
            assertThat(store.state(second)).contains("failed");
            Map<String, Object> run = runRow(db, second);
            assertThat((String) run.get("error")).startsWith("store failed: ").containsIgnoringCase("40");
            assertThat(run.get("finished_at")).isNotNull();
            assertThat(run.get("tenant_count")).isNull();
            assertThat(store.assessmentJsonGzip(second)).isEmpty();
            // the mutation alone is what failed: the same run without it stores
            long third = store.begin(RunTrigger.MANUAL, "alice", "w");
            assertThat(store.store(third, secondRun(), "/snap").resolvedFindings()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aProcessDyingMidwayLeavesThePreviousStateAndTheRunIsLaterAbandoned(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            new RunStore(db, clock).store(new RunStore(db, clock).begin(RunTrigger.CLI, null, "w"), firstRun(), null);
            RunStore dying = new RunStore(db, clock, part -> {
                if (part.equals("report")) {
                    throw new ProcessDeath(); // after tenants, results and findings are written, before the commit
                }
            });
            long second = dying.begin(RunTrigger.SCHEDULE, null, "w");
            Map<String, List<Map<String, Object>>> before = StoreTables.contents(db, second);

            assertThatThrownBy(() -> dying.store(second, secondRun(), "/snap")).isInstanceOf(ProcessDeath.class);

            assertThat(StoreTables.contents(db, second)).isEqualTo(before);
            RunStore survivor = new RunStore(db, clock);
            assertThat(survivor.state(second)).contains("running");
            assertThat(survivor.runningRun()).contains(second);
            clock.advance(Duration.ofMinutes(4));
            assertThat(survivor.failAbandoned(Duration.ofMinutes(5))).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(survivor.failAbandoned(Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(survivor.state(second)).contains("failed");
            assertThat(runRow(db, second).get("error")).isEqualTo("abandoned: no heartbeat since 2026-12-01T08:00:00Z");
            assertThat(survivor.runningRun()).isEmpty();
            assertThatThrownBy(() -> survivor.store(second, secondRun(), "/snap")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("run " + second + " is failed, not running");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aHeartbeatKeepsARunAlive(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            long beating = store.begin(RunTrigger.SCHEDULE, null, "w");
            long silent = store.begin(RunTrigger.SCHEDULE, null, "w");
            clock.advance(Duration.ofMinutes(4));
            store.heartbeat(beating);
            clock.advance(Duration.ofMinutes(4));
            assertThat(store.failAbandoned(Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(store.state(beating)).contains("running");
            assertThat(store.state(silent)).contains("failed");
            store.heartbeat(silent); // an ended run is left as it is
            assertThat(store.state(silent)).contains("failed");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void failRecordsTheFirstErrorTruncatedAndRefusesStoredOrUnknownRuns(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            long run = store.begin(RunTrigger.DEMO, null, "w");
            store.fail(run, "collection failed: " + "x".repeat(5000));
            store.fail(run, "a second error");
            String error = (String) runRow(db, run).get("error");
            assertThat(error).startsWith("collection failed: ").hasSize(Failures.MAX_ERROR_LENGTH);
            assertThat(store.state(run)).contains("failed");

            long stored = store.begin(RunTrigger.DEMO, null, "w");
            store.store(stored, firstRun(), null);
            assertThatThrownBy(() -> store.fail(stored, "late")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("run " + stored + " is stored");
            assertThatThrownBy(() -> store.fail(9999, "x")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("no run 9999");
            assertThatThrownBy(() -> store.store(stored, firstRun(), null)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is stored, not running");
            assertThat(store.state(stored)).contains("stored");
            assertThat(store.latestStoredRun()).contains(stored);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theReportBlobIsTheGzippedContractJson(TestDatabases.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            assertThat(store.latestStoredRun()).isEmpty();
            Assessment a = firstRun();
            long run = store.begin(RunTrigger.CLI, null, "w");
            store.store(run, a, null);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ReportWriters.forFormat(ReportFormat.JSON).write(a, expected);
            byte[] gz = store.assessmentJsonGzip(run).orElseThrow();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
            }
            assertThat(store.assessmentJsonGzip(run + 1)).isEmpty();
        }
    }

    private static Map<String, Object> runRow(Database db, long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM runs WHERE id = :id").bind("id", id).mapToMap().one());
    }

    /** Stands for the process being killed: an Error nothing in the store catches. */
    private static final class ProcessDeath extends Error {
        ProcessDeath() {
            super("killed");
        }
    }
}
