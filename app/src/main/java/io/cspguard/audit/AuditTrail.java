package io.cspguard.audit;

import io.cspguard.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit trail in the store (docs/audit.md): an append-only, hash-chained log whose head is checkpointed in the
 * same transaction as every append. Appends of this process queue on a lock; appends of several processes on one
 * PostgreSQL queue on the head row's lock ({@code SELECT … FOR UPDATE}), so that seqs never collide or skip.
 */
public final class AuditTrail implements Audit {
    /** How long entries are kept unless the settings say otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);
    private static final int ATTEMPTS = 20;

    private final Database db;
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock(true);

    public AuditTrail(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends the event as the next entry. Throws {@link IllegalArgumentException} for an event without actor,
     * action or a known result, and {@link AuditException} when it cannot be written (the caller's action must then
     * not go ahead).
     */
    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    /** {@link #record} returning the stored entry. */
    public AuditEntry append(AuditEvent event) {
        AuditEvent e = AuditValues.normalise(event);
        appendLock.lock();
        try {
            return withRetry("append to the audit trail", () ->
                    db.jdbi().inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> appendLocked(h, e)));
        } finally {
            appendLock.unlock();
        }
    }

    /** Appends inside the caller's transaction, which must have locked the head. */
    private AuditEntry appendLocked(Handle h, AuditEvent e) {
        AuditHead head = AuditTables.lockHead(h).orElseThrow(() -> new AuditException(
                "the audit head checkpoint is missing: the trail was tampered with, so nothing more is recorded "
                        + "until it is restored (run `cspguard audit verify`)"));
        long seq = head.seq() + 1;
        Instant at = AuditTime.truncate(clock.instant());
        String hash = AuditHash.compute(seq, at, e.actor(), e.sourceIp(), e.tenantId(), e.action(), e.target(),
                e.result(), e.detail(), head.hash());
        AuditEntry entry = new AuditEntry(seq, at, e.actor(), e.sourceIp(), e.tenantId(), e.action(), e.target(),
                e.result(), e.detail(), head.hash(), hash);
        AuditTables.insert(h, entry);
        return entry;
    }

    /** Checks the whole stored chain against the head checkpoint and the last pruning's anchor. */
    public VerifyReport verify() {
        return read("verify the audit trail", AuditTrail::verify);
    }

    private static VerifyReport verify(Handle h) {
        ChainChecker checker = new ChainChecker();
        AuditTables.latestAnchor(h).ifPresent(a -> checker.anchor(a, ""));
        Optional<AuditHead> head = AuditTables.head(h);
        AuditTables.forEachEntry(h, e -> checker.entry(e, ""));
        if (head.isEmpty()) {
            checker.problem("the head checkpoint is missing (its row was deleted): a cut tail cannot be ruled out");
        }
        return checker.finish(head.orElse(null));
    }

    /**
     * Deletes the entries older than {@code retention} (a prefix of the chain), in one transaction with the head
     * locked: it first checks the whole chain (pruning must not launder tampering: it refuses with the problems),
     * then writes the anchor, deletes, and appends an {@code audit.pruned} entry carrying the anchor's marker.
     */
    public PruneResult prune(Duration retention, String actor) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the audit retention must be positive, got " + retention);
        }
        Instant now = AuditTime.truncate(clock.instant());
        Instant cutoff = now.minus(retention);
        appendLock.lock();
        try {
            return withRetry("prune the audit trail", () -> db.jdbi().inTransaction(
                    TransactionIsolationLevel.READ_COMMITTED, h -> pruneLocked(h, cutoff, now, actor)));
        } finally {
            appendLock.unlock();
        }
    }

    private PruneResult pruneLocked(Handle h, Instant cutoff, Instant now, String actor) {
        AuditTables.lockHead(h).orElseThrow(() -> new AuditException(
                "refusing to prune: the audit head checkpoint is missing (run `cspguard audit verify`)"));
        VerifyReport report = verify(h);
        if (!report.intact()) {
            throw new AuditTamperedException("refusing to prune: the audit trail does not verify ("
                    + report.problemCount() + " problems; the first: " + report.problems().get(0) + ")", report);
        }
        long last = AuditTables.lastSeqOlderThan(h, cutoff);
        if (last < report.firstSeq() || report.entries() == 0) {
            return new PruneResult(cutoff, null, 0);
        }
        AuditEntry lastPruned = AuditTables.entry(h, last).orElseThrow();
        long count = AuditTables.deleteThrough(h, last);
        AuditAnchor anchor = new AuditAnchor(last, lastPruned.hash(), count, cutoff, now, actor);
        AuditTables.insertAnchor(h, anchor);
        AuditEntry entry = appendLocked(h, AuditValues.normalise(new AuditEvent(actor, null, null, "audit.pruned",
                "audit_log", "success", "pruned " + count + " entries older than " + AuditTime.format(cutoff)
                + " (retention " + Duration.between(cutoff, now).toDays() + " days); " + anchor.marker())));
        return new PruneResult(cutoff, anchor, entry.seq());
    }

    /**
     * Writes the chain as it is now (one consistent snapshot): the last pruning's anchor first, every entry, and the
     * head checkpoint last, so that a file cut short is detectable. Returns how many entries it wrote.
     */
    public long export(ExportFormat format, OutputStream out) {
        AuditLineCodec codec = AuditLineCodec.of(format);
        Instant exportedAt = AuditTime.truncate(clock.instant());
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        long written = read("export the audit trail", h -> {
            AuditHead head = AuditTables.head(h).orElseThrow(() -> new AuditException(
                    "cannot export: the audit head checkpoint is missing (run `cspguard audit verify`)"));
            long[] count = {0};
            AuditTables.latestAnchor(h).ifPresent(a -> line(w, codec.write(new AuditLine.Anchor(a))));
            AuditTables.forEachEntry(h, e -> {
                line(w, codec.write(new AuditLine.Entry(e)));
                count[0]++;
            });
            line(w, codec.write(new AuditLine.Checkpoint(head, exportedAt)));
            return count[0];
        });
        try {
            w.flush();
        } catch (IOException e) {
            throw new AuditException("cannot write the audit export: " + e.getMessage(), e);
        }
        return written;
    }

    private static void line(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest entries first, filtered as the query says (for the admin page). */
    public List<AuditEntry> recent(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + AuditTables.columns() + " FROM audit_log WHERE 1 = 1");
        if (q.actor() != null) {
            sql.append(" AND actor = :actor");
        }
        if (q.tenantId() != null) {
            sql.append(" AND tenant_id = :tenant");
        }
        if (q.actionPrefix() != null) {
            sql.append(" AND action LIKE :prefix ESCAPE '\\'");
        }
        if (q.beforeSeq() != null) {
            sql.append(" AND seq < :before");
        }
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        return read("read the audit trail", h -> {
            var query = h.createQuery(sql.toString()).bind("limit", q.limit());
            if (q.actor() != null) {
                query.bind("actor", q.actor());
            }
            if (q.tenantId() != null) {
                query.bind("tenant", q.tenantId());
            }
            if (q.actionPrefix() != null) {
                query.bind("prefix", q.actionPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (q.beforeSeq() != null) {
                query.bind("before", q.beforeSeq());
            }
            return new ArrayList<>(query.map(AuditTables.ENTRY).list());
        });
    }

    /** The head checkpoint, if its row is there. */
    public Optional<AuditHead> head() {
        return read("read the audit head", AuditTables::head);
    }

    /** A read in one snapshot (repeatable read), so that head, anchor and entries agree with each other. */
    private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return db.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work);
        } catch (JdbiException e) {
            throw new AuditException("cannot " + what + " in " + db.location().describe() + ": " + rootMessage(e), e);
        } catch (UncheckedIOException e) {
            throw new AuditException("cannot " + what + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Runs a locking write again when another process held the head too long (H2's lock timeout) or the database
     * chose it as a serialisation victim: the seq is read under the lock, so a retry is clean.
     */
    private static <T> T withRetry(String what, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbiException e) {
                if (attempt < ATTEMPTS && contended(e)) {
                    try {
                        Thread.sleep(5L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new AuditException("interrupted while waiting to " + what, ie);
                    }
                    continue;
                }
                throw new AuditException("cannot " + what + ": " + rootMessage(e), e);
            }
        }
    }

    private static boolean contended(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("40") || s.getSQLState().equals("HYT00")
                    || s.getSQLState().equals("55P03"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
