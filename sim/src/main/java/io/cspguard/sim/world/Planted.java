package io.cspguard.sim.world;

import java.util.List;

/**
 * A violation the generator planted on purpose (formats.md §5): a correct assessment of the world reports
 * {@code controlId} failing (or warning) in {@code tenantId}, naming every one of {@code objectIds}.
 */
public record Planted(String tenantId, String controlId, List<String> objectIds, String note) {
    public Planted {
        objectIds = List.copyOf(objectIds);
    }
}
