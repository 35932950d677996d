package io.cspguard.web.auth;

import io.cspguard.testing.MemoryAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.audit.Audit;
import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import io.cspguard.testing.MutableClock;
import io.cspguard.web.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Account changes and their audit entries: an entry that cannot be written undoes the change; the last admin survives
 * two admins demoting each other at once; sign-in states per address are capped.
 */
class UserAccountsTest {
    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path dir;

    private UserAccounts accounts(Database db, Audit audit) {
        return new UserAccounts(db, audit, new MutableClock(TestServer.START), dir.resolve("data"),
                Map.<String, String>of()::get);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aChangeWhoseAuditEntryCannotBeWrittenDoesNotHappen(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MemoryAudit audit = new MemoryAudit();
            UserAccounts users = accounts(db, audit);
            users.createWithTotp("root", Role.ADMIN, PASSWORD, "test");
            users.createWithTotp("ada", Role.ADMIN, PASSWORD, "test");
            users.createWithTotp("ann", Role.VIEWER, PASSWORD, "test");
            String annHash = users.byName("ann").orElseThrow().passwordHash();
            int entries = audit.events().size();

            audit.failing = true;
            List<Runnable> changes = List.of(
                    () -> users.create("pat", Role.VIEWER, "root"),
                    () -> users.createWithTotp("tom", Role.VIEWER, PASSWORD, "root"),
                    () -> users.createOidc("olga@contoso.example", Role.VIEWER, "root"),
                    () -> users.createOrResetWithTotp("ann", Role.ADMIN, PASSWORD + "!", "root"),
                    () -> users.createOrResetWithTotp("new", Role.VIEWER, PASSWORD, "root"),
                    () -> users.changeRole("ann", Role.APPROVER, "root", null),
                    () -> users.disable("ada", "root", null));
            for (Runnable change : changes) {
                assertThatThrownBy(change::run).hasMessageContaining("audit trail cannot be written");
            }
            assertThat(users.list()).extracting(UserSummary::name).containsExactly("ada", "ann", "root");
            UserRecord ann = users.byName("ann").orElseThrow();
            assertThat(ann.role()).isEqualTo(Role.VIEWER);
            assertThat(ann.passwordHash()).isEqualTo(annHash);
            assertThat(users.byName("ada").orElseThrow().enabled()).isTrue();
            Integer links = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM enrolments")
                    .mapTo(Integer.class).one());
            assertThat(links).isZero();

            audit.failing = false;
            users.changeRole("ann", Role.APPROVER, "root", null);
            assertThat(users.byName("ann").orElseThrow().role()).as("the base case").isEqualTo(Role.APPROVER);
            assertThat(audit.events()).hasSize(entries + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin(TestDatabases.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            CountDownLatch firstInside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            // the first demotion's entry is appended inside its transaction: it holds there, locks taken, while the
            // second demotion starts
            Audit holding = event -> {
                if (event.action().equals("user.role_changed") && first.getAndSet(false)) {
                    firstInside.countDown();
                    awaitQuietly(release);
                }
            };
            UserAccounts users = accounts(db, holding);
            users.createWithTotp("root", Role.ADMIN, PASSWORD, "test");
            users.createWithTotp("ada", Role.ADMIN, PASSWORD, "test");

            List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
            Thread a = demote(users, "ada", "root", outcomes);
            a.start();
            assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
            Thread b = demote(users, "root", "ada", outcomes);
            b.start();
            Thread.sleep(300); // b reaches the admins' rows and waits for a's locks
            release.countDown();
            a.join(10_000);
            b.join(10_000);

            assertThat(outcomes).hasSize(2).contains("demoted ada")
                    .anyMatch(o -> o.contains("is the last enabled admin"));
            assertThat(users.list()).filteredOn(u -> u.role() == Role.ADMIN).extracting(UserSummary::name)
                    .containsExactly("root");
        }
    }

    private static Thread demote(UserAccounts users, String who, String by, List<String> outcomes) {
        return new Thread(() -> {
            try {
                users.changeRole(who, Role.VIEWER, by, null);
                outcomes.add("demoted " + who);
            } catch (IllegalArgumentException e) {
                outcomes.add(e.getMessage());
            }
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theLastEnabledAdminIsKeptButADisabledAdminDoesNotCount(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            UserAccounts users = accounts(db, new MemoryAudit());
            users.createWithTotp("root", Role.ADMIN, PASSWORD, "test");
            users.createWithTotp("ada", Role.ADMIN, PASSWORD, "test");
            users.disable("ada", "root", null);
            assertThatThrownBy(() -> users.changeRole("root", Role.VIEWER, "root", null))
                    .hasMessageContaining("last enabled admin");
            assertThatThrownBy(() -> users.disable("root", "root", null)).hasMessageContaining("last enabled admin");
            users.changeRole("ada", Role.VIEWER, "root", null);
            assertThat(users.byName("ada").orElseThrow().role()).as("a disabled admin may be demoted")
                    .isEqualTo(Role.VIEWER);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void liveSignInStatesPerAddressAreCapped(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MutableClock clock = new MutableClock(TestServer.START);
            PendingStates pending = new PendingStates(db, clock);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < PendingStates.MAX_PER_ADDRESS + 10; i++) {
                clock.advance(Duration.ofSeconds(1));
                tokens.add(pending.put(PendingStates.OIDC, null, "{}", Duration.ofMinutes(10), "192.0.2.7"));
            }
            String elsewhere = pending.put(PendingStates.OIDC, null, "{}", Duration.ofMinutes(10), "192.0.2.8");
            assertThat(count(db, "192.0.2.7")).isEqualTo(PendingStates.MAX_PER_ADDRESS);
            assertThat(pending.peek(PendingStates.OIDC, tokens.get(0))).as("the oldest made room").isEmpty();
            assertThat(pending.peek(PendingStates.OIDC, tokens.get(tokens.size() - 1))).isPresent();
            assertThat(pending.peek(PendingStates.OIDC, elsewhere)).as("another address is not affected").isPresent();

            clock.advance(Duration.ofMinutes(11));
            pending.put(PendingStates.OIDC, null, "{}", Duration.ofMinutes(10), "192.0.2.7");
            assertThat(count(db, "192.0.2.7")).as("expired ones purged").isEqualTo(1);
        }
    }

    private static int count(Database db, String ip) {
        Integer n = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pending_states WHERE source_ip = :ip")
                .bind("ip", ip).mapTo(Integer.class).one());
        return n;
    }

    @Test
    void enrolmentTokensAreKeptOutOfLogs() {
        assertThat(RequestGuard.loggablePath("/enrol/abcDEF123_-")).isEqualTo("/enrol/<token>");
        assertThat(RequestGuard.loggablePath("/enrol/abcDEF123_-/passkey/options"))
                .isEqualTo("/enrol/<token>/passkey/options");
        assertThat(RequestGuard.loggablePath("/signin/totp")).isEqualTo("/signin/totp");
        assertThat(RequestGuard.loggablePath("/admin/users")).isEqualTo("/admin/users");
    }

    @Test
    void theIssuersTenantIsTheGuidInItsPath() {
        String tid = "7a3c9e2f-0b1d-4c5e-8f6a-1b2c3d4e5f60";
        assertThat(OidcClient.tenantOf("https://sts.windows.net/" + tid + "/")).isEqualTo(tid);
        assertThat(OidcClient.tenantOf("https://login.microsoftonline.com/" + tid + "/v2.0")).isEqualTo(tid);
        assertThat(OidcClient.tenantOf("https://idp.example/realms/main")).isNull();
    }
}
