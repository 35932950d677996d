package io.cspguard.store;

import io.cspguard.result.Assessment;
import org.jdbi.v3.core.Handle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs and their results in the store (docs/store.md). A run is begun ({@code running}), kept alive by heartbeats,
 * and then either stored — everything it found, in one transaction — or failed. A process that dies midway leaves
 * the previous state intact (its transaction never commits) and a run without heartbeats, which
 * {@link #failAbandoned} later marks failed.
 */
public final class RunStore {
    /** One store at a time in this process; on PostgreSQL a table lock also keeps other processes out. */
    private static final ReentrantLock STORING = new ReentrantLock();

    private final Database db;
    private final Clock clock;
    private final RunWriter.Progress progress;

    public RunStore(Database db, Clock clock) {
        this(db, clock, RunWriter.Progress.NONE);
    }

    RunStore(Database db, Clock clock, RunWriter.Progress progress) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A new run in state {@code running}, started and last heard of now; returns its id. */
    public long begin(RunTrigger trigger, String triggeredBy, String worker) {
        Objects.requireNonNull(trigger, "trigger");
        OffsetDateTime now = now();
        return db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO runs (trigger_kind, triggered_by, started_at, state, "
                        + "worker, heartbeat_at) VALUES (:trigger, :by, :now, 'running', :worker, :now)")
                .bind("trigger", trigger.column()).bind("by", triggeredBy).bind("worker", worker).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Begins a run unless one is in progress, deciding under a database row lock so that servers sharing the
     * database cannot both begin one: first marks failed the running runs not heard of for {@code staleAfter}
     * (their process died), then refuses with {@link RunInProgressException} if a run is still running.
     */
    public long beginAlone(RunTrigger trigger, String triggeredBy, String worker, Duration staleAfter) {
        Objects.requireNonNull(trigger, "trigger");
        return db.jdbi().inTransaction(h -> {
            h.createQuery("SELECT id FROM run_lock WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            OffsetDateTime now = now();
            failAbandoned(h, now, staleAfter);
            Optional<Long> running = h.createQuery("SELECT id FROM runs WHERE state = 'running' ORDER BY id DESC LIMIT 1")
                    .mapTo(Long.class).findFirst();
            if (running.isPresent()) {
                throw new RunInProgressException(running.get());
            }
            return h.createUpdate("INSERT INTO runs (trigger_kind, triggered_by, started_at, state, worker, heartbeat_at)"
                            + " VALUES (:trigger, :by, :now, 'running', :worker, :now)")
                    .bind("trigger", trigger.column()).bind("by", triggeredBy).bind("worker", worker).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    /** Tells the store that the run is still alive. A run that has already ended is left as it is. */
    public void heartbeat(long runId) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE runs SET heartbeat_at = :now WHERE id = :id AND state = 'running'")
                .bind("now", now()).bind("id", runId).execute());
    }

    /**
     * Stores everything the run found, in one transaction, and marks it {@code stored}. When anything fails, nothing
     * of it is kept, the run is marked failed with the reason, and a {@link StoreException} says which run and why.
     */
    public StoredRun store(long runId, Assessment a, String snapshotLocation) {
        Objects.requireNonNull(a, "assessment");
        Instant start = clock.instant();
        STORING.lock();
        try {
            byte[] blob = AssessmentBlob.gzip(a);
            FindingLifecycle.Moves moves = db.jdbi().inTransaction(h ->
                    new RunWriter(h, runId, clock, db.postgres(), progress).write(a, blob, snapshotLocation));
            return new StoredRun(runId, a.tenants().size(), moves.added(), moves.resolved(), moves.reopened(),
                    Duration.between(start, clock.instant()));
        } catch (RuntimeException e) {
            String why = Failures.why(e);
            StoreException failure = new StoreException("storing run " + runId + " failed, and the store is as it was "
                    + "before it: " + why, e);
            try {
                markFailed(runId, "store failed: " + why);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        } finally {
            STORING.unlock();
        }
    }

    /**
     * Marks a running run failed with the error (truncated to {@value Failures#MAX_ERROR_LENGTH} characters). A run
     * that has already failed keeps its first error; an unknown or stored run is an error.
     */
    public void fail(long runId, String error) {
        if (markFailed(runId, error)) {
            return;
        }
        String state = state(runId).orElseThrow(() -> new StoreException("there is no run " + runId + " to mark failed"));
        if ("stored".equals(state)) {
            throw new StoreException("run " + runId + " is stored; it cannot be marked failed");
        }
    }

    /**
     * Marks failed every running run not heard of for longer than {@code staleAfter} (its process died or hangs):
     * "abandoned: no heartbeat since TIME". Returns how many.
     */
    public int failAbandoned(Duration staleAfter) {
        return db.jdbi().inTransaction(h -> failAbandoned(h, now(), staleAfter));
    }

    /** Within the caller's transaction, so that {@link #beginAlone} decides under its lock. */
    private static int failAbandoned(Handle h, OffsetDateTime now, Duration staleAfter) {
        record Stale(long id, OffsetDateTime lastHeard) {
        }
        List<Stale> stale = h.createQuery("SELECT id, COALESCE(heartbeat_at, started_at) FROM runs WHERE state = 'running'"
                        + " AND COALESCE(heartbeat_at, started_at) < :cutoff ORDER BY id").bind("cutoff", now.minus(staleAfter))
                .map((rs, ctx) -> new Stale(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
        int failed = 0;
        for (Stale s : stale) {
            failed += h.createUpdate("UPDATE runs SET state = 'failed', finished_at = :now, error = :error WHERE id = :id"
                            + " AND state = 'running'").bind("now", now).bind("id", s.id())
                    .bind("error", "abandoned: no heartbeat since " + s.lastHeard().toInstant()).execute();
        }
        return failed;
    }

    /** The newest stored run, if any. */
    public Optional<Long> latestStoredRun() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM runs WHERE state = 'stored' ORDER BY id DESC LIMIT 1")
                .mapTo(Long.class).findFirst());
    }

    /** The newest run still in progress, if any. */
    public Optional<Long> runningRun() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM runs WHERE state = 'running' ORDER BY id DESC LIMIT 1")
                .mapTo(Long.class).findFirst());
    }

    /** When the run began, or empty when there is no such run. */
    public Optional<Instant> startedAt(long runId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT started_at FROM runs WHERE id = :id").bind("id", runId)
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant()).findOne());
    }

    /** The run's state ({@code running}, {@code stored}, {@code failed}), or empty when there is no such run. */
    public Optional<String> state(long runId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM runs WHERE id = :id").bind("id", runId)
                .mapTo(String.class).findOne());
    }

    /** The run's assessment as the contract JSON (formats.md §3), gzipped; empty when the run was not stored. */
    public Optional<byte[]> assessmentJsonGzip(long runId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT assessment_json FROM run_reports WHERE run_id = :id")
                .bind("id", runId).mapTo(byte[].class).findOne());
    }

    /** In its own transaction; true when the run was running and is now failed. */
    private boolean markFailed(long runId, String error) {
        OffsetDateTime now = now();
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE runs SET state = 'failed', finished_at = :now, "
                        + "error = :error WHERE id = :id AND state = 'running'")
                .bind("now", now).bind("error", Failures.truncate(error)).bind("id", runId).execute()) == 1;
    }

    private OffsetDateTime now() {
        return StoreTimes.utc(clock.instant());
    }
}
