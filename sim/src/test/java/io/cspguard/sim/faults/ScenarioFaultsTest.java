package io.cspguard.sim.faults;

import static io.cspguard.sim.throttle.TestWorlds.T0;
import static io.cspguard.sim.throttle.TestWorlds.fill;
import static io.cspguard.sim.throttle.TestWorlds.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.throttle.MutableClock;
import io.cspguard.sim.throttle.TestWorlds;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences.Tier;
import io.cspguard.snapshot.ReadError;
import io.cspguard.snapshot.TenantRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioFaultsTest {
    private static final SimClock CLOCK = new SimClock(T0, 1, new MutableClock(T0));
    private static final List<String> PATHS = List.of("/users", "/groups", "/auditLogs/signIns",
            "/identity/conditionalAccess/policies", "/roleManagement/directory/roleAssignments", "/devices");

    /** A request: tenant and path. */
    private record Req(String tenant, String path) {
    }

    /** A reproducible interleaving of {@code tenants} tenants' requests. */
    private static List<Req> sequence(int tenants, int perTenant, long seed) {
        Random r = new Random(seed);
        List<Req> out = new ArrayList<>();
        int[] left = new int[tenants];
        java.util.Arrays.fill(left, perTenant);
        int remaining = tenants * perTenant;
        while (remaining > 0) {
            int t = r.nextInt(tenants);
            if (left[t] == 0) {
                continue;
            }
            left[t]--;
            remaining--;
            out.add(new Req("tenant-" + t, PATHS.get(r.nextInt(PATHS.size()))));
        }
        return out;
    }

    private static List<Fault> run(FaultInjector f, List<Req> requests) {
        List<Fault> out = new ArrayList<>();
        for (Req q : requests) {
            out.add(f.decide(q.tenant(), "GET", q.path(), 0));
        }
        return out;
    }

    @Test
    void noneAndHostileInjectNothing() {
        World w = world(4);
        for (Scenario s : List.of(Scenario.NONE, Scenario.HOSTILE)) {
            ScenarioFaults f = new ScenarioFaults(s, 1, w, CLOCK);
            assertThat(run(f, sequence(5, 200, 1))).containsOnly(Fault.NONE);
            assertThat(f.broken()).isEmpty();
        }
    }

    @Test
    void flakyIsDeterministicForASeedAndRequestSequence() {
        List<Req> requests = sequence(20, 300, 3);
        List<Fault> a = run(new ScenarioFaults(Scenario.FLAKY, 42, null, CLOCK), requests);
        List<Fault> b = run(new ScenarioFaults(Scenario.FLAKY, 42, null, CLOCK), requests);
        List<Fault> c = run(new ScenarioFaults(Scenario.FLAKY, 43, null, CLOCK), requests);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void aTenantsFaultsDoNotDependOnOtherTenants() {
        FaultShares noOneOffs = FaultShares.DEFAULTS.withOneOffs(1_000_000, 1_000_001, 2_000_000, 2_000_001);
        List<Req> alone = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            alone.add(new Req("tenant-a", "/users"));
        }
        List<Req> mixed = new ArrayList<>();
        for (Req q : alone) {
            mixed.add(new Req("tenant-b", "/groups"));
            mixed.add(q);
        }
        List<Fault> a = run(new ScenarioFaults(Scenario.FLAKY, 9, null, CLOCK, noOneOffs), alone);
        List<Fault> m = run(new ScenarioFaults(Scenario.FLAKY, 9, null, CLOCK, noOneOffs), mixed);
        List<Fault> aInMixed = new ArrayList<>();
        for (int i = 1; i < m.size(); i += 2) {
            aInMixed.add(m.get(i));
        }
        assertThat(aInMixed).isEqualTo(a);
        assertThat(a).anyMatch(f -> f != Fault.NONE);
    }

    @Test
    void flakyFaultsClearOnRetry() {
        ScenarioFaults f = new ScenarioFaults(Scenario.FLAKY, 5, null, CLOCK);
        int faulted = 0;
        for (Req q : sequence(10, 1_000, 5)) {
            Fault first = f.decide(q.tenant(), "GET", q.path(), 0);
            if (first != Fault.NONE) {
                faulted++;
                for (int attempt = 1; attempt <= 3; attempt++) {
                    assertThat(f.decide(q.tenant(), "GET", q.path(), attempt)).isEqualTo(Fault.NONE);
                }
            }
        }
        assertThat(faulted).isPositive();
    }

    @Test
    void flakyHasStormsErrorsDelaysOneDropAndOneExpiredToken() {
        ScenarioFaults f = new ScenarioFaults(Scenario.FLAKY, 11, null, CLOCK);
        List<Req> requests = sequence(20, 1_000, 11);
        List<Fault> faults = run(f, requests);
        int n = faults.size();
        long throttled = faults.stream().filter(x -> x.status() == 429).count();
        long errors = faults.stream().filter(x -> x.kind() == Fault.Kind.STATUS && x.status() >= 500).count();
        long slow = faults.stream().filter(x -> x.kind() == Fault.Kind.DELAY).count();
        assertThat(throttled).isBetween(n / 100L, n * 35L / 1000); // ≈ 0.5% × 4
        assertThat(errors).isBetween(n / 200L, n * 16L / 1000);    // ≈ 1%
        assertThat(slow).isBetween(n / 200L, n * 16L / 1000);      // ≈ 1%
        assertThat(faults).anyMatch(x -> x.status() == 500).anyMatch(x -> x.status() == 503)
                .anyMatch(x -> x.status() == 504);
        assertThat(faults.stream().filter(x -> x.kind() == Fault.Kind.DROP).count()).isEqualTo(1);
        assertThat(faults.stream().filter(x -> x.kind() == Fault.Kind.TOKEN_EXPIRED).count()).isEqualTo(1);
        assertThat(faults.get((int) f.dropAt()).kind()).isEqualTo(Fault.Kind.DROP);
        Fault token = faults.get((int) f.tokenExpiredAt());
        assertThat(token.kind()).isEqualTo(Fault.Kind.TOKEN_EXPIRED);
        assertThat(token.status()).isEqualTo(401);
        assertThat(token.code()).isEqualTo("InvalidAuthenticationToken");
        assertThat(f.dropAt()).isBetween(20L, 59L);
        assertThat(f.tokenExpiredAt()).isBetween(60L, 99L);
        for (Fault x : faults) {
            if (x.status() == 429) {
                assertThat(x.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                assertThat(x.code()).isEqualTo("TooManyRequests");
            }
            if (x.kind() == Fault.Kind.DELAY) {
                assertThat(x.delay()).isBetween(Duration.ofMillis(200), Duration.ofMillis(800));
            }
        }
        // a storm: several consecutive requests of one tenant answered 429
        int longest = 0;
        for (int t = 0; t < 20; t++) {
            int run = 0;
            for (int i = 0; i < n; i++) {
                if (!requests.get(i).tenant().equals("tenant-" + t)) {
                    continue;
                }
                run = faults.get(i).status() == 429 ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        assertThat(longest).isGreaterThanOrEqualTo(4);
    }

    @Test
    void flakyDurationsShrinkWithTheTimeScale() {
        ScenarioFaults f = new ScenarioFaults(Scenario.FLAKY, 11, null, new SimClock(T0, 100, new MutableClock(T0)));
        for (Fault x : run(f, sequence(20, 1_000, 11))) {
            if (x.status() == 429) {
                assertThat(x.retryAfter()).isEqualTo(Duration.ofMillis(20));
            }
            if (x.status() == 503) {
                assertThat(x.retryAfter()).isEqualTo(Duration.ofMillis(10));
            }
            if (x.kind() == Fault.Kind.DELAY) {
                assertThat(x.delay()).isBetween(Duration.ofMillis(2), Duration.ofMillis(8));
            }
        }
    }

    @Test
    void brokenRefusesTheSameReadsOnEveryAttemptAndServesEverythingElse() {
        World w = world(10);
        ScenarioFaults f = new ScenarioFaults(Scenario.BROKEN, 3, w, CLOCK);
        List<BrokenRead> broken = f.broken();
        List<BrokenRead> refused = broken.stream().filter(b -> b.kind() == Fault.Kind.STATUS).toList();
        assertThat(refused).hasSize(2); // a fifth of 10 customers, one endpoint each
        assertThat(refused).extracting(BrokenRead::tenantId).doesNotHaveDuplicates().doesNotContain("p");
        assertThat(refused).allMatch(b -> ScenarioFaults.REFUSABLE.contains(b.file()));
        for (BrokenRead b : refused) {
            for (int attempt = 0; attempt < 6; attempt++) {
                Fault x = f.decide(b.tenantId(), "GET", b.path(), attempt);
                assertThat(x.kind()).isEqualTo(Fault.Kind.STATUS);
                assertThat(x.status()).isEqualTo(403);
                assertThat(x.code()).isEqualTo("Authorization_RequestDenied");
            }
            assertThat(f.decide(b.tenantId().toUpperCase(), "GET", b.path().toLowerCase(), 0).status()).isEqualTo(403);
            assertThat(f.isBroken(b.tenantId(), b.path())).isTrue();
        }
        // the largest paged file among the customers is cut short: c5's 2,500 sign-ins (3 pages)
        BrokenRead truncated = broken.stream().filter(b -> b.kind() == Fault.Kind.TRUNCATE).findFirst().orElseThrow();
        assertThat(truncated.tenantId()).isEqualTo("c5");
        assertThat(truncated.file()).isEqualTo("signIns.json");
        assertThat(truncated.path()).isEqualTo("/auditLogs/signIns");
        assertThat(truncated.pages()).isEqualTo(3);
        assertThat(f.decide("c5", "GET", "/auditLogs/signIns", 0)).isEqualTo(Fault.NONE); // first page whole
        assertThat(f.decide("c5", "GET", "/auditLogs/signIns", 0).kind()).isEqualTo(Fault.Kind.TRUNCATE);
        assertThat(f.decide("c5", "GET", "/auditLogs/signIns", 1).kind()).isEqualTo(Fault.Kind.TRUNCATE);
        assertThat(f.decide("c5", "GET", "/auditLogs/signIns", 4).kind()).isEqualTo(Fault.Kind.TRUNCATE);

        Set<String> brokenKeys = new HashSet<>();
        broken.forEach(b -> brokenKeys.add(b.tenantId() + " " + b.path()));
        for (SimTenant t : w.tenants()) {
            for (String path : List.of("/users", "/groups", "/auditLogs/directoryAudits", "/applications",
                    "/servicePrincipals", "/devices", "/policies/authenticationMethodsPolicy",
                    "/reports/authenticationMethods/userRegistrationDetails", "/v1/customers")) {
                if (!brokenKeys.contains(t.tenantId() + " " + path)) {
                    assertThat(f.decide(t.tenantId(), "GET", path, 0)).isEqualTo(Fault.NONE);
                }
            }
        }
        // writes are never refused
        assertThat(f.decide(refused.get(0).tenantId(), "PATCH", refused.get(0).path(), 0)).isEqualTo(Fault.NONE);
    }

    @Test
    void brokenIsChosenFromTheSeedAndAvoidsReadsAlreadyRefused() {
        World w = world(10);
        assertThat(new ScenarioFaults(Scenario.BROKEN, 3, w, CLOCK).broken())
                .isEqualTo(new ScenarioFaults(Scenario.BROKEN, 3, world(10), CLOCK).broken());
        Set<List<BrokenRead>> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            seen.add(new ScenarioFaults(Scenario.BROKEN, seed, w, CLOCK).broken());
        }
        assertThat(seen.size()).isGreaterThan(1);

        // a customer whose every refusable read is already refused by the world loses nothing more
        SimTenant only = tenant("c0", TenantRole.CUSTOMER, Tier.FREE, 3);
        for (String file : ScenarioFaults.REFUSABLE) {
            only.readErrors().put(file, new ReadError(403, "Authorization_RequestDenied", "not granted"));
        }
        World one = TestWorlds.world(tenant("p", TenantRole.PARTNER, Tier.P2, 3), only);
        List<BrokenRead> b = new ScenarioFaults(Scenario.BROKEN, 1, one, CLOCK).broken();
        assertThat(b).noneMatch(x -> x.kind() == Fault.Kind.STATUS);
        assertThat(b).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Fault.Kind.TRUNCATE);
            assertThat(x.file()).isEqualTo("users.json"); // the only readable truncatable collection
            assertThat(x.pages()).isEqualTo(1);
        });
        // a one-page file is cut short from its first request
        assertThat(new ScenarioFaults(Scenario.BROKEN, 1, one, CLOCK).decide("c0", "GET", "/users", 0).kind())
                .isEqualTo(Fault.Kind.TRUNCATE);
    }

    @Test
    void sharesAreConfigurable() {
        FaultShares quiet = FaultShares.DEFAULTS.withStorm(0, 1).withServerErrors(0).withSlow(0)
                .withOneOffs(1_000_000, 1_000_001, 2_000_000, 2_000_001);
        assertThat(run(new ScenarioFaults(Scenario.FLAKY, 1, null, CLOCK, quiet), sequence(5, 1_000, 1)))
                .containsOnly(Fault.NONE);
        FaultShares wide = FaultShares.DEFAULTS.withBroken(1.0, 2, false);
        List<BrokenRead> b = new ScenarioFaults(Scenario.BROKEN, 1, world(10), CLOCK, wide).broken();
        assertThat(b).hasSize(20).allMatch(x -> x.kind() == Fault.Kind.STATUS);
    }

    /** Partner p and customers c0…c(n−1) with 10 users each; c5 (P1) holds 2,500 sign-ins. */
    private static World world(int customers) {
        List<SimTenant> tenants = new ArrayList<>();
        tenants.add(tenant("p", TenantRole.PARTNER, Tier.P2, 10));
        for (int i = 0; i < customers; i++) {
            SimTenant c = tenant("c" + i, TenantRole.CUSTOMER, i == 5 ? Tier.P1 : Tier.FREE, 10);
            if (i == 5) {
                fill(c, "signIns.json", 2_500);
            }
            tenants.add(c);
        }
        fill(tenants.get(0), "signIns.json", 9_000); // the partner's larger file is never the one cut short
        return TestWorlds.world("", tenants);
    }
}
