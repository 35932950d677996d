package io.cspguard.store;

import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes one {@code results} row per tenant and control of a run, and counts them by status. */
final class ResultRows {
    private ResultRows() {
    }

    /** The number of results of each status (every status present, zero when none). */
    static Map<Status, Integer> write(Handle h, long runId, List<TenantResult> tenants) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO results (run_id, tenant_id, control_id, status, summary, reason, "
                + "open_count, accepted_count, notes) VALUES (:run, :tenant, :control, :status, :summary, :reason, "
                + ":open, :accepted, :notes)");
        for (TenantResult t : tenants) {
            for (ControlResult r : t.results()) {
                if (r.status() == null) {
                    throw new IllegalArgumentException("tenant " + t.tenantId() + ", control " + r.controlId()
                            + ": a result without a status");
                }
                counts.merge(r.status(), 1, Integer::sum);
                batch.bind("run", runId).bind("tenant", t.tenantId()).bind("control", r.controlId())
                        .bind("status", r.status().name()).bind("summary", r.summary()).bind("reason", r.reason())
                        .bind("open", (int) r.openCount()).bind("accepted", r.acceptedCount())
                        .bind("notes", JsonArrays.of(r.notes())).add();
            }
        }
        Batches.execute(batch);
        return counts;
    }
}
