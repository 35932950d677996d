package io.cspguard.exceptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import io.cspguard.config.AcceptedRisk;
import io.cspguard.config.Config;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.store.Database;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Accepted risk kept in the store: exceptions requested and decided in the dashboard ({@code source = ui}) and the
 * mirror of cspguard.yaml's ({@code source = config}, approved there). An approved UI exception is handed to the next
 * assessment by {@link #liveUiExceptions}. Every request and decision is audited; a decision whose audit entry cannot
 * be written is rolled back.
 */
public final class ExceptionStore {
    /** The longest an exception may be granted for from the dashboard: a year, so that accepted risk is looked at again. */
    public static final int MAX_DAYS_AHEAD = 366;
    private static final int MAX_OBJECTS = 200;
    private static final int MAX_TEXT = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, source, tenant_id, control_id, objects, reason, requested_by, requested_at,"
            + " state, decided_by, decided_at, expires, config_line";

    private final Database db;
    private final Audit audit;
    private final Clock clock;

    public ExceptionStore(Database db, Audit audit, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a request; throws {@link ExceptionRequestInvalid} naming every problem: an unknown control or tenant
     * ({@code *} means every tenant), an empty reason, an expiry date that is not in the future or more than a year
     * ahead. {@code objects} are UPNs or object ids; none means the whole control.
     */
    public long request(String tenantId, String controlId, List<String> objects, String reason, LocalDate expires,
                        String requestedBy, String ip) {
        List<String> problems = new ArrayList<>();
        LocalDate today = today();
        String control = controlId == null ? "" : controlId.strip();
        if (!ControlRegistry.ids().contains(control)) {
            problems.add("control '" + control + "' is not in the catalog (see /controls)");
        }
        List<String> objectList = cleanObjects(objects, problems);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            problems.add("the reason is empty: say why the risk is accepted");
        } else if (why.length() > MAX_TEXT) {
            problems.add("the reason is longer than " + MAX_TEXT + " characters");
        }
        if (expires == null) {
            problems.add("the expiry date is missing");
        } else if (!expires.isAfter(today)) {
            problems.add("the expiry date " + expires + " is not in the future (today is " + today + ")");
        } else if (expires.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            problems.add("the expiry date " + expires + " is more than a year ahead (at most " + today.plusDays(MAX_DAYS_AHEAD) + ")");
        }
        return db.jdbi().inTransaction(h -> {
            String tenant = knownTenant(h, tenantId, problems);
            if (!problems.isEmpty()) {
                throw new ExceptionRequestInvalid(problems);
            }
            long id = h.createUpdate("INSERT INTO exceptions (source, tenant_id, control_id, objects, reason, requested_by,"
                            + " requested_at, state, expires) VALUES ('ui', :tenant, :control, :objects, :reason, :by, :at,"
                            + " 'requested', :expires)")
                    .bind("tenant", tenant).bind("control", control).bind("objects", json(objectList))
                    .bind("reason", why).bind("by", requestedBy).bind("at", now()).bind("expires", expires)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            audit.record(new AuditEvent(requestedBy, ip, tenant, "exception.requested", "exception " + id, "success",
                    control + " until " + expires));
            return id;
        });
    }

    /** Approves a request of someone else, before its expiry date. */
    public void approve(long id, String approver, String ip) {
        decide(id, approver, ip, "approved", "exception.approved");
    }

    public void reject(long id, String approver, String ip) {
        decide(id, approver, ip, "rejected", "exception.rejected");
    }

    /** Withdraws an approved dashboard exception; the next run counts its findings again. */
    public void revoke(long id, String approver, String ip) {
        decide(id, approver, ip, "revoked", "exception.revoked");
    }

    private void decide(long id, String actor, String ip, String newState, String action) {
        ExceptionRow row = get(id).orElseThrow(() -> new NoSuchElementException("no exception " + id));
        String refusal = refusal(row, actor, newState);
        if (refusal != null) {
            // The refusal is recorded too: an attempt to approve one's own request is worth an auditor's eye.
            audit.record(new AuditEvent(actor, ip, row.tenantId(), action, "exception " + id, "denied", refusal));
            throw new ExceptionRefused(refusal);
        }
        db.jdbi().useTransaction(h -> {
            int changed = h.createUpdate("UPDATE exceptions SET state = :state, decided_by = :by, decided_at = :at"
                            + " WHERE id = :id AND state = :from")
                    .bind("state", newState).bind("by", actor).bind("at", now()).bind("id", id).bind("from", row.state())
                    .execute();
            if (changed != 1) {
                throw new ExceptionRefused("exception " + id + " was decided by someone else meanwhile; reload the page");
            }
            audit.record(new AuditEvent(actor, ip, row.tenantId(), action, "exception " + id, "success",
                    row.controlId() + " until " + row.expires()));
        });
    }

    private String refusal(ExceptionRow row, String actor, String newState) {
        if (row.fromConfig()) {
            return "exception " + row.id() + " comes from cspguard.yaml (line " + row.configLine()
                    + "): change it there";
        }
        if ("revoked".equals(newState)) {
            return "approved".equals(row.state()) ? null
                    : "exception " + row.id() + " is " + row.state() + ", not approved: there is nothing to revoke";
        }
        if (!"requested".equals(row.state())) {
            return "exception " + row.id() + " was already " + row.state() + " by " + row.decidedBy();
        }
        if ("approved".equals(newState) && row.requestedBy().equalsIgnoreCase(actor)) {
            return "you requested exception " + row.id() + " yourself: someone else must approve it (separation of duties)";
        }
        if ("approved".equals(newState) && row.expires().isBefore(today())) {
            return "exception " + row.id() + " expired on " + row.expires() + ": request it again with a new date";
        }
        return null;
    }

    /**
     * Mirrors cspguard.yaml's exceptions: they replace the previous config rows (approved, decided by the file's
     * {@code approvedBy}); dashboard rows are left alone. Nothing is written, nor audited, when the file's set is unchanged.
     */
    public void syncFromConfig(Config config, String actor) {
        db.jdbi().useTransaction(h -> {
            List<String> stored = h.createQuery("SELECT " + COLUMNS + " FROM exceptions WHERE source = 'config' ORDER BY id")
                    .map((rs, ctx) -> configKey(row(rs, today()))).list();
            List<String> wanted = config.exceptions().stream().map(ExceptionStore::configKey).toList();
            if (stored.equals(wanted)) {
                return;
            }
            h.createUpdate("DELETE FROM exceptions WHERE source = 'config'").execute();
            OffsetDateTime at = now();
            for (AcceptedRisk e : config.exceptions()) {
                h.createUpdate("INSERT INTO exceptions (source, tenant_id, control_id, objects, reason, requested_by,"
                                + " requested_at, state, decided_by, decided_at, expires, config_line) VALUES ('config',"
                                + " :tenant, :control, :objects, :reason, :by, :at, 'approved', :approver, :at, :expires, :line)")
                        .bind("tenant", e.tenant()).bind("control", e.control()).bind("objects", json(e.objects()))
                        .bind("reason", e.reason()).bind("by", actor).bind("at", at)
                        .bind("approver", e.approvedBy() == null ? "cspguard.yaml" : e.approvedBy())
                        .bind("expires", e.expires()).bind("line", e.line()).execute();
            }
            audit.record(new AuditEvent(actor, null, null, "exception.synced", "cspguard.yaml", "success",
                    config.exceptions().size() + " exceptions from cspguard.yaml"));
        });
    }

    private static String configKey(ExceptionRow r) {
        return String.join("\u0000", r.tenantId(), r.controlId(), String.join("\u0001", r.objects()), r.reason(),
                r.decidedBy(), String.valueOf(r.expires()), String.valueOf(r.configLine()));
    }

    private static String configKey(AcceptedRisk e) {
        return String.join("\u0000", e.tenant(), e.control(), String.join("\u0001", e.objects()), e.reason(),
                e.approvedBy() == null ? "cspguard.yaml" : e.approvedBy(), String.valueOf(e.expires()),
                String.valueOf(e.line()));
    }

    /** The dashboard's approved exceptions still live on {@code today}, for the next assessment. */
    public List<AcceptedRisk> liveUiExceptions(LocalDate today) {
        return liveUiExceptions(today, null);
    }

    /**
     * The exceptions as a run saw them when it began: approved in the dashboard no later than {@code decidedBy} (null:
     * any time) and live on {@code today}. Every shard of a run asks with the run's start, so all of them apply the
     * same exceptions whenever they are collected.
     */
    public List<AcceptedRisk> liveUiExceptions(LocalDate today, java.time.Instant decidedBy) {
        return db.jdbi().withHandle(h -> {
                    var q = h.createQuery("SELECT " + COLUMNS + " FROM exceptions WHERE source = 'ui'"
                            + " AND state = 'approved' AND expires >= :today"
                            + (decidedBy == null ? "" : " AND decided_at <= :decidedBy") + " ORDER BY id")
                            .bind("today", today);
                    if (decidedBy != null) {
                        q.bind("decidedBy", java.time.OffsetDateTime.ofInstant(decidedBy, java.time.ZoneOffset.UTC));
                    }
                    return q.map((rs, ctx) -> row(rs, today)).list();
                })
                .stream()
                .map(r -> new AcceptedRisk(r.controlId(), r.tenantId(), r.objects(), r.reason(), r.decidedBy(),
                        r.expires(), 0))
                .toList();
    }

    /** Exceptions matching the filter, newest first; the status is today's. */
    public List<ExceptionRow> list(ExceptionFilter f) {
        LocalDate today = today();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM exceptions WHERE 1 = 1");
        if (f.tenantId() != null) {
            sql.append(" AND (LOWER(tenant_id) = LOWER(:tenant) OR tenant_id = '*')");
        }
        if (f.controlId() != null) {
            sql.append(" AND control_id = :control");
        }
        sql.append(" ORDER BY id DESC");
        List<ExceptionRow> rows = db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql.toString());
            if (f.tenantId() != null) {
                q.bind("tenant", f.tenantId());
            }
            if (f.controlId() != null) {
                q.bind("control", f.controlId());
            }
            return q.map((rs, ctx) -> row(rs, today)).list();
        });
        return f.status() == null ? rows : rows.stream().filter(r -> r.status().equals(f.status())).toList();
    }

    /** One exception, with today's status. */
    public java.util.Optional<ExceptionRow> get(long id) {
        return db.jdbi().withHandle(h -> find(h, id));
    }

    private java.util.Optional<ExceptionRow> find(Handle h, long id) {
        LocalDate today = today();
        return h.createQuery("SELECT " + COLUMNS + " FROM exceptions WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs, today)).findOne();
    }

    private String knownTenant(Handle h, String tenantId, List<String> problems) {
        String wanted = tenantId == null ? "" : tenantId.strip();
        if ("*".equals(wanted)) {
            return wanted;
        }
        if (wanted.isEmpty()) {
            problems.add("the tenant is empty: give a tenant id, or * for every tenant");
            return wanted;
        }
        return h.createQuery("SELECT tenant_id FROM tenants WHERE LOWER(tenant_id) = LOWER(:id)")
                .bind("id", wanted).mapTo(String.class).findFirst()
                .orElseGet(() -> {
                    problems.add("tenant '" + wanted + "' is not a tenant of any stored run (use * for every tenant)");
                    return wanted;
                });
    }

    private static List<String> cleanObjects(List<String> objects, List<String> problems) {
        Set<String> out = new LinkedHashSet<>();
        for (String o : objects == null ? List.<String>of() : objects) {
            String s = o == null ? "" : o.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.length() > 256) {
                problems.add("object '" + s.substring(0, 40) + "…' is longer than 256 characters");
            }
            if (out.stream().noneMatch(x -> x.equalsIgnoreCase(s))) {
                out.add(s);
            }
        }
        if (out.size() > MAX_OBJECTS) {
            problems.add("more than " + MAX_OBJECTS + " objects: accept the whole control instead (no objects)");
        }
        return List.copyOf(out);
    }

    private static ExceptionRow row(ResultSet rs, LocalDate today) throws SQLException {
        String state = rs.getString("state");
        LocalDate expires = rs.getObject("expires", LocalDate.class);
        int line = rs.getInt("config_line");
        Integer configLine = rs.wasNull() ? null : line;
        return new ExceptionRow(rs.getLong("id"), rs.getString("source"), rs.getString("tenant_id"),
                rs.getString("control_id"), objects(rs.getString("objects")), rs.getString("reason"),
                rs.getString("requested_by"), instant(rs, "requested_at"), state, rs.getString("decided_by"),
                instant(rs, "decided_at"), expires, configLine, ExceptionRow.status(state, expires, today));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static List<String> objects(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an exception's objects are not a JSON array of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(List<String> objects) {
        try {
            return JSON.writeValueAsString(objects);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
