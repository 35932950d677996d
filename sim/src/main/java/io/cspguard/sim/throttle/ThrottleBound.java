package io.cspguard.sim.throttle;

import io.cspguard.sim.throttle.CollectionPlan.TenantPlan;
import io.cspguard.sim.throttle.GraphLimits.TenantSize;
import io.cspguard.sim.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The throttle-bound lower limit of a full collection of a world: the least wall time any client could take, given
 * the budgets that {@link GraphThrottle} enforces ({@link GraphLimits}) and the fewest requests the data needs
 * ({@link CollectionPlan}: the largest page of every endpoint, the cheapest resource-unit cost of every directory
 * read). Benchmarks divide their wall time by it ({@code wallToBoundRatio}) and their request count by
 * {@link #minimumRequests()} ({@code requestsToMinimumRatio}).
 *
 * <h2>The formula</h2>
 * A budget is a token bucket that starts full with C units and refills at C ÷ W per second. Spending n units through
 * it takes at least {@code t(n; C, W) = max(0, n − C) · W ÷ C} seconds: the first C are there at once, each further
 * unit waits for its refill (the k-th unit cannot be spent before (k − C)·W/C). With n_c(T) the units tenant T needs
 * in family c (resource units of its directory reads; requests of its report reads; requests of its Conditional
 * Access and Identity Protection reads):
 * <pre>
 *   DIRECTORY           = max( max_T t(n_dir(T); RU(size T), 10 s),  t(Σ_T n_dir(T); 150,000, 20 s) )
 *   REPORTS             = max( max_T t(n_rep(T); 5, 10 s),          t(Σ_T n_rep(T); 122, 10 s) )
 *   CONDITIONAL_ACCESS  =      max_T t(n_ca(T); 1, 1 s)
 *   lower limit         = max(DIRECTORY, REPORTS, CONDITIONAL_ACCESS)            (Partner Center: unthrottled)
 * </pre>
 * with RU(S) = 3,500, RU(M) = 5,000, RU(L) = 8,000 and the size from the number of users. Each term is a time no
 * client can beat: the families draw on separate buckets, so tenants and families proceed in parallel and the
 * slowest bucket decides. Combining the two levels more finely adds nothing: the bound from "after time τ every
 * tenant still needs max(0, n_T − C_T − r_T·τ), and the shared bucket gives at most C + ρ·(L − τ)",
 * L ≥ τ + (Σ_T max(0, n_T − C_T − r_T·τ) − C) ÷ ρ, is convex in τ (its slope 1 − Σ_busy r_T ÷ ρ only grows as tenants
 * finish), so its maximum is at τ = 0 (below the across-tenant term) or at the last tenant's end (below that tenant's
 * own term). Request latency is not part of it: it is what a client that paces every bucket exactly, pipelines
 * perfectly and never meets a 429 would take.
 *
 * <p>The limit is at time scale 1 (Microsoft's real windows); {@link #lowerLimit(double)} gives it at a scale F.
 */
public final class ThrottleBound {

    /** One family's share of the bound. {@code units} are resource units for directory reads, else requests. */
    public record CategoryBound(Category category, long requests, long units, Duration slowestTenant,
                                String slowestTenantId, Duration acrossTenants, Duration limit) {
    }

    /** One tenant's needs and the least time its own budgets allow. */
    public record TenantBound(String tenantId, TenantSize size, long graphRequests, long partnerCenterRequests,
                              long directoryResourceUnits, long reportsRequests, long conditionalAccessRequests,
                              Duration directory, Duration reports, Duration conditionalAccess) {
        public Duration limit() {
            return max(max(directory, reports), conditionalAccess);
        }
    }

    private final CollectionPlan plan;
    private final List<TenantBound> tenants;
    private final Map<Category, CategoryBound> breakdown;
    private final Duration lowerLimit;

    private ThrottleBound(CollectionPlan plan) {
        this.plan = plan;
        List<TenantBound> tb = new ArrayList<>();
        long ruTotal = 0;
        long reportsTotal = 0;
        for (TenantPlan t : plan.tenants()) {
            long ru = t.directoryResourceUnits();
            long rep = t.requests(Category.REPORTS);
            long ca = t.requests(Category.CONDITIONAL_ACCESS);
            ruTotal += ru;
            reportsTotal += rep;
            tb.add(new TenantBound(t.tenantId(), t.size(), t.graphRequests(), t.requests(Category.PARTNER_CENTER), ru,
                    rep, ca,
                    time(ru, t.size().resourceUnits(), GraphLimits.DIRECTORY_WINDOW),
                    time(rep, GraphLimits.REPORTS_TENANT_BUDGET, GraphLimits.REPORTS_WINDOW),
                    time(ca, GraphLimits.CONDITIONAL_ACCESS_BUDGET, GraphLimits.CONDITIONAL_ACCESS_WINDOW)));
        }
        this.tenants = List.copyOf(tb);

        Map<Category, CategoryBound> b = new EnumMap<>(Category.class);
        b.put(Category.DIRECTORY, category(Category.DIRECTORY, ruTotal,
                time(ruTotal, GraphLimits.DIRECTORY_APP_BUDGET, GraphLimits.DIRECTORY_APP_WINDOW),
                TenantBound::directory));
        b.put(Category.REPORTS, category(Category.REPORTS, reportsTotal,
                time(reportsTotal, GraphLimits.REPORTS_APP_BUDGET, GraphLimits.REPORTS_WINDOW), TenantBound::reports));
        long caTotal = tenants.stream().mapToLong(TenantBound::conditionalAccessRequests).sum();
        b.put(Category.CONDITIONAL_ACCESS, category(Category.CONDITIONAL_ACCESS, caTotal, Duration.ZERO,
                TenantBound::conditionalAccess));
        long pc = tenants.stream().mapToLong(TenantBound::partnerCenterRequests).sum();
        b.put(Category.PARTNER_CENTER, new CategoryBound(Category.PARTNER_CENTER, pc, pc, Duration.ZERO, null,
                Duration.ZERO, Duration.ZERO));
        this.breakdown = Collections.unmodifiableMap(b);
        this.lowerLimit = b.values().stream().map(CategoryBound::limit).reduce(Duration.ZERO, ThrottleBound::max);
    }

    /** The bound of an app-only collection ({@link CollectionPlan#of(World)}). */
    public static ThrottleBound of(World world) {
        return new ThrottleBound(CollectionPlan.of(world));
    }

    public static ThrottleBound of(CollectionPlan plan) {
        return new ThrottleBound(plan);
    }

    public CollectionPlan plan() {
        return plan;
    }

    /**
     * The fewest requests a full collection needs: Graph's (each request inside a {@code $batch} counting as one)
     * and Partner Center's. A benchmark that counts Graph requests only divides by {@link #minimumGraphRequests()}.
     */
    public long minimumRequests() {
        return minimumGraphRequests() + partnerCenterRequests();
    }

    public long minimumGraphRequests() {
        return tenants.stream().mapToLong(TenantBound::graphRequests).sum();
    }

    public long partnerCenterRequests() {
        return breakdown.get(Category.PARTNER_CENTER).requests();
    }

    /** The least wall time any client could take, at time scale 1. */
    public Duration lowerLimit() {
        return lowerLimit;
    }

    /** The limit in a simulator running at time scale F (its windows divided by F). */
    public Duration lowerLimit(double timeScale) {
        return Duration.ofNanos((long) Math.ceil(lowerLimit.toNanos() / timeScale));
    }

    /** The family whose budget sets the limit (DIRECTORY when nothing needs to wait). */
    public Category binding() {
        for (Category c : List.of(Category.REPORTS, Category.CONDITIONAL_ACCESS, Category.DIRECTORY)) {
            Duration limit = breakdown.get(c).limit();
            if (!limit.isZero() && limit.equals(lowerLimit)) {
                return c;
            }
        }
        return Category.DIRECTORY;
    }

    public Map<Category, CategoryBound> breakdown() {
        return breakdown;
    }

    public List<TenantBound> tenants() {
        return tenants;
    }

    /** A few lines for a benchmark's output. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "throttle-bound lower limit %.3f s (%s); minimum requests %d (Graph %d,"
                        + " Partner Center %d)%n", seconds(lowerLimit), binding(), minimumRequests(),
                minimumGraphRequests(), partnerCenterRequests()));
        for (CategoryBound c : breakdown.values()) {
            sb.append(String.format(Locale.ROOT, "  %-18s requests %d, units %d, slowest tenant %.3f s%s, across"
                            + " tenants %.3f s -> %.3f s%n", c.category(), c.requests(), c.units(),
                    seconds(c.slowestTenant()), c.slowestTenantId() == null ? "" : " (" + c.slowestTenantId() + ")",
                    seconds(c.acrossTenants()), seconds(c.limit())));
        }
        return sb.toString();
    }

    private CategoryBound category(Category category, long units, Duration across,
                                   java.util.function.Function<TenantBound, Duration> perTenant) {
        Duration slowest = Duration.ZERO;
        String slowestId = null;
        for (TenantBound t : tenants) {
            Duration d = perTenant.apply(t);
            if (d.compareTo(slowest) > 0) {
                slowest = d;
                slowestId = t.tenantId();
            }
        }
        long requests = plan.tenants().stream().mapToLong(t -> t.requests(category)).sum();
        return new CategoryBound(category, requests, units, slowest, slowestId, across, max(slowest, across));
    }

    /** t(n; C, W) = max(0, n − C) · W ÷ C, rounded up to the nanosecond. */
    static Duration time(long units, long capacity, Duration window) {
        long excess = units - capacity;
        if (excess <= 0) {
            return Duration.ZERO;
        }
        long nanos = Math.ceilDiv(Math.multiplyExact(excess, window.toNanos()), capacity);
        return Duration.ofNanos(nanos);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
