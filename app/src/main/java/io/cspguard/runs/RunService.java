package io.cspguard.runs;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import io.cspguard.config.AcceptedRisk;
import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.graph.collect.SnapshotWriter;
import io.cspguard.result.Assessment;
import io.cspguard.snapshot.SnapshotInput;
import io.cspguard.store.RunInProgressException;
import io.cspguard.store.RunShards;
import io.cspguard.store.RunStore;
import io.cspguard.store.RunTrigger;
import io.cspguard.store.StoredRun;
import io.cspguard.web.pages.RunLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run: collect every tenant (in one piece, or in shards spread over the servers: {@link ShardedRun}), assess
 * with {@code cspguard.yaml} plus the exceptions approved in the dashboard, store the results and the findings' lifecycle in one transaction, and record each step in the audit trail. A run
 * that fails at any step is marked failed with the reason and the previous results stay as they were.
 */
public final class RunService implements RunLauncher, AutoCloseable {
    /** How often a running run proves it is alive; a run silent for {@link #ABANDONED_AFTER} is marked failed. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final RunStore runs;
    private final ExceptionStore exceptions;
    private final Audit audit;
    private final Clock clock;
    private final SnapshotSource source;
    private final RunSettings settings;
    private final String worker;
    private final ScheduledExecutorService heartbeats;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /** Null until {@link #shardThrough}: then a run of many customers is split over the servers. */
    private volatile ShardedRun sharding;

    public RunService(RunStore runs, ExceptionStore exceptions, Audit audit, Clock clock, SnapshotSource source,
                      RunSettings settings, String worker) {
        this.runs = runs;
        this.exceptions = exceptions;
        this.audit = audit;
        this.clock = clock;
        this.source = source;
        this.settings = settings;
        this.worker = worker;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cspguard-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // a run whose server died shows as failed within minutes, and its shards stop being taken
        heartbeats.scheduleWithFixedDelay(this::failAbandoned, 1, 1, TimeUnit.MINUTES);
    }

    /** Starts a run in the background (the dashboard's "Run now") and returns its id; refuses while one is running. */
    @Override
    public long start(String actor, String sourceIp) {
        long id = begin(RunTrigger.MANUAL, actor, sourceIp);
        background.submit(() -> {
            try {
                execute(id, actor, sourceIp);
            } catch (RuntimeException e) {
                // already recorded as a failed run and in the audit trail by execute()
            }
        });
        return id;
    }

    /**
     * Splits runs of more than {@link RunSettings#shardSize()} customers into shards that the servers sharing the
     * database take through {@code queue}. Called by the scheduler of a server that takes shards itself, so that a
     * run it splits always has at least one server to collect it.
     */
    /** Whether this server can take shards: its source names customers and collects some of them. */
    public boolean takesShards() {
        return source instanceof ShardableSource;
    }

    public void shardThrough(io.cspguard.store.Database db, ShardQueue queue) {
        this.sharding = new ShardedRun(new RunShards(db, clock), queue, runs, settings, clock);
    }

    /** Runs now and waits for the result (the scheduler and the demo); throws when the run failed. */
    public StoredRun runNow(RunTrigger trigger, String actor, String sourceIp) {
        return execute(begin(trigger, actor, sourceIp), actor, sourceIp);
    }

