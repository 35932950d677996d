package io.cspguard.audit;

import java.time.Instant;

/**
 * What a pruning left behind: the entries up to {@code lastSeq} (whose hash was {@code lastHash}) were deleted, being
 * older than {@code prunedBefore}; the kept chain continues from that hash. The {@code audit.pruned} entry written in
 * the same transaction carries {@link #marker()} in its detail, so that an anchor nobody recorded stands out.
 */
public record AuditAnchor(long lastSeq, String lastHash, long count, Instant prunedBefore, Instant prunedAt,
                          String prunedBy) {

    /** The text that ties this anchor to its {@code audit.pruned} entry. */
    public String marker() {
        return "lastSeq=" + lastSeq + " lastHash=" + lastHash;
    }

    /** "entries up to seq 56 (56 entries older than …) were pruned on … by …", for reports. */
    public String describe() {
        return "entries up to seq " + lastSeq + " (" + count + " older than " + AuditTime.format(prunedBefore)
                + ") were pruned on " + AuditTime.format(prunedAt) + " by " + AuditText.printable(prunedBy);
    }
}
