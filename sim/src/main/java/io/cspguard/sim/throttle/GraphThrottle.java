package io.cspguard.sim.throttle;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.throttle.GraphLimits.TenantSize;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Microsoft's Graph budgets ({@link GraphLimits}) as token buckets on the {@link SimClock}, whose time scale F
 * shrinks every window (and so every {@code Retry-After}) by F:
 * <ul>
 *   <li>{@link Category#DIRECTORY}: resource units per app per tenant per 10 s by the tenant's size (S &lt; 50 users
 *       3,500; M 50–500 5,000; L &gt; 500 8,000 — the size is the number of objects in the world's
 *       {@code users.json}), and 150,000 RU per 20 s per app across all tenants;</li>
 *   <li>{@link Category#REPORTS}: 5 requests per 10 s per app per tenant, and 122 per 10 s per app across tenants;</li>
 *   <li>{@link Category#CONDITIONAL_ACCESS}: 1 request per second per tenant, all apps together; refused without a
 *       {@code Retry-After} ({@link Admission#retryAfter()} null), as Graph does;</li>
 *   <li>{@link Category#PARTNER_CENTER}: admitted.</li>
 * </ul>
 * A request is admitted only when every bucket it draws on holds its cost, and then takes it from all of them at once
 * (a refusal takes nothing). A refusal carries the wait until the scarcest of its buckets holds the cost, rounded up
 * to whole seconds of Graph time and then divided by F — never less than what the client must wait — with the
 * bucket's {@code x-ms-throttle-scope} and {@code x-ms-throttle-information}.
 *
 * <p>Thread-safe and cheap: two map look-ups and one or two short locks per request.
 */
public final class GraphThrottle implements Throttle {
    private static final long DIRECTORY_WINDOW = GraphLimits.DIRECTORY_WINDOW.toNanos();
    private static final long DIRECTORY_APP_WINDOW = GraphLimits.DIRECTORY_APP_WINDOW.toNanos();
    private static final long REPORTS_WINDOW = GraphLimits.REPORTS_WINDOW.toNanos();
    private static final long CA_WINDOW = GraphLimits.CONDITIONAL_ACCESS_WINDOW.toNanos();
    private static final long SECOND = 1_000_000_000L;

    private final SimClock clock;
    private final double timeScale;
    private final Instant origin;
    private final Map<String, TenantSize> sizes;
    private final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenBucket> conditionalAccess = new ConcurrentHashMap<>();
    private volatile boolean enabled;

    public GraphThrottle(World world, SimClock clock) {
        this(world, clock, true);
    }

    public GraphThrottle(World world, SimClock clock, boolean enabled) {
        this.clock = clock;
        this.timeScale = clock.timeScale();
        this.origin = clock.instant();
        this.enabled = enabled;
        Map<String, TenantSize> s = new HashMap<>();
        for (SimTenant t : world.tenants()) {
            s.put(key(t.tenantId()), TenantSize.ofUsers(userCount(t)));
        }
        this.sizes = Map.copyOf(s);
    }

    /** Off: every request is admitted (benchmarks of the simulator itself). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Forgets all consumption: every bucket is full again. */
    public void reset() {
        apps.clear();
        conditionalAccess.clear();
    }

    /** The tenant's size class (S for a tenant the world does not know). */
    public TenantSize size(String tenantId) {
        return sizes.getOrDefault(key(tenantId), TenantSize.S);
    }

    @Override
    public Admission admit(String tenantId, String appId, Category category, int resourceUnits) {
        if (!enabled || category == Category.PARTNER_CENTER) {
            return Admission.ADMITTED;
        }
        String tenant = key(tenantId);
        String app = appId == null ? "" : appId;
        long now = graphNanos();
        return switch (category) {
            case DIRECTORY -> directory(tenant, app, Math.max(1, resourceUnits), now);
            case REPORTS -> reports(tenant, app, now);
            case CONDITIONAL_ACCESS -> conditionalAccess(tenant, now);
            case PARTNER_CENTER -> Admission.ADMITTED;
        };
    }

    private Admission directory(String tenant, String app, int cost, long now) {
        AppState a = app(app, now);
        TenantApp ta = a.tenant(tenant, this, now);
        synchronized (ta.directory) {
            synchronized (a.directory) {
                ta.directory.refill(now);
                a.directory.refill(now);
                long waitTenant = ta.directory.waitFor(cost);
                long waitApp = a.directory.waitFor(cost);
                if (waitTenant == 0 && waitApp == 0) {
                    ta.directory.take(cost);
                    a.directory.take(cost);
                    return Admission.ADMITTED;
                }
                return waitTenant >= waitApp
                        ? refuse(waitTenant, "Tenant_Application/ReadWrite/" + app + "/" + tenant, "ResourceUnitLimitExceeded")
                        : refuse(waitApp, "Application/ReadWrite/" + app, "ResourceUnitLimitExceeded");
            }
        }
    }

    private Admission reports(String tenant, String app, long now) {
        AppState a = app(app, now);
        TenantApp ta = a.tenant(tenant, this, now);
        synchronized (ta.reports) {
            synchronized (a.reports) {
                ta.reports.refill(now);
                a.reports.refill(now);
                long waitTenant = ta.reports.waitFor(1);
                long waitApp = a.reports.waitFor(1);
                if (waitTenant == 0 && waitApp == 0) {
                    ta.reports.take(1);
                    a.reports.take(1);
                    return Admission.ADMITTED;
                }
                return waitTenant >= waitApp
                        ? refuse(waitTenant, "Tenant_Application/Reports/" + app + "/" + tenant, "RequestLimitExceeded")
                        : refuse(waitApp, "Application/Reports/" + app, "RequestLimitExceeded");
            }
        }
    }

    private Admission conditionalAccess(String tenant, long now) {
        TokenBucket b = conditionalAccess.computeIfAbsent(tenant,
                t -> new TokenBucket(GraphLimits.CONDITIONAL_ACCESS_BUDGET, CA_WINDOW, now));
        synchronized (b) {
            b.refill(now);
            if (b.waitFor(1) == 0) {
                b.take(1);
                return Admission.ADMITTED;
            }
        }
        return new Admission(false, null, "Tenant/ConditionalAccess/" + tenant, "RequestLimitExceeded");
    }

    /** {@code Retry-After}: the Graph-time wait rounded up to whole seconds, then shrunk by the time scale. */
    private Admission refuse(long graphWaitNanos, String scope, String information) {
        long seconds = Math.max(1, (graphWaitNanos + SECOND - 1) / SECOND);
        long nanos = (long) Math.ceil(seconds * (double) SECOND / timeScale);
        return new Admission(false, Duration.ofNanos(nanos), scope, information);
    }

    private AppState app(String app, long now) {
        AppState a = apps.get(app);
        return a != null ? a : apps.computeIfAbsent(app, k -> new AppState(now));
    }

    /** Nanoseconds since this throttle started, on the real clock, times the time scale. */
    private long graphNanos() {
        Duration elapsed = Duration.between(origin, clock.instant());
        long nanos = elapsed.isNegative() ? 0 : elapsed.toNanos();
        return timeScale == 1.0 ? nanos : (long) (nanos * timeScale);
    }

    private static String key(String tenantId) {
        return tenantId == null ? "" : tenantId.toLowerCase(Locale.ROOT);
    }

    private static long userCount(SimTenant t) {
        t.lock().readLock().lock();
        try {
            List<?> users = t.collections().get("users.json");
            return users == null ? 0 : users.size();
        } finally {
            t.lock().readLock().unlock();
        }
    }

    /** The budgets of one app across tenants, and its budgets in each tenant. */
    private static final class AppState {
        final TokenBucket directory;
        final TokenBucket reports;
        final ConcurrentHashMap<String, TenantApp> tenants = new ConcurrentHashMap<>();

        AppState(long now) {
            directory = new TokenBucket(GraphLimits.DIRECTORY_APP_BUDGET, DIRECTORY_APP_WINDOW, now);
            reports = new TokenBucket(GraphLimits.REPORTS_APP_BUDGET, REPORTS_WINDOW, now);
        }

        TenantApp tenant(String tenant, GraphThrottle throttle, long now) {
            TenantApp ta = tenants.get(tenant);
            return ta != null ? ta : tenants.computeIfAbsent(tenant, k -> new TenantApp(throttle.size(k), now));
        }
    }

    /** The budgets of one app in one tenant. */
    private static final class TenantApp {
        final TokenBucket directory;
        final TokenBucket reports;

        TenantApp(TenantSize size, long now) {
            directory = new TokenBucket(size.resourceUnits(), DIRECTORY_WINDOW, now);
            reports = new TokenBucket(GraphLimits.REPORTS_TENANT_BUDGET, REPORTS_WINDOW, now);
        }
    }
}
