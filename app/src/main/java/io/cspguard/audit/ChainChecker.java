package io.cspguard.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a chain in the order it is stored or written and says what is wrong with it; the store and the file
 * verifiers feed it alike. It is given, in order: the anchor of the last pruning (if any), every entry, then the head
 * checkpoint ({@code null} when there is none, after the caller said why).
 * <ul>
 *   <li>an edited entry: its recomputed hash differs from the stored one;</li>
 *   <li>a deleted entry: a gap in seq (and, at the start, no anchor to explain it: truncation);</li>
 *   <li>reordered entries: a seq that goes back, or a prev_hash that is not the previous entry's hash;</li>
 *   <li>a cut tail: the head names a later seq than the last entry;</li>
 *   <li>a forged anchor: no {@code audit.pruned} entry after it carries its marker.</li>
 * </ul>
 */
final class ChainChecker {
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private AuditAnchor anchor;
    private boolean anchorConfirmed;
    private long entries;
    private long firstSeq;
    private long lastSeq;
    private long expectedSeq = 1;
    private String expectedPrev = AuditHash.GENESIS;

    /** The last pruning's anchor; only before the first entry. */
    void anchor(AuditAnchor a, String where) {
        if (entries > 0) {
            problem(where + "an anchor after the first entry: anchors only precede the chain");
            return;
        }
        anchor = a;
        expectedSeq = a.lastSeq() + 1;
        expectedPrev = a.lastHash();
    }

    void problem(String problem) {
        problemCount++;
        if (problems.size() < VerifyReport.MAX_LISTED) {
            problems.add(problem);
        }
    }

    void entry(AuditEntry e, String where) {
        String at = where + "seq " + e.seq() + ": ";
        boolean first = entries == 0;
        entries++;
        if (first) {
            firstSeq = e.seq();
        }
        boolean advances = e.seq() >= expectedSeq;
        if (e.seq() > expectedSeq) {
            problem(at + missing(first, e.seq()));
        } else if (e.seq() < expectedSeq) {
            problem(at + "out of order: it comes after seq " + lastSeq + " (entries were reordered or duplicated)");
        } else if (!expectedPrev.equals(e.prevHash())) {
            problem(at + "prev_hash does not match the hash of " + (first ? (anchor == null ? "the genesis" : "the anchor")
                    : "seq " + lastSeq) + " (an entry before it was replaced or the entries were reordered)");
        }
        String computed = AuditHash.of(e);
        if (!computed.equals(e.hash())) {
            problem(at + "hash mismatch: the entry was edited (its hash is " + AuditText.printable(e.hash())
                    + ", its content hashes to " + computed + ")");
        }
        if (anchor != null && "audit.pruned".equals(e.action()) && e.detail() != null
                && e.detail().contains(anchor.marker())) {
            anchorConfirmed = true;
        }
        if (advances) {
            lastSeq = e.seq();
            expectedSeq = e.seq() + 1;
            expectedPrev = e.hash();
        }
    }

    private String missing(boolean first, long seq) {
        if (first && anchor == null) {
            return "the chain starts here but nothing anchors a pruning before it: entries " + range(expectedSeq, seq - 1)
                    + " were removed (truncated at the start)";
        }
        if (first) {
            return "the anchor says entries up to seq " + anchor.lastSeq() + " were pruned, but entries "
                    + range(expectedSeq, seq - 1) + " are missing too (deleted)";
        }
        return "entries " + range(expectedSeq, seq - 1) + " are missing before it (deleted)";
    }

    private static String range(long from, long to) {
        return from == to ? "seq " + from : "seq " + from + ".." + to;
    }

    /** Checks the end of the chain against the head and returns the report. */
    VerifyReport finish(AuditHead head) {
        if (head != null) {
            long last = entries == 0 ? expectedSeq - 1 : lastSeq;
            if (head.seq() > last) {
                problem("truncated: the head checkpoint says seq " + head.seq() + " (hash " + head.hash() + ") but "
                        + (entries == 0 ? "there is no entry" + (anchor == null ? "" : " after the anchor")
                        : "the last entry is seq " + last) + ": entries " + range(last + 1, head.seq()) + " were cut off");
            } else if (head.seq() < last) {
                problem("the last entry is seq " + last + " but the head checkpoint says seq " + head.seq()
                        + ": entries after it were written around the audit trail, or the head was rolled back");
            } else if (!head.hash().equals(expectedPrev)) {
                problem("the head checkpoint's hash " + AuditText.printable(head.hash()) + " is not the hash of seq "
                        + head.seq() + " (" + expectedPrev + "): the last entry was replaced");
            }
        }
        if (anchor != null && !anchorConfirmed) {
            problem("no audit.pruned entry records the anchor (" + anchor.describe() + "): it may have been forged "
                    + "to pass off a truncation as a pruning");
        }
        return new VerifyReport(problemCount == 0, entries, entries == 0 ? 0 : firstSeq, entries == 0 ? 0 : lastSeq,
                problems, problemCount, head, anchor);
    }
}
