package io.cspguard.audit;

import java.time.Instant;

/** A line of an exported audit file: the anchor of the last pruning (first), an entry, or the head checkpoint (last). */
sealed interface AuditLine {
    record Anchor(AuditAnchor anchor) implements AuditLine {
    }

    record Entry(AuditEntry entry) implements AuditLine {
    }

    /** The head when the file was written, and when that was: a file cut short ends before it. */
    record Checkpoint(AuditHead head, Instant exportedAt) implements AuditLine {
    }
}
