package io.cspguard.sim.graph;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times each exact request (tenant, method, path and query) was seen before: the fault injector's
 * {@code attempt}, which lets transient faults clear on retry. Public for the Partner Center routes.
 */
public final class Attempts {
    /** A bound on memory for very long runs; past it the counts restart, which only makes transient faults recur. */
    private static final int MAX_KEYS = 2_000_000;
    private final ConcurrentHashMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    /** @return the attempt number of this request: 0 the first time */
    public int next(String tenantId, String method, String path, String query) {
        if (seen.size() > MAX_KEYS) {
            seen.clear();
        }
        String key = tenantId + ' ' + method + ' ' + path + '?' + (query == null ? "" : query);
        return seen.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
    }
}
