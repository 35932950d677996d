package io.cspguard.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.audit.AuditEvent;
import io.cspguard.config.AcceptedRisk;
import io.cspguard.config.Config;
import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import io.cspguard.testing.MutableClock;
import io.cspguard.testing.MemoryAudit;
import io.cspguard.web.pages.StoreFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

/** The exceptions workflow on H2 and PostgreSQL: a valid request, then one broken rule per case. */
class ExceptionStoreTest {
    static final String TENANT = "22222222-2222-2222-2222-222222222222";
    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-05-10");
    static final LocalDate IN_A_MONTH = TODAY.plusDays(30);

    record Env(Database db, MemoryAudit audit, MutableClock clock, ExceptionStore store) implements AutoCloseable {
        static Env open(TestDatabases.Kind kind, Path dir) {
            Database db = TestDatabases.open(kind, dir);
            new StoreFixture(db).tenant(TENANT, "Fabrikam", "customer", "P1", null, null);
            MemoryAudit audit = new MemoryAudit();
            MutableClock clock = new MutableClock(NOW);
            return new Env(db, audit, clock, new ExceptionStore(db, audit, clock));
        }

        long request(String by) {
            return store.request(TENANT, "CSP.MFA.2", List.of("casey@fabrikam.example", " ", "CASEY@fabrikam.example"),
                    "Vendor fixes it in June", IN_A_MONTH, by, "192.0.2.1");
        }

        ExceptionRow row(long id) {
            return store.get(id).orElseThrow();
        }

