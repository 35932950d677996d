package io.cspguard.graph.collect;

import io.cspguard.graph.http.HttpStats;
import java.time.Duration;
import java.util.List;

/** What a collection reports as it goes; each event carries the counters at that moment. */
public sealed interface ProgressEvent {
    Counts counts();

    /**
     * @param tenantsDone  tenants finished (complete, partial or failed)
     * @param tenantsTotal tenants known so far (the partner, then every customer once discovery is done)
     */
    record Counts(int tenantsDone, int tenantsTotal, HttpStats stats, Duration elapsed) {
    }

    /** The customers were found (GDAP relationships and Partner Center). */
    record Discovered(List<String> customerTenantIds, Counts counts) implements ProgressEvent {
        public Discovered {
            customerTenantIds = List.copyOf(customerTenantIds);
        }
    }

    record TenantStarted(String tenantId, Counts counts) implements ProgressEvent {
    }

    record TenantFinished(TenantOutcome outcome, Counts counts) implements ProgressEvent {
    }

    /** A read failed for good (also those refused for want of a licence: {@link MissingRead#expected()}). */
    record ReadFailed(String tenantId, MissingRead read, Counts counts) implements ProgressEvent {
    }

    /** About once a second while the collection runs: the counters alone. */
    record Heartbeat(Counts counts) implements ProgressEvent {
    }
}
