package io.cspguard.graph.collect;

import io.cspguard.graph.http.HttpStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A whole collection: every tenant's outcome, the requests made, and where the snapshot is.
 *
 * @param collectedAt the latest {@code Date} header the services sent (formats.md §4)
 * @param tenants     the partner first, then the customers by id
 * @param discoveredCustomers every customer the partner's GDAP relationships and Partner Center named (ids, once each,
 *                    in discovery order), whether or not this collection was limited to some of them
 */
public record CollectionResult(String partnerTenantId, Instant collectedAt, Path outDir, List<TenantOutcome> tenants,
                               List<String> discoveredCustomers, HttpStats stats, Duration elapsed) {
    public CollectionResult {
        tenants = List.copyOf(tenants);
        discoveredCustomers = List.copyOf(discoveredCustomers);
    }

    public List<TenantOutcome> with(TenantOutcome.Status status) {
        return tenants.stream().filter(t -> t.status() == status).toList();
    }

    /**
     * The exit status of {@code cspguard collect}: 0 when every tenant is complete (reads refused for want of a
     * licence do not count), 1 when some reads or some customers failed, 2 when the partner's own tenant could not be
     * collected at all.
     */
    public int exitCode() {
        boolean partnerFailed = tenants.stream().anyMatch(t -> "partner".equals(t.role())
                && t.status() == TenantOutcome.Status.FAILED);
        if (partnerFailed) {
            return 2;
        }
        return tenants.stream().allMatch(t -> t.status() == TenantOutcome.Status.COMPLETE) ? 0 : 1;
    }
}