        @Override
        public void close() {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRequestApprovedBySomeoneElseIsLiveForTheNextRun(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long id = e.request("olga");
            ExceptionRow requested = e.row(id);
            assertThat(requested.status()).isEqualTo("requested");
            assertThat(requested.source()).isEqualTo("ui");
            assertThat(requested.objects()).containsExactly("casey@fabrikam.example");
            assertThat(requested.requestedAt()).isEqualTo(NOW);
            assertThat(e.store.liveUiExceptions(TODAY)).isEmpty();

            e.store.approve(id, "alice", "192.0.2.2");
            ExceptionRow live = e.row(id);
            assertThat(live.status()).isEqualTo("live");
            assertThat(live.decidedBy()).isEqualTo("alice");
            assertThat(e.store.liveUiExceptions(TODAY)).containsExactly(new AcceptedRisk("CSP.MFA.2", TENANT,
                    List.of("casey@fabrikam.example"), "Vendor fixes it in June", "alice", IN_A_MONTH, 0));
            // Live through the end of its expiry day, expired the day after.
            assertThat(e.store.liveUiExceptions(IN_A_MONTH)).hasSize(1);
            assertThat(e.store.liveUiExceptions(IN_A_MONTH.plusDays(1))).isEmpty();
            // A run that began before the approval does not apply it, in any of its shards; one that began at it does.
            assertThat(e.store.liveUiExceptions(TODAY, NOW.minusSeconds(1))).isEmpty();
            assertThat(e.store.liveUiExceptions(TODAY, NOW)).hasSize(1);

            assertThat(e.audit.events()).containsExactly(
                    new AuditEvent("olga", "192.0.2.1", TENANT, "exception.requested", "exception " + id, "success",
                            "CSP.MFA.2 until " + IN_A_MONTH),
                    new AuditEvent("alice", "192.0.2.2", TENANT, "exception.approved", "exception " + id, "success",
                            "CSP.MFA.2 until " + IN_A_MONTH));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theRequesterCannotApproveTheirOwnRequest(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long id = e.request("alice");
            assertThatThrownBy(() -> e.store.approve(id, "ALICE", "192.0.2.2")).isInstanceOf(ExceptionRefused.class)
                    .hasMessageContaining("someone else must approve it (separation of duties)");
            assertThat(e.row(id).status()).isEqualTo("requested");
            assertThat(e.audit.withAction("exception.approved")).singleElement()
                    .extracting(AuditEvent::result).isEqualTo("denied");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDecidedRequestCannotBeDecidedAgain(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long id = e.request("olga");
            e.store.reject(id, "alice", "ip");
            assertThat(e.row(id).status()).isEqualTo("rejected");
            assertThatThrownBy(() -> e.store.approve(id, "bob", "ip")).isInstanceOf(ExceptionRefused.class)
                    .hasMessageContaining("already rejected by alice");
            assertThatThrownBy(() -> e.store.revoke(id, "bob", "ip")).isInstanceOf(ExceptionRefused.class)
                    .hasMessageContaining("nothing to revoke");
            assertThatThrownBy(() -> e.store.approve(999, "bob", "ip")).isInstanceOf(NoSuchElementException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anExpiredRequestCannotBeApprovedAndShowsAsExpired(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long pending = e.request("olga");
            long approved = e.request("olga");
            e.store.approve(approved, "alice", "ip");
            e.clock.advance(Duration.ofDays(31));
            assertThat(e.row(pending).status()).isEqualTo("expired");
            assertThat(e.row(approved).status()).isEqualTo("expired");
            assertThat(e.store.list(new ExceptionFilter("expired", null, null))).hasSize(2);
            assertThat(e.store.list(new ExceptionFilter("live", null, null))).isEmpty();
            assertThatThrownBy(() -> e.store.approve(pending, "alice", "ip")).isInstanceOf(ExceptionRefused.class)
                    .hasMessageContaining("expired on " + IN_A_MONTH);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRevokedExceptionIsNoLongerLive(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long id = e.request("olga");
            e.store.approve(id, "alice", "ip");
            e.store.revoke(id, "bob", "ip");
            assertThat(e.row(id).status()).isEqualTo("revoked");
            assertThat(e.row(id).decidedBy()).isEqualTo("bob");
            assertThat(e.store.liveUiExceptions(TODAY)).isEmpty();
            assertThat(e.audit.withAction("exception.revoked")).singleElement()
                    .extracting(AuditEvent::result).isEqualTo("success");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anInvalidRequestNamesEveryProblemAndStoresNothing(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            assertThat(problems(e, TENANT, "CSP.NOPE.1", "why", IN_A_MONTH)).containsExactly(
                    "control 'CSP.NOPE.1' is not in the catalog (see /controls)");
            assertThat(problems(e, TENANT, "CSP.MFA.2", "  ", IN_A_MONTH)).containsExactly(
                    "the reason is empty: say why the risk is accepted");
            assertThat(problems(e, TENANT, "CSP.MFA.2", "why", TODAY)).containsExactly(
                    "the expiry date 2026-05-10 is not in the future (today is 2026-05-10)");
            assertThat(problems(e, TENANT, "CSP.MFA.2", "why", TODAY.plusDays(367))).singleElement()
                    .asString().contains("more than a year ahead");
            assertThat(problems(e, TENANT, "CSP.MFA.2", "why", null)).containsExactly("the expiry date is missing");
            assertThat(problems(e, "nope", "CSP.MFA.2", "why", IN_A_MONTH)).containsExactly(
                    "tenant 'nope' is not a tenant of any stored run (use * for every tenant)");
            assertThat(problems(e, "", "", "", null)).hasSize(4);
            assertThat(e.store.list(ExceptionFilter.all())).isEmpty();
            assertThat(e.audit.events()).isEmpty();
            // A year ahead is allowed, and so is every tenant.
            assertThat(e.store.request("*", "CSP.MFA.2", List.of(), "why", TODAY.plusDays(366), "olga", "ip")).isPositive();
            assertThat(e.store.request(TENANT.toUpperCase(), "CSP.MFA.2", List.of(), "why", IN_A_MONTH, "olga", "ip"))
                    .satisfies(id -> assertThat(e.row(id).tenantId()).isEqualTo(TENANT));
        }
    }

    private static List<String> problems(Env e, String tenant, String control, String reason, LocalDate expires) {
        try {
            e.store.request(tenant, control, List.of(), reason, expires, "olga", "ip");
        } catch (ExceptionRequestInvalid invalid) {
            return invalid.problems();
        }
        throw new AssertionError("the request was accepted");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void configExceptionsAreMirroredAndReplacedWithoutTouchingUiOnes(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long ui = e.request("olga");
            AcceptedRisk app1 = new AcceptedRisk("CSP.APP.1", TENANT, List.of("app-1"), "vendor", "priya", IN_A_MONTH, 12);
            AcceptedRisk mon1 = new AcceptedRisk("CSP.MON.1", "*", List.of(), "old", "alex", TODAY.minusDays(1), 20);
            e.store.syncFromConfig(config(List.of(app1, mon1)), "system");
            List<ExceptionRow> fromConfig = e.store.list(ExceptionFilter.all()).stream().filter(ExceptionRow::fromConfig).toList();
            assertThat(fromConfig).extracting(ExceptionRow::controlId, ExceptionRow::status, ExceptionRow::decidedBy,
                    ExceptionRow::configLine).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("CSP.APP.1", "live", "priya", 12),
                    org.assertj.core.groups.Tuple.tuple("CSP.MON.1", "expired", "alex", 20));
            // The same file again changes nothing and is not audited twice.
            e.store.syncFromConfig(config(List.of(app1, mon1)), "system");
            assertThat(e.audit.withAction("exception.synced")).hasSize(1);
            // A new file replaces the old rows; the dashboard's request is left alone.
            e.store.syncFromConfig(config(List.of(mon1)), "system");
            assertThat(e.store.list(ExceptionFilter.all())).extracting(ExceptionRow::id, ExceptionRow::source)
                    .contains(org.assertj.core.groups.Tuple.tuple(ui, "ui"))
                    .filteredOn(t -> "config".equals(t.toList().get(1))).hasSize(1);
            assertThat(e.audit.withAction("exception.synced")).hasSize(2);
            // Config rows are changed in cspguard.yaml, not in the dashboard; they never reach liveUiExceptions.
            long configId = e.store.list(ExceptionFilter.all()).stream().filter(ExceptionRow::fromConfig).findFirst()
                    .orElseThrow().id();
            assertThatThrownBy(() -> e.store.revoke(configId, "alice", "ip")).isInstanceOf(ExceptionRefused.class)
                    .hasMessageContaining("comes from cspguard.yaml (line 20)");
            assertThat(e.store.liveUiExceptions(TODAY)).isEmpty();
            e.store.syncFromConfig(config(List.of()), "system");
            assertThat(e.store.list(ExceptionFilter.all())).singleElement().extracting(ExceptionRow::id).isEqualTo(ui);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void listFiltersByStatusTenantAndControl(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Env e = Env.open(kind, dir)) {
            long a = e.request("olga");
            long b = e.store.request("*", "CSP.PRIV.3", List.of(), "all", IN_A_MONTH, "olga", "ip");
            e.store.approve(b, "alice", "ip");
            assertThat(e.store.list(ExceptionFilter.all())).extracting(ExceptionRow::id).containsExactly(b, a);
            assertThat(e.store.list(new ExceptionFilter("live", null, null))).extracting(ExceptionRow::id).containsExactly(b);
            assertThat(e.store.list(new ExceptionFilter(null, TENANT, null))).hasSize(2);
            assertThat(e.store.list(new ExceptionFilter(null, TENANT, "CSP.MFA.2"))).extracting(ExceptionRow::id).containsExactly(a);
            assertThatThrownBy(() -> new ExceptionFilter("open", null, null)).hasMessageContaining("use one of requested");
        }
    }

    private static Config config(List<AcceptedRisk> exceptions) {
        Config d = Config.DEFAULTS;
        return new Config(d.breakGlass(), d.thresholds(), d.partner(), d.privilegedRoles(), d.consumerMailDomains(),
                exceptions, d.leavers(), d.sha256());
    }
}
