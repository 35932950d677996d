package io.cspguard.store;

import io.cspguard.testing.MutableClock;
import static io.cspguard.store.Assessments.accepted;
import static io.cspguard.store.Assessments.fail;
import static io.cspguard.store.Assessments.finding;
import static io.cspguard.store.Assessments.notAssessed;
import static io.cspguard.store.Assessments.of;
import static io.cspguard.store.Assessments.pass;
import static io.cspguard.store.Assessments.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.result.Assessment;
import io.cspguard.result.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The findings lifecycle across runs, and what a stored run records, on H2 and PostgreSQL. */
class RunStoreLifecycleTest {
    private static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String B = "bbbbbbbb-0000-0000-0000-000000000002";
    private static final String MFA = "CSP.MFA.2";
    private static final String PRIV = "CSP.PRIV.3";
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private final Finding ann = finding(A, MFA, "ann");
    private final Finding bob = finding(A, MFA, "bob");
    private final Finding cat = finding(B, PRIV, "cat");
    private final Finding dan = finding(A, MFA, "dan");

    /** The compliant base: every tenant judged, every control passing. */
    private static Assessment compliant() {
        return of(tenant(Assessments.PARTNER, pass(MFA), pass(PRIV)), tenant(A, pass(MFA), pass(PRIV)),
                tenant(B, pass(MFA), pass(PRIV)));
    }

    private Assessment withFindings(Finding... inA) {
        return of(tenant(Assessments.PARTNER, pass(MFA), pass(PRIV)), tenant(A, fail(MFA, inA), pass(PRIV)),
                tenant(B, pass(MFA), fail(PRIV, cat)));
    }

