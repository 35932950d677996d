package io.cspguard.web.pages;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewCacheTest {
    private static final OverviewFilter ALL = new OverviewFilter(null, null, null, null, 1);
    private final AtomicInteger loads = new AtomicInteger();

    private OverviewView load() {
        loads.incrementAndGet();
        return new OverviewView(null, TrendChart.of(List.of()), List.of(), List.of(), ALL, null, List.of());
    }

    @Test
    void theSameRunAndFilterIsReadOnce() {
        OverviewCache cache = new OverviewCache();
        OverviewView first = cache.get(7L, ALL, this::load);
        assertThat(cache.get(7L, ALL, this::load)).isSameAs(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aNewerStoredRunIsReadAfresh() {
        OverviewCache cache = new OverviewCache();
        cache.get(7L, ALL, this::load);
        cache.get(8L, ALL, this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anotherFilterIsReadAfresh() {
        OverviewCache cache = new OverviewCache();
        cache.get(7L, ALL, this::load);
        cache.get(7L, new OverviewFilter("contoso", null, null, null, 1), this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anEmptyStoreIsCachedUntilTheFirstRun() {
        OverviewCache cache = new OverviewCache();
        cache.get(null, ALL, this::load);
        cache.get(null, ALL, this::load);
        cache.get(1L, ALL, this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedFiltersAreDroppedPastTheBound() {
        OverviewCache cache = new OverviewCache();
        for (int page = 1; page <= OverviewCache.MAX_VIEWS + 1; page++) {
            cache.get(7L, new OverviewFilter(null, null, null, null, page), this::load);
        }
        cache.get(7L, new OverviewFilter(null, null, null, null, 1), this::load);
        assertThat(loads).hasValue(OverviewCache.MAX_VIEWS + 2);
    }
}
