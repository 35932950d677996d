package io.cspguard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.result.Assessment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shards of a run (table {@code run_shards}): the server that begins a run writes one row per shard
 * ({@code pending}); the server that takes a shard claims it ({@code running}, its name as worker), then records it
 * {@code done} with the shard's assessment or {@code failed} with the reason; the beginning server reads them back
 * to merge them.
 */
public final class RunShards {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One shard as stored; {@code tenants} are its customers (the partner is in every shard). */
    public record Shard(long runId, int shard, List<String> tenants, String state, String worker, String error) {
        public Shard {
            tenants = List.copyOf(tenants);
        }

        public boolean done() {
            return "done".equals(state);
        }

        public boolean failed() {
            return "failed".equals(state);
        }
    }

    private final Database db;
    private final Clock clock;

    public RunShards(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the run's shards, numbered from 0 in the order given, all {@code pending}, in one transaction. */
    public void create(long runId, List<List<String>> shards) {
        db.jdbi().useTransaction(h -> {
            for (int i = 0; i < shards.size(); i++) {
                h.createUpdate("INSERT INTO run_shards (run_id, shard, tenants, state) VALUES (:run, :shard, :tenants, "
                                + "'pending')").bind("run", runId).bind("shard", i)
                        .bind("tenants", json(shards.get(i))).execute();
            }
        });
    }

    /**
     * Takes the shard for {@code worker} while its run is running and alive (heard of within {@code staleAfter}: a run
     * whose server died is not collected on); empty when the run has ended or gone silent, or the shard is finished.
     * A shard still {@code running} can be claimed again: db-scheduler hands an execution out a second time only when
     * the server that had it stopped beating, so the claim takes over from a dead server, and from then on only the new
     * worker can finish or fail it.
     */
    public Optional<Shard> claim(long runId, int shard, String worker, java.time.Duration staleAfter) {
        OffsetDateTime now = now();
        int claimed = db.jdbi().withHandle(h -> h.createUpdate("UPDATE run_shards SET state = 'running', worker = :worker,"
                        + " started_at = :now WHERE run_id = :run AND shard = :shard AND state IN ('pending', 'running')"
                        + " AND EXISTS (SELECT 1 FROM runs WHERE id = :run AND state = 'running'"
                        + " AND COALESCE(heartbeat_at, started_at) >= :fresh)")
                .bind("worker", worker).bind("now", now).bind("fresh", now.minus(staleAfter)).bind("run", runId)
                .bind("shard", shard).execute());
        return claimed == 1 ? find(runId, shard) : Optional.empty();
    }

    /** Records the shard done by {@code worker}, with its assessment as the contract JSON, gzipped (as a stored run's). */
    public void finish(long runId, int shard, String worker, Assessment assessment) {
        byte[] blob = AssessmentBlob.gzip(assessment);
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE run_shards SET state = 'done', finished_at = :now, "
                        + "assessment_json = :blob WHERE run_id = :run AND shard = :shard AND state = 'running'"
                        + " AND worker = :worker")
                .bind("now", now()).bind("blob", blob).bind("run", runId).bind("shard", shard).bind("worker", worker)
                .execute());
    }

    /**
     * Records the shard failed by {@code worker} with the reason (truncated as a run's error); a finished shard, or one
     * another server has taken over, is left as it is.
     */
    public void fail(long runId, int shard, String worker, String error) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE run_shards SET state = 'failed', finished_at = :now, "
                        + "error = :error WHERE run_id = :run AND shard = :shard AND state = 'running' AND worker = :worker")
                .bind("now", now()).bind("error", Failures.truncate(error)).bind("run", runId).bind("shard", shard)
                .bind("worker", worker).execute());
    }

    /**
     * Gives the shard back ({@code pending}, no worker): its server is stopping, which is no reason to fail the run;
     * db-scheduler hands the shard out again.
     */
    public void release(long runId, int shard, String worker) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE run_shards SET state = 'pending', worker = NULL, started_at = NULL"
                        + " WHERE run_id = :run AND shard = :shard AND state = 'running' AND worker = :worker")
                .bind("run", runId).bind("shard", shard).bind("worker", worker).execute());
    }

    /** The run's shards in order; empty when the run was collected in one piece. */
    public List<Shard> of(long runId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT run_id, shard, tenants, state, worker, error "
                        + "FROM run_shards WHERE run_id = :run ORDER BY shard").bind("run", runId)
                .map((rs, ctx) -> new Shard(rs.getLong(1), rs.getInt(2), tenants(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6))).list());
    }

    /** A done shard's assessment (gzipped contract JSON); empty until the shard is done. */
    public Optional<byte[]> assessmentJsonGzip(long runId, int shard) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT assessment_json FROM run_shards WHERE run_id = :run "
                        + "AND shard = :shard AND state = 'done'").bind("run", runId).bind("shard", shard)
                .mapTo(byte[].class).findOne());
    }

    private Optional<Shard> find(long runId, int shard) {
        return of(runId).stream().filter(s -> s.shard() == shard).findFirst();
    }

    private static String json(List<String> tenants) {
        try {
            return JSON.writeValueAsString(tenants);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of tenant ids as JSON", e);
        }
    }

    private static List<String> tenants(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new StoreException("a run shard's tenant list is not a JSON array of ids: " + e.getOriginalMessage(), e);
        }
    }

    private OffsetDateTime now() {
        return StoreTimes.utc(clock.instant());
    }
}
