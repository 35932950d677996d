package io.cspguard.web.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stored run never changes, so the overview of the latest one is kept per filter until a newer run is stored: the
 * page then costs one indexed lookup of the latest run id plus rendering. Least recently used filters are dropped
 * past {@link #MAX_VIEWS}. Each server keeps its own, and the key (the run id) is read from the database on every
 * request, so servers sharing one database never show a stale run.
 */
final class OverviewCache {
    static final int MAX_VIEWS = 256;

    private long run = Long.MIN_VALUE;
    private final Map<OverviewFilter, OverviewView> views = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OverviewFilter, OverviewView> eldest) {
            return size() > MAX_VIEWS;
        }
    };

    OverviewView get(Long latestRun, OverviewFilter filter, Supplier<OverviewView> load) {
        long key = latestRun == null ? Long.MIN_VALUE + 1 : latestRun;
        synchronized (this) {
            if (key != run) {
                views.clear();
                run = key;
            }
            OverviewView cached = views.get(filter);
            if (cached != null) {
                return cached;
            }
        }
        OverviewView loaded = load.get();  // outside the lock: a slow filter does not hold up the others
        synchronized (this) {
            if (key == run) {
                views.put(filter, loaded);
            }
        }
        return loaded;
    }
}
