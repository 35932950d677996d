package io.cspguard.store;

import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Moves every finding of a run's tenants through its lifecycle, by its stable finding id:
 * <ul>
 *   <li>in the run and never seen: inserted open, first and last seen in this run (event {@code new});</li>
 *   <li>in the run and resolved: open again, {@code reopened_count + 1} (event {@code reopened});</li>
 *   <li>in the run and open: last seen and the evidence (name, rule, detail, accepted) updated;</li>
 *   <li>open, not in the run: resolved (event {@code resolved}) only when the run judged that tenant and that control
 *       with a status other than {@code NOT_ASSESSED}. A tenant the run did not collect, or a control it could not
 *       assess, says nothing about the finding: absence of evidence is not a fix, so it stays open and untouched.</li>
 * </ul>
 * The findings already known for the run's tenants are read in one query (per thousand tenants), and every change is
 * written in batches: no round trip per finding. Findings seen again move their last seen run in one statement per
 * thousand; only those whose evidence changed are updated one by one (in a batch).
 */
final class FindingLifecycle {
    /** How many findings the run opened, resolved and reopened. */
    record Moves(int added, int resolved, int reopened) {
    }

    /** A finding as the store knows it before the run, with the evidence it last had. */
    private record Known(String findingId, String tenantId, String controlId, boolean open, String objectName,
                         String rule, String detail, boolean accepted) {
        boolean sameEvidence(Finding f) {
            return Objects.equals(objectName, f.objectName()) && Objects.equals(rule, f.rule())
                    && Objects.equals(detail, f.detail()) && accepted == f.accepted();
        }
    }

    private static final String KNOWN = "SELECT finding_id, tenant_id, control_id, state, object_name, rule, detail, "
            + "accepted FROM findings ";

    /** A finding of the run, with the tenant and control it belongs to. */
    private record Seen(String tenantId, String controlId, Finding finding) {
    }

    private final Handle h;
    private final long runId;
    private final OffsetDateTime at;

    FindingLifecycle(Handle h, long runId, OffsetDateTime at) {
        this.h = h;
        this.runId = runId;
        this.at = at;
    }

