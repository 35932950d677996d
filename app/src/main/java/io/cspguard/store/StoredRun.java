package io.cspguard.store;

import java.time.Duration;

/**
 * What {@link RunStore#store} wrote: how many tenants the run judged and how the findings moved.
 *
 * @param took how long the store took, by the store's clock
 */
public record StoredRun(long runId, int tenants, int newFindings, int resolvedFindings, int reopenedFindings,
                        Duration took) {
}
