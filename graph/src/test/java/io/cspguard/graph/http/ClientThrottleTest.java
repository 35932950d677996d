package io.cspguard.graph.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ClientThrottle throttle = new ClientThrottle(new ClientThrottle.Limits(1, 0.9, true), now::get);

    @Test
    void reportsAllowFivePerTenantThenOneEveryTwoSecondsOnceAnswered() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAcquire("t", RequestCategory.REPORTS, 1)).isZero();
        }
        assertThat(throttle.tryAcquire("t", RequestCategory.REPORTS, 1)).isPositive();
        assertThat(throttle.tryAcquire("other", RequestCategory.REPORTS, 1)).isZero();
        throttle.release("t", RequestCategory.REPORTS, 1);
        long wait = throttle.tryAcquire("t", RequestCategory.REPORTS, 1);
        assertThat(wait).isBetween(Duration.ofMillis(2200).toNanos(), Duration.ofMillis(2300).toNanos());
        now.addAndGet(wait);
        assertThat(throttle.tryAcquire("t", RequestCategory.REPORTS, 1)).isZero();
    }

    @Test
    void whatIsStillInFlightIsNotRefilled() {
        for (int i = 0; i < 5; i++) {
            throttle.tryAcquire("t", RequestCategory.REPORTS, 1);
        }
        throttle.release("t", RequestCategory.REPORTS, 1); // one answered, four still on their way
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(throttle.tryAcquire("t", RequestCategory.REPORTS, 1)).isZero();
        assertThat(throttle.tryAcquire("t", RequestCategory.REPORTS, 1)).isPositive();
        for (int i = 0; i < 4; i++) {
            throttle.release("t", RequestCategory.REPORTS, 1);
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.tryAcquire("t", RequestCategory.REPORTS, 1)).isZero();
        }
    }

    @Test
    void reportsAcrossTenantsStopAt122() {
        for (int i = 0; i < 122; i++) {
            assertThat(throttle.tryAcquire("t" + (i / 5), RequestCategory.REPORTS, 1)).isZero();
        }
        assertThat(throttle.tryAcquire("fresh", RequestCategory.REPORTS, 1)).isPositive();
    }

    @Test
    void directoryUnitsFollowTheTenantsSize() {
        assertThat(throttle.tryAcquire("s", RequestCategory.DIRECTORY, 3500)).isZero();
        assertThat(throttle.tryAcquire("s", RequestCategory.DIRECTORY, 1)).isPositive();
        throttle.tenantUsers("l", 2000);
        assertThat(throttle.tryAcquire("l", RequestCategory.DIRECTORY, 7000)).isZero();
        assertThat(throttle.tryAcquire("l", RequestCategory.DIRECTORY, 1000)).isZero();
        assertThat(throttle.tryAcquire("l", RequestCategory.DIRECTORY, 1)).isPositive();
    }

    @Test
    void conditionalAccessIsOnePerSecondAndA429HoldsTheBucket() {
        assertThat(throttle.tryAcquire("t", RequestCategory.CONDITIONAL_ACCESS, 1)).isZero();
        throttle.release("t", RequestCategory.CONDITIONAL_ACCESS, 1);
        assertThat(throttle.tryAcquire("t", RequestCategory.CONDITIONAL_ACCESS, 1))
                .isBetween(Duration.ofMillis(1100).toNanos(), Duration.ofMillis(1120).toNanos());
        throttle.hold("t", RequestCategory.CONDITIONAL_ACCESS, Duration.ofSeconds(5), null);
        assertThat(throttle.tryAcquire("t", RequestCategory.CONDITIONAL_ACCESS, 1))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(throttle.tryAcquire("t", RequestCategory.PARTNER_CENTER, 1)).isZero();
    }

    @Test
    void aTimeScaleShrinksTheWindows() {
        ClientThrottle fast = new ClientThrottle(ClientThrottle.Limits.scaled(100), now::get);
        for (int i = 0; i < 5; i++) {
            fast.tryAcquire("t", RequestCategory.REPORTS, 1);
        }
        fast.release("t", RequestCategory.REPORTS, 1);
        // 10 s / 5 at 97 %, divided by 100
        assertThat(fast.tryAcquire("t", RequestCategory.REPORTS, 1)).isBetween(Duration.ofMillis(20).toNanos(),
                Duration.ofMillis(21).toNanos());
    }

    @Test
    void costsFollowMicrosoftsTable() {
        assertThat(RequestCategory.resourceUnits("/users", false, false, null)).isEqualTo(2);
        assertThat(RequestCategory.resourceUnits("/users", true, false, 999)).isEqualTo(1);
        assertThat(RequestCategory.resourceUnits("/groups/x/transitiveMembers", false, false, 999)).isEqualTo(5);
        assertThat(RequestCategory.resourceUnits("/subscribedSkus", false, false, null)).isEqualTo(3);
        assertThat(RequestCategory.resourceUnits("/policies/roleManagementPolicyAssignments", false, true, null))
                .isEqualTo(2);
        assertThat(RequestCategory.ofGraphPath("/users/x/authentication/methods")).isEqualTo(RequestCategory.REPORTS);
        assertThat(RequestCategory.ofGraphPath("/auditLogs/signIns")).isEqualTo(RequestCategory.REPORTS);
        assertThat(RequestCategory.ofGraphPath("/identityProtection/riskyUsers"))
                .isEqualTo(RequestCategory.CONDITIONAL_ACCESS);
        assertThat(RequestCategory.ofGraphPath("/groups")).isEqualTo(RequestCategory.DIRECTORY);
    }
}
