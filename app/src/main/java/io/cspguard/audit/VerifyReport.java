package io.cspguard.audit;

import java.util.List;

/**
 * The outcome of checking a chain, stored or exported. {@code intact} when there is no problem; each problem says
 * where (line, seq) and what (edited, deleted, reordered, truncated). {@code anchor}, when not null, explains why the
 * chain starts after seq 1 (pruning), which is not a problem. {@code firstSeq}/{@code lastSeq} are 0 without entries;
 * {@code head} is the checkpoint the chain was checked against (null when it is missing). At most {@link #MAX_LISTED}
 * problems are listed; {@code problemCount} counts them all.
 */
public record VerifyReport(boolean intact, long entries, long firstSeq, long lastSeq, List<String> problems,
                           long problemCount, AuditHead head, AuditAnchor anchor) {
    /** Problems beyond this many are counted, not listed: a wholesale rewrite need not print a million lines. */
    public static final int MAX_LISTED = 1000;

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** One line: intact or not, how many entries, which seqs, the head, and what was pruned. */
    public String summary() {
        StringBuilder s = new StringBuilder(intact ? "audit trail intact: " : "audit trail TAMPERED: "
                + problemCount + (problemCount == 1 ? " problem" : " problems") + " in ");
        s.append(entries).append(entries == 1 ? " entry" : " entries");
        if (entries > 0) {
            s.append(" (seq ").append(firstSeq).append("..").append(lastSeq).append(')');
        }
        if (head != null) {
            s.append(", head seq ").append(head.seq()).append(' ').append(head.hash(), 0, Math.min(16, head.hash().length()));
        }
        if (anchor != null) {
            s.append("; ").append(anchor.describe());
        }
        return s.toString();
    }
}
