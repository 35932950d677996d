package io.cspguard.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The SQL of the audit tables (V2__audit.sql), on a handle whose transaction the caller controls. */
final class AuditTables {
    private static final String COLUMNS = "seq, at, actor, source_ip, tenant_id, action, target, result, detail, prev_hash, hash";
    static final RowMapper<AuditEntry> ENTRY = (rs, ctx) -> new AuditEntry(rs.getLong("seq"), instant(rs, "at"),
            rs.getString("actor"), rs.getString("source_ip"), rs.getString("tenant_id"), rs.getString("action"),
            rs.getString("target"), rs.getString("result"), rs.getString("detail"), rs.getString("prev_hash"),
            rs.getString("hash"));
    private static final RowMapper<AuditAnchor> ANCHOR = (rs, ctx) -> new AuditAnchor(rs.getLong("last_pruned_seq"),
            rs.getString("last_pruned_hash"), rs.getLong("pruned_count"), instant(rs, "pruned_before"),
            instant(rs, "pruned_at"), rs.getString("pruned_by"));
    private static final int FETCH = 1000;

    private AuditTables() {
    }

    /** The head, locked until the transaction ends: this is what serialises appends across processes. */
    static Optional<AuditHead> lockHead(Handle h) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .map((rs, ctx) -> new AuditHead(rs.getLong("last_seq"), rs.getString("last_hash"))).findOne();
    }

    static Optional<AuditHead> head(Handle h) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .map((rs, ctx) -> new AuditHead(rs.getLong("last_seq"), rs.getString("last_hash"))).findOne();
    }

    /** Inserts the entry and moves the head to it: one append, in the caller's transaction. */
    static void insert(Handle h, AuditEntry e) {
        insertEntryOnly(h, e);
        int moved = h.createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                .bind("seq", e.seq()).bind("hash", e.hash()).execute();
        if (moved != 1) {
            throw new AuditException("the audit head checkpoint is missing: the trail was tampered with "
                    + "(run `cspguard audit verify`)");
        }
    }

    /** The entry row alone; only {@link #insert} (and tests that forge a write around the trail) use it. */
    static void insertEntryOnly(Handle h, AuditEntry e) {
        h.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:seq, :at, :actor, :sourceIp, :tenantId, "
                        + ":action, :target, :result, :detail, :prevHash, :hash)")
                .bind("seq", e.seq()).bind("at", offset(e.at())).bind("actor", e.actor())
                .bind("sourceIp", e.sourceIp()).bind("tenantId", e.tenantId()).bind("action", e.action())
                .bind("target", e.target()).bind("result", e.result()).bind("detail", e.detail())
                .bind("prevHash", e.prevHash()).bind("hash", e.hash()).execute();
    }

    /** The anchor of the most recent pruning, which the kept chain continues from. */
    static Optional<AuditAnchor> latestAnchor(Handle h) {
        return h.createQuery("SELECT * FROM audit_anchors ORDER BY last_pruned_seq DESC, id DESC LIMIT 1")
                .map(ANCHOR).findOne();
    }

    static void insertAnchor(Handle h, AuditAnchor a) {
        h.createUpdate("INSERT INTO audit_anchors (last_pruned_seq, last_pruned_hash, pruned_count, pruned_before, "
                        + "pruned_at, pruned_by) VALUES (:seq, :hash, :count, :before, :at, :by)")
                .bind("seq", a.lastSeq()).bind("hash", a.lastHash()).bind("count", a.count())
                .bind("before", offset(a.prunedBefore())).bind("at", offset(a.prunedAt())).bind("by", a.prunedBy())
                .execute();
    }

    /** Every entry in seq order, streamed (a year of entries need not fit in memory). */
    static void forEachEntry(Handle h, Consumer<AuditEntry> consumer) {
        try (Stream<AuditEntry> entries = h.createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")
                .setFetchSize(FETCH).map(ENTRY).stream()) {
            entries.forEach(consumer);
        }
    }

    static Optional<AuditEntry> entry(Handle h, long seq) {
        return h.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE seq = :seq").bind("seq", seq)
                .map(ENTRY).findOne();
    }

    /** The highest seq such that it and every entry before it are older than {@code cutoff}; 0 when there is none. */
    static long lastSeqOlderThan(Handle h, Instant cutoff) {
        Long firstKept = h.createQuery("SELECT MIN(seq) FROM audit_log WHERE at >= :cutoff")
                .bind("cutoff", offset(cutoff)).mapTo(Long.class).one();
        if (firstKept != null) {
            return firstKept - 1;
        }
        Long last = h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one();
        return last == null ? 0 : last;
    }

    static long deleteThrough(Handle h, long seq) {
        return h.createUpdate("DELETE FROM audit_log WHERE seq <= :seq").bind("seq", seq).execute();
    }

    static String columns() {
        return COLUMNS;
    }

    static OffsetDateTime offset(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