    private StoredRun store(RunStore store, Assessment a) {
        clock.advance(Duration.ofHours(1));
        long id = store.begin(RunTrigger.SCHEDULE, null, "worker-1");
        return store.store(id, a, "/data/snapshots/run-" + id);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCompliantRunStoresResultsAndNoFindings(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            StoredRun run = store(store, compliant());

            assertThat(run.tenants()).isEqualTo(3);
            assertThat(run.newFindings() + run.resolvedFindings() + run.reopenedFindings()).isZero();
            assertThat(StoreTables.count(db, "results")).isEqualTo(6);
            assertThat(StoreTables.count(db, "findings")).isZero();
            Map<String, Object> row = runRow(db, run.runId());
            assertThat(row).containsEntry("state", "stored").containsEntry("trigger_kind", "schedule")
                    .containsEntry("tenant_count", 3).containsEntry("pass_count", 6).containsEntry("fail_count", 0)
                    .containsEntry("input_sha256", "a".repeat(64)).containsEntry("config_hash", "b".repeat(64))
                    .containsEntry("tool_version", "0.1.0-test").containsEntry("partner_tenant_id", Assessments.PARTNER)
                    .containsEntry("snapshot_location", "/data/snapshots/run-" + run.runId());
            assertThat(instant(row.get("generated_at"))).isEqualTo(Assessments.GENERATED);
            assertThat(instant(row.get("finished_at"))).isEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(store.latestStoredRun()).contains(run.runId());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void findingsAreNewThenResolvedOrKeptThenReopened(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);

            StoredRun first = store(store, withFindings(ann, bob));
            assertThat(List.of(first.newFindings(), first.resolvedFindings(), first.reopenedFindings()))
                    .containsExactly(3, 0, 0);
            assertThat(events(db, first.runId())).containsExactlyInAnyOrder(
                    ann.findingId() + " new", bob.findingId() + " new", cat.findingId() + " new");
            assertThat(findingRow(db, ann)).containsEntry("state", "open").containsEntry("first_seen_run", first.runId())
                    .containsEntry("last_seen_run", first.runId()).containsEntry("tenant_id", A)
                    .containsEntry("control_id", MFA).containsEntry("object_name", "ann@example.com");

            // ann fixed, dan new, bob unchanged but with new evidence, cat unchanged
            Finding bobAgain = finding(A, MFA, "bob", "excluded from policy 'Require MFA' by group 'Contractors'");
            StoredRun second = store(store, withFindings(bobAgain, dan));
            assertThat(List.of(second.newFindings(), second.resolvedFindings(), second.reopenedFindings()))
                    .containsExactly(1, 1, 0);
            assertThat(events(db, second.runId())).containsExactlyInAnyOrder(
                    ann.findingId() + " resolved", dan.findingId() + " new");
            assertThat(findingRow(db, ann)).containsEntry("state", "resolved")
                    .containsEntry("resolved_run", second.runId()).containsEntry("last_seen_run", first.runId());
            assertThat(findingRow(db, bob)).containsEntry("state", "open").containsEntry("first_seen_run", first.runId())
                    .containsEntry("last_seen_run", second.runId()).containsEntry("detail", bobAgain.detail());
            assertThat(findingRow(db, cat)).containsEntry("state", "open").containsEntry("last_seen_run", second.runId());

            StoredRun third = store(store, withFindings(ann, bob, dan));
            assertThat(List.of(third.newFindings(), third.resolvedFindings(), third.reopenedFindings()))
                    .containsExactly(0, 0, 1);
            assertThat(events(db, third.runId())).containsExactly(ann.findingId() + " reopened");
            assertThat(findingRow(db, ann)).containsEntry("state", "open").containsEntry("reopened_count", 1)
                    .containsEntry("resolved_run", null).containsEntry("resolved_at", null)
                    .containsEntry("first_seen_run", first.runId()).containsEntry("last_seen_run", third.runId());

            Map<String, Object> run = runRow(db, third.runId());
            assertThat(run).containsEntry("new_findings", 0).containsEntry("resolved_findings", 0)
                    .containsEntry("reopened_findings", 1).containsEntry("fail_count", 2).containsEntry("pass_count", 4);
            assertThat(runRow(db, second.runId())).containsEntry("new_findings", 1).containsEntry("resolved_findings", 1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFindingResolvesWhenItsControlPassesInAJudgedTenant(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            store(store, withFindings(ann));
            StoredRun fixed = store(store, compliant());
            assertThat(fixed.resolvedFindings()).isEqualTo(2);
            assertThat(findingRow(db, ann)).containsEntry("state", "resolved");
            assertThat(findingRow(db, cat)).containsEntry("state", "resolved");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aControlNotAssessedDoesNotResolveItsFindings(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            StoredRun first = store(store, withFindings(ann));
            StoredRun blind = store(store, of(tenant(Assessments.PARTNER, pass(MFA), pass(PRIV)),
                    tenant(A, notAssessed(MFA), pass(PRIV)), tenant(B, pass(MFA), fail(PRIV, cat))));
            assertThat(blind.resolvedFindings()).isZero();
            assertThat(findingRow(db, ann)).containsEntry("state", "open").containsEntry("last_seen_run", first.runId());
            assertThat(runRow(db, blind.runId())).containsEntry("not_assessed_count", 1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTenantMissingFromTheRunKeepsItsFindingsOpen(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            StoredRun first = store(store, withFindings(ann));
            StoredRun withoutA = store(store, of(tenant(Assessments.PARTNER, pass(MFA), pass(PRIV)),
                    tenant(B, pass(MFA), fail(PRIV, cat))));
            assertThat(withoutA.resolvedFindings()).isZero();
            assertThat(withoutA.tenants()).isEqualTo(2);
            assertThat(findingRow(db, ann)).containsEntry("state", "open").containsEntry("last_seen_run", first.runId());
            // the tenant's latest facts stay those of the last run that judged it
            long lastRun = db.jdbi().withHandle(h -> h.createQuery("SELECT last_run_id FROM tenants WHERE tenant_id = :t")
                    .bind("t", A).mapTo(Long.class).one());
            assertThat(lastRun).isEqualTo(first.runId());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aControlLeftOutOfTheRunDoesNotResolveItsFindings(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            store(store, withFindings(ann));
            StoredRun onlyPriv = store(store, of(tenant(Assessments.PARTNER, pass(PRIV)), tenant(A, pass(PRIV)),
                    tenant(B, fail(PRIV, cat))));
            assertThat(onlyPriv.resolvedFindings()).isZero();
            assertThat(findingRow(db, ann)).containsEntry("state", "open");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anAcceptedFindingStaysOpenAndCountsAsAccepted(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            StoredRun run = store(store, withFindings(accepted(ann), bob));
            assertThat(findingRow(db, ann)).containsEntry("state", "open").containsEntry("accepted", true);
            assertThat(findingRow(db, bob)).containsEntry("accepted", false);
            Map<String, Object> result = db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM results WHERE run_id = :r "
                    + "AND tenant_id = :t AND control_id = :c").bind("r", run.runId()).bind("t", A).bind("c", MFA)
                    .mapToMap().one());
            assertThat(result).containsEntry("status", "FAIL").containsEntry("open_count", 1)
                    .containsEntry("accepted_count", 1).containsEntry("notes", "[\"a note\"]");

            // the exception is withdrawn: same finding, no longer accepted
            store(store, withFindings(ann, bob));
            assertThat(findingRow(db, ann)).containsEntry("state", "open").containsEntry("accepted", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void tenantsAndRunTenantsKeepNamesAndProblems(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RunStore store = new RunStore(db, clock);
            io.cspguard.result.TenantResult troubled = new io.cspguard.result.TenantResult(A, "Contoso \"Ltd\" <b>", "customer",
                    "P1", Assessments.GENERATED, List.of(pass(MFA)), List.of("tenant.json: unreadable", "ü"));
            StoredRun run = store(store, of(troubled));
            Map<String, Object> rt = db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM run_tenants WHERE run_id = :r")
                    .bind("r", run.runId()).mapToMap().one());
            assertThat(rt).containsEntry("display_name", "Contoso \"Ltd\" <b>");
            assertThat(JsonArrays.parse((String) rt.get("problems"))).containsExactly("tenant.json: unreadable", "ü");
            assertThat(instant(rt.get("collected_at"))).isEqualTo(Assessments.GENERATED);

            store(store, of(tenant(A, pass(MFA))));
            Map<String, Object> latest = db.jdbi().withHandle(h -> h.createQuery("SELECT display_name, licence FROM tenants")
                    .mapToMap().one());
            assertThat(latest).containsEntry("display_name", "Tenant " + A).containsEntry("licence", "P2");
        }
    }

    private static Map<String, Object> runRow(Database db, long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM runs WHERE id = :id").bind("id", id).mapToMap().one());
    }

    private static Map<String, Object> findingRow(Database db, Finding f) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM findings WHERE finding_id = :id")
                .bind("id", f.findingId()).mapToMap().one());
    }

    private static List<String> events(Database db, long run) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT finding_id, event FROM finding_events WHERE run_id = :r")
                .bind("r", run).map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2)).list());
    }

    /** H2 reads a TIMESTAMP WITH TIME ZONE back as an OffsetDateTime, PostgreSQL's driver as a Timestamp. */
    static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
