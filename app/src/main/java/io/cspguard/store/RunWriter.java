package io.cspguard.store;

import io.cspguard.result.Assessment;
import io.cspguard.result.Status;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes one run inside the caller's transaction: tenants, results, the findings lifecycle, the report blob, and
 * last the run row itself (provenance, counts, {@code state = 'stored'}). Nothing here commits.
 */
final class RunWriter {
    /** Told when each part is about to be written: tests use it to stop a store midway, as a dying process would. */
    interface Progress {
        Progress NONE = part -> { };

        void reached(String part);
    }

    private final Handle h;
    private final long runId;
    private final Clock clock;
    private final boolean postgres;
    private final Progress progress;

    RunWriter(Handle h, long runId, Clock clock, boolean postgres, Progress progress) {
        this.h = h;
        this.runId = runId;
        this.clock = clock;
        this.postgres = postgres;
        this.progress = progress;
    }

    FindingLifecycle.Moves write(Assessment a, byte[] blob, String snapshotLocation) {
        claimRun();
        if (postgres) {
            // Serialises the stores of every process on this server (lifecycles must not interleave); readers go on.
            h.execute("LOCK TABLE findings IN SHARE ROW EXCLUSIVE MODE");
        }
        progress.reached("tenants");
        TenantRows.write(h, runId, a.tenants());
        progress.reached("results");
        Map<Status, Integer> counts = ResultRows.write(h, runId, a.tenants());
        progress.reached("findings");
        FindingLifecycle.Moves moves = new FindingLifecycle(h, runId, StoreTimes.utc(clock.instant())).apply(a);
        progress.reached("report");
        h.createUpdate("INSERT INTO run_reports (run_id, assessment_json) VALUES (:run, :json)")
                .bind("run", runId).bind("json", blob).execute();
        progress.reached("run");
        finishRun(a, snapshotLocation, counts, moves);
        return moves;
    }

    /** Only a running run can be stored: not one stored already, nor one given up as failed or abandoned. */
    private void claimRun() {
        int claimed = h.createUpdate("UPDATE runs SET heartbeat_at = :now WHERE id = :id AND state = 'running'")
                .bind("now", StoreTimes.utc(clock.instant())).bind("id", runId).execute();
        if (claimed != 1) {
            String state = h.createQuery("SELECT state FROM runs WHERE id = :id").bind("id", runId)
                    .mapTo(String.class).findOne().orElse(null);
            throw new StoreException(state == null ? "there is no run " + runId
                    : "run " + runId + " is " + state + ", not running: it cannot be stored");
        }
    }

    private void finishRun(Assessment a, String snapshotLocation, Map<Status, Integer> counts,
                           FindingLifecycle.Moves moves) {
        h.createUpdate("UPDATE runs SET state = 'stored', finished_at = :now, heartbeat_at = :now, error = NULL, "
                        + "snapshot_location = :snapshot, input_sha256 = :sha, config_hash = :config, tool_version = :tool, "
                        + "partner_tenant_id = :partner, generated_at = :generated, tenant_count = :tenants, "
                        + "pass_count = :pass, fail_count = :fail, warn_count = :warn, na_count = :na, "
                        + "not_assessed_count = :notAssessed, new_findings = :added, resolved_findings = :resolved, "
                        + "reopened_findings = :reopened WHERE id = :id")
                .bind("now", StoreTimes.utc(clock.instant())).bind("snapshot", snapshotLocation)
                .bind("sha", a.inputSha256()).bind("config", a.configHash()).bind("tool", a.toolVersion())
                .bind("partner", a.partnerTenantId())
                .bindByType("generated", StoreTimes.utc(a.generatedAt()), java.time.OffsetDateTime.class)
                .bind("tenants", a.tenants().size()).bind("pass", counts.get(Status.PASS))
                .bind("fail", counts.get(Status.FAIL)).bind("warn", counts.get(Status.WARN))
                .bind("na", counts.get(Status.NOT_APPLICABLE)).bind("notAssessed", counts.get(Status.NOT_ASSESSED))
                .bind("added", moves.added()).bind("resolved", moves.resolved()).bind("reopened", moves.reopened())
                .bind("id", runId).execute();
    }
}
