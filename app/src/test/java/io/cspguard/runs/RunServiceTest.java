package io.cspguard.runs;

import io.cspguard.audit.AuditEntry;
import io.cspguard.audit.AuditQuery;
import io.cspguard.audit.AuditTrail;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.store.Database;
import io.cspguard.store.RunStore;
import io.cspguard.store.RunTrigger;
import io.cspguard.store.StoredRun;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunServiceTest {
    /** The example was collected on 2026-11-20; the runs happen the day after. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final String CUSTOMER = "6136a0b9-578f-4614-9d60-68e224dbab19";
    private static final String NO_MFA_USER = "67bd6748-5282-4520-a92e-5406aa572a08";

    @TempDir
    Path dir;

    private RunService service(Database db, SnapshotSource source, int keep) {
        AuditTrail audit = new AuditTrail(db, CLOCK);
        return new RunService(new RunStore(db, CLOCK), new ExceptionStore(db, audit, CLOCK), audit, CLOCK, source,
                new RunSettings(ExampleSource.EXAMPLE_CONFIG, dir.resolve("snapshots"), keep, 2), "test-worker");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRunCollectsAssessesStoresAndAuditsEachStep(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir); RunService runs = service(db, new ExampleSource(), 5)) {
            StoredRun stored = runs.runNow(RunTrigger.SCHEDULE, "system", null);

            assertThat(stored.tenants()).isEqualTo(4);
            assertThat(stored.newFindings()).isPositive();
            assertThat(new RunStore(db, CLOCK).state(stored.runId())).contains("stored");
            assertThat(dir.resolve("snapshots/run-" + stored.runId() + "/collection.json")).exists();
            assertThat(actions(db)).containsSubsequence("run.started", "run.stored");
            assertThat(configExceptions(db)).as("cspguard.yaml's exceptions are mirrored in the store").isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailedCollectionMarksTheRunFailedAndKeepsThePreviousResults(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            long first;
            try (RunService good = service(db, new ExampleSource(), 5)) {
                first = good.runNow(RunTrigger.SCHEDULE, "system", null).runId();
            }
            SnapshotSource broken = (into, config) -> {
                throw new IOException("graph.microsoft.com unreachable");
            };
            try (RunService bad = service(db, broken, 5)) {
                assertThatThrownBy(() -> bad.runNow(RunTrigger.MANUAL, "ann", "10.0.0.7"))
                        .isInstanceOf(RunFailedException.class).hasMessageContaining("unreachable");
            }
            RunStore store = new RunStore(db, CLOCK);
            assertThat(store.latestStoredRun()).contains(first);
            assertThat(store.state(first + 1)).contains("failed");
            AuditEntry failed = new AuditTrail(db, CLOCK).recent(AuditQuery.latest(1)).get(0);
            assertThat(failed.action()).isEqualTo("run.failed");
            assertThat(failed.actor()).isEqualTo("ann");
            assertThat(failed.detail()).contains("unreachable");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSecondRunIsRefusedWhileOneIsInProgress(TestDatabases.Kind kind) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SnapshotSource slow = (into, config) -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            ExampleSource.copyTree(ExampleSource.EXAMPLE, into);
            return "slow";
        };
        try (Database db = TestDatabases.open(kind, dir); RunService runs = service(db, slow, 5)) {
            long id = runs.start("ann", "10.0.0.7");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> runs.start("bob", "10.0.0.8"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in progress");
            release.countDown();
            RunStore store = new RunStore(db, CLOCK);
            for (int i = 0; i < 100 && !store.state(id).orElseThrow().equals("stored"); i++) {
                Thread.sleep(100);
            }
            assertThat(store.state(id)).contains("stored");
            assertThat(actions(db)).contains("run.started");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anExceptionApprovedInTheDashboardAppliesToTheNextRun(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir); RunService runs = service(db, new ExampleSource(), 5)) {
            runs.runNow(RunTrigger.SCHEDULE, "system", null);
            assertThat(accepted(db, NO_MFA_USER)).isFalse();

            AuditTrail audit = new AuditTrail(db, CLOCK);
            ExceptionStore exceptions = new ExceptionStore(db, audit, CLOCK);
            long id = exceptions.request(CUSTOMER, "CSP.MFA.1", List.of(NO_MFA_USER), "service account being retired",
                    LocalDate.of(2026, 12, 20), "ann", "10.0.0.7");
            exceptions.approve(id, "bob", "10.0.0.8");
            runs.runNow(RunTrigger.SCHEDULE, "system", null);

            assertThat(accepted(db, NO_MFA_USER)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void onlyTheNewestSnapshotsAreKept(TestDatabases.Kind kind) throws IOException {
        try (Database db = TestDatabases.open(kind, dir); RunService runs = service(db, new ExampleSource(), 1)) {
            long first = runs.runNow(RunTrigger.SCHEDULE, "system", null).runId();
            long second = runs.runNow(RunTrigger.SCHEDULE, "system", null).runId();
            try (var left = Files.list(dir.resolve("snapshots"))) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("run-" + second);
            }
            assertThat(dir.resolve("snapshots/run-" + first)).doesNotExist();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRunWhoseStartCannotBeAuditedDoesNotGoAhead(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = new AuditTrail(db, CLOCK);
            io.cspguard.audit.Audit failing = event -> {
                if (event.action().equals("run.started")) {
                    throw new io.cspguard.audit.AuditException("the audit head is missing");
                }
                trail.record(event);
            };
            ExampleSource source = new ExampleSource();
            try (RunService runs = new RunService(new RunStore(db, CLOCK), new ExceptionStore(db, trail, CLOCK), failing,
                    CLOCK, source, new RunSettings(null, dir.resolve("snapshots"), 5, 2), "test-worker")) {
                assertThatThrownBy(() -> runs.runNow(RunTrigger.SCHEDULE, "system", null))
                        .hasMessageContaining("audit head is missing");
            }
            assertThat(source.calls).hasValue(0);
            assertThat(new RunStore(db, CLOCK).runningRun()).isEmpty();
            assertThat(new RunStore(db, CLOCK).state(1)).contains("failed");
        }
    }

    private static List<String> actions(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log ORDER BY seq")
                .mapTo(String.class).list());
    }

    private static int configExceptions(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM exceptions WHERE source = 'config'")
                .mapTo(Integer.class).one());
    }

    private static boolean accepted(Database db, String objectId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT accepted FROM findings WHERE tenant_id = :t"
                        + " AND control_id = 'CSP.MFA.1' AND object_id = :o")
                .bind("t", CUSTOMER).bind("o", objectId).mapTo(Boolean.class).one());
    }
}
