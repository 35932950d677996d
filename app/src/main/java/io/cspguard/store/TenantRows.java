package io.cspguard.store;

import io.cspguard.result.TenantResult;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes a run's tenants: the latest facts of each in {@code tenants}, and this run's view in {@code run_tenants}. */
final class TenantRows {
    private TenantRows() {
    }

    static void write(Handle h, long runId, List<TenantResult> tenants) {
        Set<String> known = knownIds(h, tenants.stream().map(TenantResult::tenantId).toList());
        PreparedBatch update = h.prepareBatch("UPDATE tenants SET display_name = :name, role = :role, licence = :licence, "
                + "last_run_id = :run, collected_at = :collected WHERE tenant_id = :id");
        PreparedBatch insert = h.prepareBatch("INSERT INTO tenants (tenant_id, display_name, role, licence, last_run_id, "
                + "collected_at) VALUES (:id, :name, :role, :licence, :run, :collected)");
        PreparedBatch runTenants = h.prepareBatch("INSERT INTO run_tenants (run_id, tenant_id, display_name, collected_at, "
                + "problems) VALUES (:run, :id, :name, :collected, :problems)");
        for (TenantResult t : tenants) {
            OffsetDateTime collected = StoreTimes.utc(t.collectedAt());
            (known.contains(t.tenantId()) ? update : insert)
                    .bind("id", t.tenantId()).bind("name", t.displayName()).bind("role", t.role())
                    .bind("licence", t.licence()).bind("run", runId)
                    .bindByType("collected", collected, OffsetDateTime.class).add();
            runTenants.bind("run", runId).bind("id", t.tenantId()).bind("name", t.displayName())
                    .bindByType("collected", collected, OffsetDateTime.class)
                    .bind("problems", JsonArrays.of(t.problems())).add();
        }
        Batches.execute(update);
        Batches.execute(insert);
        Batches.execute(runTenants);
    }

    private static Set<String> knownIds(Handle h, List<String> ids) {
        Set<String> known = new HashSet<>();
        InChunks.each(ids, chunk -> known.addAll(h.createQuery("SELECT tenant_id FROM tenants WHERE tenant_id IN (<ids>)")
                .bindList("ids", chunk).mapTo(String.class).list()));
        return known;
    }
}