    Moves apply(Assessment a) {
        Map<String, Seen> seen = seen(a);
        Map<String, Known> known = knownFor(a.tenants().stream().map(TenantResult::tenantId).toList());
        addKnownByIdOf(seen, known);
        Set<String> judged = judged(a);

        PreparedBatch insert = h.prepareBatch("INSERT INTO findings (finding_id, tenant_id, control_id, object_type, "
                + "object_id, object_name, rule, detail, state, accepted, first_seen_run, first_seen_at, last_seen_run, "
                + "last_seen_at, reopened_count) VALUES (:id, :tenant, :control, :type, :objectId, :name, :rule, :detail, "
                + "'open', :accepted, :run, :at, :run, :at, 0)");
        PreparedBatch newEvidence = h.prepareBatch("UPDATE findings SET object_name = :name, rule = :rule, "
                + "detail = :detail, accepted = :accepted WHERE finding_id = :id");
        List<String> seenAgain = new ArrayList<>();
        PreparedBatch reopen = h.prepareBatch("UPDATE findings SET state = 'open', object_name = :name, rule = :rule, "
                + "detail = :detail, accepted = :accepted, last_seen_run = :run, last_seen_at = :at, resolved_run = NULL, "
                + "resolved_at = NULL, reopened_count = reopened_count + 1 WHERE finding_id = :id");
        PreparedBatch resolve = h.prepareBatch("UPDATE findings SET state = 'resolved', resolved_run = :run, "
                + "resolved_at = :at WHERE finding_id = :id AND state = 'open'");
        PreparedBatch events = h.prepareBatch("INSERT INTO finding_events (finding_id, run_id, event, at) "
                + "VALUES (:id, :run, :event, :at)");

        int added = 0;
        int reopened = 0;
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            Known before = known.get(e.getKey());
            Seen s = e.getValue();
            if (before == null) {
                evidence(insert, e.getKey(), s.finding()).bind("tenant", s.tenantId()).bind("control", s.controlId())
                        .bind("type", s.finding().objectType()).bind("objectId", s.finding().objectId()).add();
                event(events, e.getKey(), "new");
                added++;
            } else if (!before.open()) {
                evidence(reopen, e.getKey(), s.finding()).add();
                event(events, e.getKey(), "reopened");
                reopened++;
            } else {
                seenAgain.add(e.getKey());
                if (!before.sameEvidence(s.finding())) {
                    newEvidence.bind("id", e.getKey()).bind("name", s.finding().objectName())
                            .bind("rule", s.finding().rule()).bind("detail", s.finding().detail())
                            .bind("accepted", s.finding().accepted()).add();
                }
            }
        }
        int resolved = 0;
        for (Known k : known.values()) {
            if (k.open() && !seen.containsKey(k.findingId()) && judged.contains(key(k.tenantId(), k.controlId()))) {
                resolve.bind("id", k.findingId()).bind("run", runId).bind("at", at).add();
                event(events, k.findingId(), "resolved");
                resolved++;
            }
        }
        Batches.execute(insert);
        markSeen(seenAgain);
        Batches.execute(newEvidence);
        Batches.execute(reopen);
        Batches.execute(resolve);
        Batches.execute(events);
        return new Moves(added, resolved, reopened);
    }

    /**
     * Most findings of a run are the open findings of the last run, unchanged: a statement per thousand moves their
     * last seen run, and only those whose evidence changed get a row update of their own.
     */
    private void markSeen(List<String> ids) {
        InChunks.each(ids, chunk -> h.createUpdate("UPDATE findings SET last_seen_run = :run, last_seen_at = :at "
                + "WHERE finding_id IN (<ids>)").bind("run", runId).bind("at", at).bindList("ids", chunk).execute());
    }

    private PreparedBatch evidence(PreparedBatch batch, String id, Finding f) {
        return batch.bind("id", id).bind("name", f.objectName()).bind("rule", f.rule()).bind("detail", f.detail())
                .bind("accepted", f.accepted()).bind("run", runId).bind("at", at);
    }

    private void event(PreparedBatch events, String id, String event) {
        events.bind("id", id).bind("run", runId).bind("event", event).bind("at", at).add();
    }

    /** The run's findings by id; an id reported twice is one finding (its first report wins). */
    private static Map<String, Seen> seen(Assessment a) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        for (TenantResult t : a.tenants()) {
            for (ControlResult r : t.results()) {
                for (Finding f : r.findings()) {
                    if (f.findingId() == null || f.findingId().isBlank()) {
                        throw new IllegalArgumentException("tenant " + t.tenantId() + ", control " + r.controlId()
                                + ": a finding without a finding id (object " + f.objectId() + ")");
                    }
                    seen.putIfAbsent(f.findingId(), new Seen(t.tenantId(), r.controlId(), f));
                }
            }
        }
        return seen;
    }

    /** Tenant and control pairs this run judged (any status but NOT_ASSESSED): only there can a finding resolve. */
    private static Set<String> judged(Assessment a) {
        Set<String> judged = new HashSet<>();
        for (TenantResult t : a.tenants()) {
            for (ControlResult r : t.results()) {
                if (r.status() != Status.NOT_ASSESSED) {
                    judged.add(key(t.tenantId(), r.controlId()));
                }
            }
        }
        return judged;
    }

    /** Tenant ids are GUIDs, compared without regard to case, as the finding id itself does. */
    private static String key(String tenantId, String controlId) {
        return tenantId.toLowerCase(Locale.ROOT) + "\n" + controlId;
    }

    /** Every finding the store holds for these tenants, open or resolved: one query per thousand tenants. */
    private Map<String, Known> knownFor(List<String> tenantIds) {
        Map<String, Known> known = new HashMap<>();
        InChunks.each(tenantIds, chunk -> h.createQuery(KNOWN + "WHERE tenant_id IN (<ids>)").bindList("ids", chunk)
                .map(FindingLifecycle::known).forEach(k -> known.put(k.findingId(), k)));
        return known;
    }

    /**
     * Findings of the run that the tenant query did not return, looked up by id: the same finding id under a tenant id
     * spelt in another case must be updated, not inserted twice. Usually few (the run's new findings).
     */
    private void addKnownByIdOf(Map<String, Seen> seen, Map<String, Known> known) {
        List<String> unknown = new ArrayList<>();
        for (String id : seen.keySet()) {
            if (!known.containsKey(id)) {
                unknown.add(id);
            }
        }
        InChunks.each(unknown, chunk -> h.createQuery(KNOWN + "WHERE finding_id IN (<ids>)").bindList("ids", chunk)
                .map(FindingLifecycle::known).forEach(k -> known.put(k.findingId(), k)));
    }

    private static Known known(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Known(rs.getString(1), rs.getString(2), rs.getString(3), "open".equals(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8));
    }
}
