package io.cspguard.web.pages;

import io.cspguard.store.Database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;

/**
 * Fills the store's tables with plain SQL, the way the store documents them (V1__store.sql), so that the pages can
 * be tested without the code that stores runs.
 */
public final class StoreFixture {
    private final Database db;

    public StoreFixture(Database db) {
        this.db = db;
    }

    public long run(String trigger, String by, Instant started, String state, String error) {
        return db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO runs (trigger_kind, triggered_by, started_at,"
                        + " finished_at, state, error, tool_version) VALUES (:t, :by, :at, :done, :state, :error, 'test')")
                .bind("t", trigger).bind("by", by).bind("at", utc(started))
                .bind("done", "running".equals(state) ? null : utc(started.plusSeconds(90)))
                .bind("state", state).bind("error", error)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Fills a stored run's count columns from its results and events, as storing a run does. */
    public void counts(long run) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE runs SET"
                        + " tenant_count = (SELECT COUNT(*) FROM run_tenants WHERE run_id = :r),"
                        + " pass_count = (SELECT COUNT(*) FROM results WHERE run_id = :r AND status = 'PASS'),"
                        + " fail_count = (SELECT COUNT(*) FROM results WHERE run_id = :r AND status = 'FAIL'),"
                        + " warn_count = (SELECT COUNT(*) FROM results WHERE run_id = :r AND status = 'WARN'),"
                        + " na_count = (SELECT COUNT(*) FROM results WHERE run_id = :r AND status = 'NOT_APPLICABLE'),"
                        + " not_assessed_count = (SELECT COUNT(*) FROM results WHERE run_id = :r AND status = 'NOT_ASSESSED'),"
                        + " new_findings = (SELECT COUNT(*) FROM finding_events WHERE run_id = :r AND event = 'new'),"
                        + " resolved_findings = (SELECT COUNT(*) FROM finding_events WHERE run_id = :r AND event = 'resolved'),"
                        + " reopened_findings = (SELECT COUNT(*) FROM finding_events WHERE run_id = :r AND event = 'reopened')"
                        + " WHERE id = :r")
                .bind("r", run).execute());
    }

    public void tenant(String id, String name, String role, String licence, Long lastRun, Instant collected) {
        db.jdbi().useHandle(h -> {
            h.createUpdate("DELETE FROM tenants WHERE tenant_id = :id").bind("id", id).execute();
            h.createUpdate("INSERT INTO tenants (tenant_id, display_name, role, licence, last_run_id, collected_at)"
                            + " VALUES (:id, :name, :role, :licence, :run, :at)")
                    .bind("id", id).bind("name", name).bind("role", role).bind("licence", licence).bind("run", lastRun)
                    .bind("at", collected == null ? null : utc(collected)).execute();
        });
    }

    public void runTenant(long run, String id, String name, String problemsJson) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO run_tenants (run_id, tenant_id, display_name, problems)"
                        + " VALUES (:r, :id, :name, :p)")
                .bind("r", run).bind("id", id).bind("name", name).bind("p", problemsJson).execute());
    }

    public void result(long run, String tenant, String control, String status, String summary, String reason, int open,
                       int accepted) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO results (run_id, tenant_id, control_id, status, summary,"
                        + " reason, open_count, accepted_count, notes) VALUES (:r, :t, :c, :s, :summary, :reason, :o, :a, '[]')")
                .bind("r", run).bind("t", tenant).bind("c", control).bind("s", status).bind("summary", summary)
                .bind("reason", reason).bind("o", open).bind("a", accepted).execute());
    }

    public record FindingSpec(String id, String tenant, String control, String objectType, String objectId,
                              String objectName, String rule, String detail, String state, boolean accepted,
                              long firstRun, Instant firstAt, long lastRun, Instant lastAt, Long resolvedRun,
                              Instant resolvedAt, int reopened) {
    }

    public void finding(FindingSpec f) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO findings (finding_id, tenant_id, control_id, object_type,"
                        + " object_id, object_name, rule, detail, state, accepted, first_seen_run, first_seen_at,"
                        + " last_seen_run, last_seen_at, resolved_run, resolved_at, reopened_count) VALUES (:id, :t, :c,"
                        + " :ot, :oid, :on, :rule, :detail, :state, :acc, :fr, :fa, :lr, :la, :rr, :ra, :ro)")
                .bind("id", f.id()).bind("t", f.tenant()).bind("c", f.control()).bind("ot", f.objectType())
                .bind("oid", f.objectId()).bind("on", f.objectName()).bind("rule", f.rule()).bind("detail", f.detail())
                .bind("state", f.state()).bind("acc", f.accepted()).bind("fr", f.firstRun()).bind("fa", utc(f.firstAt()))
                .bind("lr", f.lastRun()).bind("la", utc(f.lastAt())).bind("rr", f.resolvedRun())
                .bind("ra", f.resolvedAt() == null ? null : utc(f.resolvedAt())).bind("ro", f.reopened()).execute());
    }

    public void event(String findingId, long run, String event, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO finding_events (finding_id, run_id, event, at)"
                        + " VALUES (:f, :r, :e, :at)")
                .bind("f", findingId).bind("r", run).bind("e", event).bind("at", utc(at)).execute());
    }

    public void report(long run, byte[] json) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO run_reports (run_id, assessment_json) VALUES (:r, :b)")
                .bind("r", run).bind("b", gzip(json)).execute());
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
