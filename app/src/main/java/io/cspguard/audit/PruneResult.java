package io.cspguard.audit;

import java.time.Instant;

/**
 * What {@link AuditTrail#prune} did: {@code anchor} is null when no entry was older than {@code cutoff}; otherwise it
 * describes the deleted entries and {@code prunedEntrySeq} is the {@code audit.pruned} entry that records it.
 */
public record PruneResult(Instant cutoff, AuditAnchor anchor, long prunedEntrySeq) {
    public boolean pruned() {
        return anchor != null;
    }

    public long count() {
        return anchor == null ? 0 : anchor.count();
    }
}
