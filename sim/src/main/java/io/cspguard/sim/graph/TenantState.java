package io.cspguard.sim.graph;

import io.cspguard.sim.world.SimTenant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * A tenant as the simulated Graph serves it: the world's {@link SimTenant} and what the simulator derives from it and
 * may cache (the indices a {@code $filter} selects, so that paging through 100,000 sign-ins does not re-filter them
 * for every page). Every write goes through {@link #write}, which drops the derived state under the write lock, so a
 * reader never caches what a writer has since changed.
 */
final class TenantState {
    private static final int MAX_CACHED_FILTERS = 64;

    final SimTenant tenant;
    private final ConcurrentHashMap<String, int[]> filtered = new ConcurrentHashMap<>();

    TenantState(SimTenant tenant) {
        this.tenant = tenant;
    }

    String id() {
        return tenant.tenantId();
    }

    <T> T read(Supplier<T> body) {
        Lock l = tenant.lock().readLock();
        l.lock();
        try {
            return body.get();
        } finally {
            l.unlock();
        }
    }

    <T> T write(Supplier<T> body) {
        Lock l = tenant.lock().writeLock();
        l.lock();
        try {
            filtered.clear();
            return body.get();
        } finally {
            l.unlock();
        }
    }

    /** Caller holds the read lock (so no write can slip between computing and caching). */
    int[] filtered(String key, Supplier<int[]> compute) {
        int[] hit = filtered.get(key);
        if (hit != null) {
            return hit;
        }
        if (filtered.size() >= MAX_CACHED_FILTERS) {
            filtered.clear();
        }
        int[] value = compute.get();
        filtered.put(key, value);
        return value;
    }
}
