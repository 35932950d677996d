package io.cspguard.graph.http;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The client's own budgets, modelled on the limits Microsoft publishes (graph-reference.md §16) so that the collector
 * rarely meets a 429: token buckets per tenant and per app (this client's one app) across tenants, one set per family —
 * <ul>
 *   <li>directory reads: resource units per tenant per 10 s by the tenant's size (fewer than 50 users 3,500; up to 500
 *       5,000; more 8,000; a tenant counts as small until {@link #tenantUsers} says otherwise), and 150,000 per 20 s
 *       across tenants;</li>
 *   <li>reports: 5 requests per 10 s per tenant, 122 per 10 s across tenants;</li>
 *   <li>Conditional Access and Identity Protection: 1 request per second per tenant;</li>
 *   <li>Partner Center: not budgeted.</li>
 * </ul>
 * A bucket starts full and refills continuously, a little slower than the service's ({@link Limits#safety()}), from
 * the moment the first request that drew on it was answered, and never beyond its capacity less the requests still in
 * flight ({@link #release}): the service's bucket cannot have started later, nor have spent what has not reached it,
 * so requests that reach the service later, or in another order, than they left still fit it. A 429 empties the
 * bucket it names until its {@code Retry-After} has passed. Thread-safe.
 */
public final class ClientThrottle {
    /**
     * @param timeScale divides every window (1 for Microsoft; a simulator's {@code --time-scale})
     * @param safety    share of the service's refill rate the client allows itself (0 &lt; safety ≤ 1)
     * @param enabled   false: never waits (429s are then only honoured after the fact)
     */
    public record Limits(double timeScale, double safety, boolean enabled) {
        public Limits {
            if (!(timeScale > 0) || !(safety > 0) || safety > 1) {
                throw new IllegalArgumentException("timeScale must be positive and safety in (0, 1]");
            }
        }

        /** Microsoft's limits at their real windows. */
        public static Limits microsoft() {
            return new Limits(1, 0.97, true);
        }

        /** Microsoft's limits with every window divided by {@code timeScale} (a simulator run faster). */
        public static Limits scaled(double timeScale) {
            return new Limits(timeScale, 0.97, true);
        }

        public static Limits off() {
            return new Limits(1, 1, false);
        }
    }

    static final long DIRECTORY_APP_BUDGET = 150_000;
    static final Duration DIRECTORY_WINDOW = Duration.ofSeconds(10);
    static final Duration DIRECTORY_APP_WINDOW = Duration.ofSeconds(20);
    static final long REPORTS_TENANT_BUDGET = 5;
    static final long REPORTS_APP_BUDGET = 122;
    static final Duration REPORTS_WINDOW = Duration.ofSeconds(10);
    static final long CONDITIONAL_ACCESS_BUDGET = 1;
    static final Duration CONDITIONAL_ACCESS_WINDOW = Duration.ofSeconds(1);

    /** Resource units per tenant per 10 s for a tenant of this many users. */
    static long directoryBudget(long users) {
        return users < 50 ? 3_500 : users <= 500 ? 5_000 : 8_000;
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final Bucket directoryApp;
    private final Bucket reportsApp;
    private final ConcurrentHashMap<String, TenantBuckets> tenants = new ConcurrentHashMap<>();

    public ClientThrottle(Limits limits) {
        this(limits, System::nanoTime);
    }

    ClientThrottle(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.directoryApp = bucket(DIRECTORY_APP_BUDGET, DIRECTORY_APP_WINDOW, now);
        this.reportsApp = bucket(REPORTS_APP_BUDGET, REPORTS_WINDOW, now);
    }

    public Limits limits() {
        return limits;
    }

    /** Waits until the request fits every bucket it draws on, and takes its cost from them. */
    public void acquire(String tenantId, RequestCategory category, int units) throws InterruptedException {
        while (true) {
            long wait = tryAcquire(tenantId, category, units);
            if (wait == 0) {
                return;
            }
            sleepNanos(wait);
        }
    }

    /**
     * Takes the cost if every bucket holds it now.
     *
     * @return 0 when taken; otherwise the nanoseconds until it would fit (nothing taken)
     */
    public long tryAcquire(String tenantId, RequestCategory category, int units) {
        if (!limits.enabled() || category == RequestCategory.PARTNER_CENTER) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        TenantBuckets t = tenant(tenantId, now);
        return switch (category) {
            case DIRECTORY -> take(t.directory, directoryApp, Math.max(1, units), now);
            case REPORTS -> take(t.reports, reportsApp, 1, now);
            case CONDITIONAL_ACCESS -> take(t.conditionalAccess, null, 1, now);
            case PARTNER_CENTER -> 0;
        };
    }

    /**
     * A 429 said to wait: the bucket it names (the tenant's, or with a scope of {@code Application/…} the app's) holds
     * nothing until then.
     *
     * @param scope the response's {@code x-ms-throttle-scope}, or null
     */
    public void hold(String tenantId, RequestCategory category, Duration wait, String scope) {
        if (category == RequestCategory.PARTNER_CENTER || wait == null || wait.isNegative()) {
            return;
        }
        long now = nanoTime.getAsLong();
        long until = now + wait.toNanos();
        boolean app = scope != null && scope.regionMatches(true, 0, "Application/", 0, "Application/".length());
        TenantBuckets t = tenant(tenantId, now);
        Bucket b = switch (category) {
            case DIRECTORY -> app ? directoryApp : t.directory;
            case REPORTS -> app ? reportsApp : t.reports;
            default -> t.conditionalAccess;
        };
        b.hold(until);
    }

    /**
     * A request that {@link #acquire} or {@link #tryAcquire} admitted was answered (any status, or no answer at all):
     * the buckets it drew on count it as in flight no longer, and start refilling from now if they had not started
     * yet. A bucket never holds more than its capacity less what is in flight — a request that is slow to arrive must
     * not let its budget be spent twice — and until a first answer it grants only its first burst: the service's
     * bucket cannot have started refilling later than that answer.
     */
    public void release(String tenantId, RequestCategory category, int units) {
        if (!limits.enabled() || category == RequestCategory.PARTNER_CENTER) {
            return;
        }
        long now = nanoTime.getAsLong();
        TenantBuckets t = tenant(tenantId, now);
        switch (category) {
            case DIRECTORY -> {
                t.directory.release(Math.max(1, units), now);
                directoryApp.release(Math.max(1, units), now);
            }
            case REPORTS -> {
                t.reports.release(1, now);
                reportsApp.release(1, now);
            }
            default -> t.conditionalAccess.release(1, now);
        }
    }

    /** The tenant's number of users, which sets its directory budget. */
    public void tenantUsers(String tenantId, long users) {
        long now = nanoTime.getAsLong();
        TenantBuckets t = tenant(tenantId, now);
        t.directory.resize(directoryBudget(users), now);
    }

    private static long take(Bucket tenant, Bucket app, double cost, long now) {
        synchronized (tenant) {
            if (app == null) {
                long w = tenant.waitFor(cost, now);
                if (w == 0) {
                    tenant.take(cost);
                }
                return w;
            }
            synchronized (app) {
                long w = Math.max(tenant.waitFor(cost, now), app.waitFor(cost, now));
                if (w == 0) {
                    tenant.take(cost);
                    app.take(cost);
                }
                return w;
            }
        }
    }

    private TenantBuckets tenant(String tenantId, long now) {
        String key = tenantId == null ? "" : tenantId.toLowerCase(Locale.ROOT);
        TenantBuckets t = tenants.get(key);
        return t != null ? t : tenants.computeIfAbsent(key, k -> new TenantBuckets(
                bucket(directoryBudget(0), DIRECTORY_WINDOW, now),
                bucket(REPORTS_TENANT_BUDGET, REPORTS_WINDOW, now),
                bucket(CONDITIONAL_ACCESS_BUDGET, CONDITIONAL_ACCESS_WINDOW, now)));
    }

    private Bucket bucket(long capacity, Duration window, long now) {
        double windowNanos = window.toNanos() / limits.timeScale();
        return new Bucket(capacity, capacity / windowNanos * limits.safety(), now);
    }

    static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return;
        }
        Thread.sleep(Duration.ofNanos(nanos));
    }

    private record TenantBuckets(Bucket directory, Bucket reports, Bucket conditionalAccess) {
    }

    /** A token bucket on the nanosecond clock that also counts what is in flight. Callers synchronise on it. */
    static final class Bucket {
        private double capacity;
        private final double perNano;
        private double available;
        private double inFlight;
        private long last = Long.MAX_VALUE; // no refill before the first answer (see release)
        private long heldUntil;

        Bucket(double capacity, double perNano, long now) {
            this.capacity = capacity;
            this.perNano = perNano;
            this.available = capacity;
        }

        synchronized void release(double cost, long now) {
            refill(now);
            inFlight = Math.max(0, inFlight - Math.min(cost, capacity));
            if (last == Long.MAX_VALUE) {
                last = now;
            }
        }

        synchronized void resize(double newCapacity, long now) {
            refill(now);
            if (newCapacity > capacity) {
                available += newCapacity - capacity;
            }
            capacity = newCapacity;
            available = Math.min(available, capacity);
        }

        synchronized void hold(long until) {
            heldUntil = Math.max(heldUntil, until);
            available = 0;
            last = last == Long.MAX_VALUE ? until : Math.max(last, until);
        }

        private void refill(long now) {
            if (last != Long.MAX_VALUE && now > last) {
                double cap = Math.max(available, capacity - inFlight);
                available = Math.min(cap, available + (now - last) * perNano);
                last = now;
            }
        }

        long waitFor(double cost, long now) {
            refill(now);
            if (now < heldUntil) {
                return heldUntil - now;
            }
            double need = Math.min(cost, capacity) - available;
            if (need <= 1e-9) {
                return 0;
            }
            if (last == Long.MAX_VALUE || available + need > capacity - inFlight + 1e-9) {
                // until an answer starts the refill, or brings back what is in flight
                return Math.max(1_000_000L, (long) Math.ceil(need / perNano));
            }
            long start = Math.max(now, last);
            return Math.max(1, start - now + (long) Math.ceil(need / perNano));
        }

        void take(double cost) {
            double c = Math.min(cost, capacity);
            available -= c;
            inFlight += c;
        }
    }
}
