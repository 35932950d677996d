package io.cspguard.sim.faults;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.throttle.CollectionPlan;
import io.cspguard.sim.throttle.CollectionPlan.Read;
import io.cspguard.sim.throttle.CollectionPlan.TenantPlan;
import io.cspguard.sim.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of a scenario ({@code --faults NAME}), seeded.
 * <ul>
 *   <li>{@link Scenario#NONE}, {@link Scenario#HOSTILE}: nothing (HOSTILE's payloads are in the world's data).</li>
 *   <li>{@link Scenario#FLAKY}: transient faults on a small share of first attempts ({@link FaultShares}); every
 *       retry ({@code attempt > 0}) is served. 429 storms (several consecutive requests of one tenant answered 429
 *       with {@code Retry-After}), 500/503/504, slow responses, one dropped connection and one expired token in the
 *       run. Each decision is a hash of the seed, the tenant and the request's place among the tenant's first
 *       attempts (the one-offs: its place among all first attempts): the same seed and request sequence give the
 *       same faults, whatever the other tenants do in between.</li>
 *   <li>{@link Scenario#BROKEN}: permanent faults, chosen from the seed and the world before the run and listed by
 *       {@link #broken()}: 403 {@code Authorization_RequestDenied} on some endpoints of some customers (every GET,
 *       every attempt), and one paged file cut short. Everything else is served.</li>
 * </ul>
 * Thread-safe. Durations ({@code Retry-After}, delays) are divided by the clock's time scale.
 */
public final class ScenarioFaults implements FaultInjector {
    /** Endpoints BROKEN may refuse: each feeds some controls, none is licence-dependent or shared by other files. */
    static final List<String> REFUSABLE = List.of("directoryAudits.json", "applications.json", "servicePrincipals.json",
            "devices.json", "authenticationMethodsPolicy.json", "userRegistrationDetails.json");
    /** Files BROKEN may cut short: collections paged by {@code @odata.nextLink}. */
    static final List<String> TRUNCATABLE = List.of("signIns.json", "users.json", "directoryAudits.json",
            "servicePrincipals.json", "groups.json", "devices.json", "applications.json", "userRegistrationDetails.json");

    private static final long SALT_STORM = 0x5d0f_2a3b_c4e1_9f77L;
    private static final long SALT_FAULT = 0x1b87_3c65_e9a0_4d21L;
    private static final long SALT_KIND = 0x7f4a_7c15_9e37_79b9L;
    private static final long SALT_ONE_OFF = 0x2545_f491_4f6c_dd1dL;
    private static final long SALT_BROKEN = 0x3c6e_f372_fe94_f82bL;

    private final Scenario scenario;
    private final long seed;
    private final FaultShares shares;
    private final double timeScale;
    private final long dropAt;
    private final long tokenExpiredAt;
    private final AtomicLong firstAttempts = new AtomicLong();
    private final ConcurrentHashMap<String, TenantState> tenants = new ConcurrentHashMap<>();
    private final List<BrokenRead> broken;
    private final Map<String, BrokenRead> brokenByKey;
    private final ConcurrentHashMap<String, AtomicLong> truncateSeen = new ConcurrentHashMap<>();

    public ScenarioFaults(Scenario scenario, long seed, World world, SimClock clock) {
        this(scenario, seed, world, clock, FaultShares.DEFAULTS);
    }

    /**
     * @param world the world served (BROKEN chooses its refused endpoints and its truncated file there; unused by the
     *              other scenarios, may then be null)
     */
    public ScenarioFaults(Scenario scenario, long seed, World world, SimClock clock, FaultShares shares) {
        this.scenario = scenario;
        this.seed = seed;
        this.shares = shares;
        this.timeScale = clock.timeScale();
        this.dropAt = shares.dropAtMin() + Math.floorMod(mix(seed ^ SALT_ONE_OFF),
                (long) shares.dropAtMax() - shares.dropAtMin());
        this.tokenExpiredAt = shares.tokenExpiredAtMin() + Math.floorMod(mix(seed ^ ~SALT_ONE_OFF),
                (long) shares.tokenExpiredAtMax() - shares.tokenExpiredAtMin());
        this.broken = scenario == Scenario.BROKEN ? List.copyOf(chooseBroken(world)) : List.of();
        Map<String, BrokenRead> byKey = new HashMap<>();
        for (BrokenRead b : broken) {
            byKey.put(key(b.tenantId(), b.path()), b);
        }
        this.brokenByKey = Map.copyOf(byKey);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** BROKEN: the reads that fail permanently (empty for the other scenarios). */
    public List<BrokenRead> broken() {
        return broken;
    }

    /** Whether BROKEN makes this (tenant, path) fail permanently. */
    public boolean isBroken(String tenantId, String path) {
        return brokenByKey.containsKey(key(tenantId, path));
    }

    /** FLAKY: the place (first attempts of the run, from 0) of the dropped connection. */
    public long dropAt() {
        return dropAt;
    }

    /** FLAKY: the place (first attempts of the run, from 0) of the expired token. */
    public long tokenExpiredAt() {
        return tokenExpiredAt;
    }

    @Override
    public Fault decide(String tenantId, String method, String path, int attempt) {
        return switch (scenario) {
            case NONE, HOSTILE -> Fault.NONE;
            case FLAKY -> flaky(tenantId, attempt);
            case BROKEN -> brokenFault(tenantId, method, path);
        };
    }

    private Fault flaky(String tenantId, int attempt) {
        if (attempt > 0) {
            return Fault.NONE;
        }
        long global = firstAttempts.getAndIncrement();
        if (global == dropAt) {
            return new Fault(Fault.Kind.DROP, 0, null, null, null);
        }
        if (global == tokenExpiredAt) {
            return new Fault(Fault.Kind.TOKEN_EXPIRED, 401, null, null, "InvalidAuthenticationToken");
        }
        TenantState t = tenants.computeIfAbsent(lower(tenantId), TenantState::new);
        long index = t.firstAttempts.getAndIncrement();
        if (inStorm(t.hash, index)) {
            return new Fault(Fault.Kind.STATUS, 429, scaled(shares.stormRetryAfter()), null, "TooManyRequests");
        }
        double u = unit(t.hash, index, SALT_FAULT);
        if (u < shares.serverErrorShare()) {
            return switch ((int) Math.floorMod(mix(seed ^ t.hash ^ mix(index ^ SALT_KIND)), 3L)) {
                case 0 -> new Fault(Fault.Kind.STATUS, 500, null, null, "generalException");
                case 1 -> new Fault(Fault.Kind.STATUS, 503, scaled(Duration.ofSeconds(1)), null, "serviceNotAvailable");
                default -> new Fault(Fault.Kind.STATUS, 504, null, null, "gatewayTimeout");
            };
        }
        if (u < shares.serverErrorShare() + shares.slowShare()) {
            double f = unit(t.hash, index, SALT_KIND);
            long min = shares.slowMin().toNanos();
            long delay = min + (long) (f * (shares.slowMax().toNanos() - min));
            return new Fault(Fault.Kind.DELAY, 0, null, scaled(Duration.ofNanos(delay)), null);
        }
        return Fault.NONE;
    }

    /** Request {@code index} of a tenant is in a storm if one of the {@code stormLength} requests up to it began one. */
    private boolean inStorm(long tenantHash, long index) {
        for (long start = Math.max(0, index - shares.stormLength() + 1); start <= index; start++) {
            if (unit(tenantHash, start, SALT_STORM) < shares.stormShare()) {
                return true;
            }
        }
        return false;
    }

    private Fault brokenFault(String tenantId, String method, String path) {
        if (brokenByKey.isEmpty() || !"GET".equalsIgnoreCase(method)) {
            return Fault.NONE;
        }
        String key = key(tenantId, path);
        BrokenRead b = brokenByKey.get(key);
        if (b == null) {
            return Fault.NONE;
        }
        if (b.kind() == Fault.Kind.STATUS) {
            return new Fault(Fault.Kind.STATUS, 403, null, null, "Authorization_RequestDenied");
        }
        long seen = truncateSeen.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
        return seen == 0 && b.pages() > 1 ? Fault.NONE : new Fault(Fault.Kind.TRUNCATE, 0, null, null, null);
    }

    /**
     * A share of the customers (at least one; the partner only when it is alone), ordered by a hash of the seed and
     * their id, each loses {@code brokenEndpointsPerTenant} endpoints from {@link #REFUSABLE} that it can otherwise
     * read; then the truncatable file with the most pages among the other reads of the customers (then the most
     * objects, then by hash) is cut short.
     */
    private List<BrokenRead> chooseBroken(World world) {
        if (world == null) {
            return List.of();
        }
        CollectionPlan plan = CollectionPlan.of(world);
        List<TenantPlan> candidates = plan.tenants().stream().filter(t -> t.reachable() && !t.partner()).toList();
        if (candidates.isEmpty()) {
            candidates = plan.tenants().stream().filter(TenantPlan::reachable).toList();
        }
        List<TenantPlan> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingLong((TenantPlan t) -> mix(seed ^ SALT_BROKEN ^ hash(t.tenantId())))
                .thenComparing(TenantPlan::tenantId));
        List<BrokenRead> out = new ArrayList<>();
        if (shares.brokenEndpointsPerTenant() > 0 && !ordered.isEmpty()) {
            int count = Math.max(1, (int) Math.ceil(shares.brokenTenantShare() * ordered.size()));
            for (TenantPlan t : ordered.subList(0, Math.min(count, ordered.size()))) {
                List<Read> reads = new ArrayList<>(REFUSABLE.stream().map(f -> t.read(f)).flatMap(Optional::stream)
                        .filter(r -> !r.refused()).toList());
                reads.sort(Comparator.comparingLong((Read r) -> mix(seed ^ hash(t.tenantId()) ^ hash(r.file())))
                        .thenComparing(Read::file));
                for (Read r : reads.subList(0, Math.min(shares.brokenEndpointsPerTenant(), reads.size()))) {
                    out.add(new BrokenRead(t.tenantId(), r.path(), r.file(), Fault.Kind.STATUS, r.requests()));
                }
            }
        }
        if (shares.truncate()) {
            Set<String> taken = new java.util.HashSet<>();
            out.forEach(b -> taken.add(key(b.tenantId(), b.path())));
            BrokenRead best = null;
            long bestObjects = 0;
            long bestTie = 0;
            for (TenantPlan t : ordered) {
                for (String file : TRUNCATABLE) {
                    Optional<Read> r = t.read(file);
                    if (r.isEmpty() || r.get().refused() || taken.contains(key(t.tenantId(), r.get().path()))) {
                        continue;
                    }
                    long tie = mix(seed ^ hash(t.tenantId()) ^ hash(file) ^ SALT_STORM);
                    int order = best == null ? 1 : Long.compare(r.get().requests(), best.pages());
                    if (order == 0) {
                        order = Long.compare(r.get().objects(), bestObjects);
                    }
                    if (order == 0) {
                        order = -Long.compareUnsigned(tie, bestTie);
                    }
                    if (order > 0) {
                        best = new BrokenRead(t.tenantId(), r.get().path(), file, Fault.Kind.TRUNCATE,
                                r.get().requests());
                        bestObjects = r.get().objects();
                        bestTie = tie;
                    }
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos((long) Math.ceil(d.toNanos() / timeScale));
    }

    private double unit(long tenantHash, long index, long salt) {
        return (mix(seed ^ mix(tenantHash ^ mix(index * 0x9e37_79b9_7f4a_7c15L + salt))) >>> 11) * 0x1.0p-53;
    }

    private static String key(String tenantId, String path) {
        return lower(tenantId) + " " + lower(path);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a, 64 bits, of the lower-cased string: stable across runs and JVMs. */
    static long hash(String s) {
        long h = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= Character.toLowerCase(s.charAt(i));
            h *= 0x100_0000_01b3L;
        }
        return h;
    }

    private static final class TenantState {
        final long hash;
        final AtomicLong firstAttempts = new AtomicLong();

        TenantState(String tenant) {
            this.hash = ScenarioFaults.hash(tenant);
        }
    }
}
