package io.cspguard.sim.throttle;

import static io.cspguard.sim.throttle.TestWorlds.APP;
import static io.cspguard.sim.throttle.TestWorlds.T0;
import static io.cspguard.sim.throttle.TestWorlds.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.throttle.GraphLimits.TenantSize;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences.Tier;
import io.cspguard.snapshot.TenantRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraphThrottleTest {
    private final MutableClock real = new MutableClock(T0);

    private GraphThrottle throttle(World world, double timeScale) {
        return new GraphThrottle(world, new SimClock(T0, timeScale, real));
    }

    private static World sized() {
        return TestWorlds.world(tenant("p", TenantRole.PARTNER, Tier.P2, 10),
                tenant("s", TenantRole.CUSTOMER, Tier.FREE, 10),
                tenant("m", TenantRole.CUSTOMER, Tier.P1, 100),
                tenant("l", TenantRole.CUSTOMER, Tier.P2, 600),
                tenant("s49", TenantRole.CUSTOMER, Tier.FREE, 49),
                tenant("m50", TenantRole.CUSTOMER, Tier.FREE, 50),
                tenant("m500", TenantRole.CUSTOMER, Tier.FREE, 500),
                tenant("l501", TenantRole.CUSTOMER, Tier.FREE, 501));
    }

    private static int admitUntilRefused(GraphThrottle t, String tenant, Category c, int ru) {
        int n = 0;
        while (t.admit(tenant, APP, c, ru).admitted()) {
            n++;
            if (n > 1_000_000) {
                throw new AssertionError("never refused");
            }
        }
        return n;
    }

    @Test
    void tenantSizeComesFromTheWorldsUsers() {
        GraphThrottle t = throttle(sized(), 1);
        assertThat(t.size("s")).isEqualTo(TenantSize.S);
        assertThat(t.size("s49")).isEqualTo(TenantSize.S);
        assertThat(t.size("m50")).isEqualTo(TenantSize.M);
        assertThat(t.size("M500")).isEqualTo(TenantSize.M);
        assertThat(t.size("l501")).isEqualTo(TenantSize.L);
        assertThat(t.size("unknown")).isEqualTo(TenantSize.S);
    }

    @Test
    void directoryBudgetsBySize() {
        GraphThrottle t = throttle(sized(), 1);
        assertThat(admitUntilRefused(t, "s", Category.DIRECTORY, 1)).isEqualTo(3_500);
        assertThat(admitUntilRefused(t, "m", Category.DIRECTORY, 1)).isEqualTo(5_000);
        assertThat(admitUntilRefused(t, "l", Category.DIRECTORY, 5)).isEqualTo(8_000 / 5);
    }

    @Test
    void directoryRefillsContinuouslyAndRetryAfterIsRoundedUpToSeconds() {
        GraphThrottle t = throttle(sized(), 1);
        admitUntilRefused(t, "s", Category.DIRECTORY, 1);
        Admission refused = t.admit("s", APP, Category.DIRECTORY, 5);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1)); // 5 RU at 350 RU/s: 14 ms, rounded up
        assertThat(refused.scope()).isEqualTo("Tenant_Application/ReadWrite/" + APP + "/s");
        assertThat(refused.information()).isEqualTo("ResourceUnitLimitExceeded");

        real.advance(Duration.ofSeconds(1)); // 350 RU back
        assertThat(admitUntilRefused(t, "s", Category.DIRECTORY, 1)).isEqualTo(350);
        real.advance(Duration.ofSeconds(60)); // never more than the budget
        assertThat(admitUntilRefused(t, "s", Category.DIRECTORY, 1)).isEqualTo(3_500);
    }

    @Test
    void reportsFivePerTenSecondsWithRetryAfter() {
        GraphThrottle t = throttle(sized(), 1);
        assertThat(admitUntilRefused(t, "s", Category.REPORTS, 0)).isEqualTo(5);
        Admission refused = t.admit("s", APP, Category.REPORTS, 0);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2)); // one request refills in 10 s / 5
        assertThat(refused.scope()).isEqualTo("Tenant_Application/Reports/" + APP + "/s");
        assertThat(refused.information()).isEqualTo("RequestLimitExceeded");
        // another tenant and another app have their own budgets
        assertThat(t.admit("m", APP, Category.REPORTS, 0).admitted()).isTrue();
        assertThat(t.admit("s", "other-app", Category.REPORTS, 0).admitted()).isTrue();

        real.advance(Duration.ofMillis(1_999));
        Admission early = t.admit("s", APP, Category.REPORTS, 0);
        assertThat(early.admitted()).isFalse();
        assertThat(early.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        real.advance(Duration.ofMillis(1));
        assertThat(t.admit("s", APP, Category.REPORTS, 0).admitted()).isTrue();
        assertThat(t.admit("s", APP, Category.REPORTS, 0).admitted()).isFalse();
    }

    @Test
    void conditionalAccessOnePerSecondPerTenantForAllAppsWithoutRetryAfter() {
        GraphThrottle t = throttle(sized(), 1);
        assertThat(t.admit("s", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isTrue();
        Admission refused = t.admit("s", APP, Category.CONDITIONAL_ACCESS, 1);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isNull();
        assertThat(refused.scope()).isEqualTo("Tenant/ConditionalAccess/s");
        assertThat(t.admit("s", "other-app", Category.CONDITIONAL_ACCESS, 1).admitted()).isFalse();
        assertThat(t.admit("m", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isTrue();
        real.advance(Duration.ofMillis(999));
        assertThat(t.admit("s", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isFalse();
        real.advance(Duration.ofMillis(1));
        assertThat(t.admit("s", "other-app", Category.CONDITIONAL_ACCESS, 1).admitted()).isTrue();
    }

    @Test
    void partnerCenterIsNotThrottled() {
        GraphThrottle t = throttle(sized(), 1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(t.admit("p", APP, Category.PARTNER_CENTER, 1).admitted()).isTrue();
        }
    }

    @Test
    void reportsAcrossTenantsAre122PerTenSecondsPerApp() {
        List<SimTenant> tenants = new ArrayList<>();
        tenants.add(tenant("p", TenantRole.PARTNER, Tier.P2, 1));
        for (int i = 0; i < 30; i++) {
            tenants.add(tenant("c" + i, TenantRole.CUSTOMER, Tier.P1, 1));
        }
        GraphThrottle t = throttle(TestWorlds.world("", tenants), 1);
        int admitted = 0;
        Admission refusal = null;
        for (int i = 0; i < 30 && refusal == null; i++) {
            for (int k = 0; k < 5; k++) {
                Admission a = t.admit("c" + i, APP, Category.REPORTS, 0);
                if (!a.admitted()) {
                    refusal = a;
                    break;
                }
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(122);
        assertThat(refusal.scope()).isEqualTo("Application/Reports/" + APP);
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(1)); // 1 request at 12.2/s: 82 ms
        // another app is not concerned
        assertThat(t.admit("c29", "other-app", Category.REPORTS, 0).admitted()).isTrue();
    }

    @Test
    void directoryAcrossTenantsIs150000PerTwentySecondsAndARefusalTakesNothing() {
        List<SimTenant> tenants = new ArrayList<>();
        tenants.add(tenant("p", TenantRole.PARTNER, Tier.P2, 1));
        for (int i = 0; i < 19; i++) {
            tenants.add(tenant("l" + i, TenantRole.CUSTOMER, Tier.P1, 501));
        }
        GraphThrottle t = throttle(TestWorlds.world("", tenants), 1);
        long spent = 0;
        for (int i = 0; i < 19; i++) {
            spent += 5L * admitUntilRefused(t, "l" + i, Category.DIRECTORY, 5);
        }
        assertThat(spent).isEqualTo(150_000);
        for (int i = 0; i < 1_000; i++) {
            Admission a = t.admit("p", APP, Category.DIRECTORY, 5);
            assertThat(a.admitted()).isFalse();
            assertThat(a.scope()).isEqualTo("Application/ReadWrite/" + APP);
            assertThat(a.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        }
        real.advance(Duration.ofSeconds(20));
        // the partner's own 3,500 RU were not touched by the refusals
        assertThat(admitUntilRefused(t, "p", Category.DIRECTORY, 5)).isEqualTo(700);
        assertThat(t.admit("p", APP, Category.DIRECTORY, 5).scope()).startsWith("Tenant_Application/");
    }

    @Test
    void timeScaleShrinksWindowsAndRetryAfter() {
        GraphThrottle t = throttle(sized(), 10);
        assertThat(admitUntilRefused(t, "s", Category.REPORTS, 0)).isEqualTo(5);
        Admission refused = t.admit("s", APP, Category.REPORTS, 0);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(200));
        real.advance(Duration.ofMillis(199));
        assertThat(t.admit("s", APP, Category.REPORTS, 0).admitted()).isFalse();
        real.advance(Duration.ofMillis(1));
        assertThat(t.admit("s", APP, Category.REPORTS, 0).admitted()).isTrue();

        admitUntilRefused(t, "s", Category.DIRECTORY, 1);
        assertThat(t.admit("s", APP, Category.DIRECTORY, 1).retryAfter()).isEqualTo(Duration.ofMillis(100));
        real.advance(Duration.ofMillis(100)); // 1 s of Graph time: 350 RU
        assertThat(admitUntilRefused(t, "s", Category.DIRECTORY, 1)).isEqualTo(350);

        assertThat(t.admit("m", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isTrue();
        assertThat(t.admit("m", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isFalse();
        real.advance(Duration.ofMillis(100));
        assertThat(t.admit("m", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isTrue();
    }

    @Test
    void retryAfterIsNeverBelowTheWaitAtAFractionalScale() {
        GraphThrottle t = throttle(sized(), 3);
        admitUntilRefused(t, "s", Category.REPORTS, 0);
        Duration retry = t.admit("s", APP, Category.REPORTS, 0).retryAfter();
        assertThat(retry).isEqualTo(Duration.ofNanos(666_666_667));
        real.advance(retry);
        assertThat(t.admit("s", APP, Category.REPORTS, 0).admitted()).isTrue();
    }

    @Test
    void disabledAdmitsEverything() {
        GraphThrottle t = new GraphThrottle(sized(), new SimClock(T0, 1, real), false);
        for (int i = 0; i < 100; i++) {
            assertThat(t.admit("s", APP, Category.CONDITIONAL_ACCESS, 1).admitted()).isTrue();
            assertThat(t.admit("s", APP, Category.REPORTS, 1).admitted()).isTrue();
        }
        t.setEnabled(true);
        assertThat(t.enabled()).isTrue();
        assertThat(admitUntilRefused(t, "s", Category.REPORTS, 0)).isEqualTo(5);
        t.reset();
        assertThat(admitUntilRefused(t, "s", Category.REPORTS, 0)).isEqualTo(5);
    }

    @Test
    void concurrentRequestsNeverOverspend() throws Exception {
        GraphThrottle t = throttle(sized(), 1);
        AtomicInteger directory = new AtomicInteger();
        AtomicInteger reports = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        if (t.admit("s", APP, Category.DIRECTORY, 1).admitted()) {
                            directory.incrementAndGet();
                        }
                        if (t.admit("S", APP, Category.REPORTS, 0).admitted()) {
                            reports.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(directory.get()).isEqualTo(3_500);
        assertThat(reports.get()).isEqualTo(5);
    }

    @Test
    void requestCostsFollowMicrosoftsTable() {
        assertThat(RequestCosts.category("/users")).isEqualTo(Category.DIRECTORY);
        assertThat(RequestCosts.category("/auditLogs/signIns")).isEqualTo(Category.REPORTS);
        assertThat(RequestCosts.category("/reports/authenticationMethods/userRegistrationDetails"))
                .isEqualTo(Category.REPORTS);
        assertThat(RequestCosts.category("/users/u1/authentication/methods")).isEqualTo(Category.REPORTS);
        assertThat(RequestCosts.category("/identity/conditionalAccess/policies"))
                .isEqualTo(Category.CONDITIONAL_ACCESS);
        assertThat(RequestCosts.category("/identityProtection/riskyUsers")).isEqualTo(Category.CONDITIONAL_ACCESS);
        assertThat(RequestCosts.category("/v1/customers")).isEqualTo(Category.PARTNER_CENTER);
        assertThat(RequestCosts.resourceUnits("GET", "/users", false, false, null)).isEqualTo(2);
        assertThat(RequestCosts.resourceUnits("GET", "/users", true, false, 999)).isEqualTo(1);
        assertThat(RequestCosts.resourceUnits("GET", "/groups/g1/transitiveMembers", false, false, null)).isEqualTo(5);
        assertThat(RequestCosts.resourceUnits("GET", "/groups/g1/transitiveMembers", true, false, null)).isEqualTo(4);
        assertThat(RequestCosts.resourceUnits("GET", "/groups/g1/members", false, false, 10)).isEqualTo(2);
        assertThat(RequestCosts.resourceUnits("GET", "/subscribedSkus", false, false, null)).isEqualTo(3);
        assertThat(RequestCosts.resourceUnits("GET", "/applications", true, false, null)).isEqualTo(1);
        assertThat(RequestCosts.resourceUnits("GET", "/policies/roleManagementPolicyAssignments", false, true, null))
                .isEqualTo(2);
        assertThat(RequestCosts.resourceUnits("GET", "/groups", true, false, 5)).isEqualTo(1);
        assertThat(PageSizes.forPath("/users", true)).isEqualTo(500);
        assertThat(PageSizes.forPath("/users", false)).isEqualTo(999);
        assertThat(PageSizes.pages(0, 999)).isEqualTo(1);
        assertThat(PageSizes.pages(999, 999)).isEqualTo(1);
        assertThat(PageSizes.pages(1000, 999)).isEqualTo(2);
    }
}