    private long begin(RunTrigger trigger, String actor, String sourceIp) {
        long id;
        try {
            id = runs.beginAlone(trigger, actor, worker, ABANDONED_AFTER);
        } catch (RunInProgressException busy) {
            audit.record(new AuditEvent(actor, sourceIp, null, "run.started", "run", "denied",
                    "run " + busy.runningRunId() + " is still in progress"));
            throw busy;
        }
        try {
            audit.record(new AuditEvent(actor, sourceIp, null, "run.started", "run " + id, "success",
                    "trigger " + trigger.name().toLowerCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            // a run whose start cannot be recorded does not go ahead
            runs.fail(id, "the audit trail could not record the run's start: " + e.getMessage());
            throw e;
        }
        return id;
    }

    private StoredRun execute(long id, String actor, String sourceIp) {
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> heartbeat(id), HEARTBEAT.toSeconds(),
                HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
        Path snapshot = settings.snapshotsDir().resolve("run-" + id);
        StoredRun stored;
        String collected;
        try {
            Config config = withDashboardExceptions(loadConfig(), id);
            ShardedRun.Outcome outcome = collectAndAssess(id, snapshot, config);
            collected = outcome.summary();
            stored = runs.store(id, outcome.assessment(), snapshot.toString());
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            runs.fail(id, why);
            audit.record(new AuditEvent(actor, sourceIp, null, "run.failed", "run " + id, "failure", why));
            throw new RunFailedException("run " + id + " failed: " + why, e);
        } finally {
            beat.cancel(false);
        }
        // The run is stored: what follows cannot undo it, and a failure here is not the run's failure.
        audit.record(new AuditEvent(actor, sourceIp, null, "run.stored", "run " + id, "success",
                collected + "; " + stored.tenants() + " tenants; " + stored.newFindings() + " new, "
                        + stored.resolvedFindings() + " resolved, " + stored.reopenedFindings() + " reopened findings"));
        try {
            pruneSnapshots();
        } catch (IOException e) {
            System.err.println("cspguard: run " + id + " is stored, but older snapshots could not be deleted from "
                    + settings.snapshotsDir() + ": " + e.getMessage());
        }
        return stored;
    }

    /** In shards when this server shards and discovery finds more customers than one shard holds; else in one piece. */
    private ShardedRun.Outcome collectAndAssess(long id, Path snapshot, Config config) throws Exception {
        ShardedRun sharded = sharding;
        if (sharded != null && source instanceof ShardableSource shardable) {
            List<String> customers = discover(shardable, snapshot.resolve("discovery"), config);
            if (customers.size() > settings.shardSize()) {
                return sharded.run(id, customers, snapshot);
            }
        }
        String collected = source.collect(snapshot, config);
        return new ShardedRun.Outcome(assess(config, snapshot), collected);
    }

    private static List<String> discover(ShardableSource shardable, Path scratch, Config config) throws Exception {
        try {
            return shardable.discover(scratch, config);
        } finally {
            SnapshotWriter.deleteTree(scratch);
        }
    }

    /** The snapshot's assessment, with the customers it could not collect at all standing as not assessed. */
    private Assessment assess(Config config, Path snapshot) throws Exception {
        Assessment judged = new Assessor(config, OwnRecords.NONE, clock, settings.threads())
                .assess(SnapshotInput.open(snapshot), Set.of(), io.cspguard.cli.ToolVersion.version());
        return FailedTenants.addCollectionFailures(judged, snapshot);
    }

    /**
     * Takes one shard of a run (db-scheduler's {@code collect-shard}, on whichever server it gave it to): collects the
     * partner and the shard's customers into {@code run-<id>/shard-<n>}, assesses them with the same configuration
     * as the run (the yaml plus the dashboard's exceptions) and records the result, or the reason it failed, on the
     * shard's row. A failure is the shard's, recorded once, and not retried by db-scheduler, since the run it belongs
     * to fails with it; only when this server is stopping (interrupted) is the shard given back and the task failed,
     * so that db-scheduler hands it out again. A shard of a run that has ended or gone silent is skipped.
     */
    public void collectShard(long runId, int shard) {
        ShardedRun sharded = sharding;
        if (sharded == null || !(source instanceof ShardableSource shardable)) {
            throw new IllegalStateException("this server does not take shards");
        }
        RunShards shards = sharded.shards();
        Optional<RunShards.Shard> claimed = shards.claim(runId, shard, worker, ABANDONED_AFTER);
        if (claimed.isEmpty()) {
            return;
        }
        Path into = settings.snapshotsDir().resolve("run-" + runId).resolve("shard-" + shard);
        try {
            // not loadConfig(): the run's server has already mirrored the yaml's exceptions into the store
            Config config = withDashboardExceptions(settings.configFile() == null ? Config.DEFAULTS
                    : ConfigLoader.load(settings.configFile()), runId);
            shardable.collect(into, config, new LinkedHashSet<>(claimed.get().tenants()));
            shards.finish(runId, shard, worker, assess(config, into));
        } catch (InterruptedException stopping) {
            // this server is stopping: give the shard back rather than fail the run; db-scheduler retries it
            Thread.currentThread().interrupt();
            shards.release(runId, shard, worker);
            throw new IllegalStateException("run " + runId + " shard " + shard + " given back: this server is stopping",
                    stopping);
        } catch (Exception e) {
            try {
                shards.fail(runId, shard, worker, e.getMessage() == null ? e.toString() : e.getMessage());
            } catch (RuntimeException notRecorded) {
                // the run's server then fails the run when the shard is not done by its deadline
                System.err.println("cspguard: run " + runId + " shard " + shard + " failed (" + e.getMessage()
                        + ") and the failure could not be recorded: " + notRecorded.getMessage());
            }
        }
        try {
            pruneSnapshots();
        } catch (IOException e) {
            System.err.println("cspguard: older snapshots could not be deleted from " + settings.snapshotsDir() + ": "
                    + e.getMessage());
        }
    }

    /**
     * One heartbeat; a failure (the database briefly unreachable) must not end the heartbeats, since a run that
     * stops beating is taken for dead by every server after {@link #ABANDONED_AFTER}.
     */
    private void heartbeat(long id) {
        try {
            runs.heartbeat(id);
        } catch (RuntimeException e) {
            System.err.println("cspguard: run " + id + ": heartbeat not recorded (" + e.getMessage() + "); retrying");
        }
    }

    private void failAbandoned() {
        try {
            runs.failAbandoned(ABANDONED_AFTER);
        } catch (RuntimeException e) {
            System.err.println("cspguard: could not check for abandoned runs (" + e.getMessage() + "); retrying");
        }
    }

    private Config loadConfig() throws Exception {
        Config config = settings.configFile() == null ? Config.DEFAULTS : ConfigLoader.load(settings.configFile());
        exceptions.syncFromConfig(config, "config");
        return config;
    }

    /**
     * The yaml's exceptions plus those approved in the dashboard before the run began and live on the day it began
     * (UTC): the run's own moment, not the shard's, so that every shard of a run applies the same exceptions.
     */
    private Config withDashboardExceptions(Config config, long runId) {
        java.time.Instant began = runs.startedAt(runId).orElseGet(clock::instant);
        List<AcceptedRisk> ui = exceptions.liveUiExceptions(LocalDate.ofInstant(began, ZoneOffset.UTC), began);
        if (ui.isEmpty()) {
            return config;
        }
        List<AcceptedRisk> all = new ArrayList<>(config.exceptions());
        all.addAll(ui);
        return new Config(config.breakGlass(), config.thresholds(), config.partner(), config.privilegedRoles(),
                config.consumerMailDomains(), all, config.leavers(), config.sha256());
    }

    /** Keeps the newest snapshots only: they hold names and sign-ins, and the store keeps what the dashboard needs. */
    private void pruneSnapshots() throws IOException {
        if (!Files.isDirectory(settings.snapshotsDir())) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(settings.snapshotsDir())) {
            all = s.filter(p -> p.getFileName().toString().matches("run-\\d+"))
                    .sorted(Comparator.comparingLong(RunService::runNumber).reversed()).toList();
        }
        for (Path old : all.subList(Math.min(all.size(), settings.keepSnapshots()), all.size())) {
            SnapshotWriter.deleteTree(old);
        }
    }

    private static long runNumber(Path p) {
        return Long.parseLong(p.getFileName().toString().substring(4));
    }

    /**
     * Stops: a "Run now" in progress is interrupted (and so marked failed) rather than left running without heartbeats
     * until it is taken for abandoned; waits up to 10 s for it to say so.
     */
    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
    }
}
