package io.cspguard.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cspguard.audit.AuditTamperedException;
import io.cspguard.audit.AuditTrail;
import io.cspguard.runs.RunFailedException;
import io.cspguard.runs.RunService;
import io.cspguard.runs.ShardQueue;
import io.cspguard.store.Database;
import io.cspguard.store.RunTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The scheduled work, through db-scheduler: every {@code cspguard serve} on one database registers the same tasks
 * and db-scheduler gives each due execution to exactly one of them (an optimistic lock on its row of
 * {@code scheduled_tasks}); when that process dies mid-run, its execution is detected as dead by its missing
 * heartbeats and picked up by another. Beginning a run also takes a database row lock ({@code RunStore.beginAlone}),
 * so a scheduled run and a "Run now" on another server never overlap either.
 * <ul>
 *   <li>{@code collect-assess} (servers with a connection profile): collect and assess every tenant, due at once on a
 *   new store and then at the interval of the setting {@code schedule.interval} after each run ends (default 24
 *   hours); a run that fails or finds another in progress waits for the next interval;</li>
 *   <li>{@code collect-shard} (servers with a connection profile): one shard of a run split over the servers
 *   ({@code RunService.collectShard}), instance {@code run-<id>-shard-<n>}, scheduled by the server that began the
 *   run for at once and taken by whichever server polls first; such a server also splits its own runs;</li>
 *   <li>{@code audit-prune} (every server): daily, prune the audit trail past {@code audit.retentionDays} (default
 *   365), leaving an anchored checkpoint.</li>
 * </ul>
 */
public final class RunScheduler implements AutoCloseable {
    static final String COLLECT_ASSESS = "collect-assess";
    static final String AUDIT_PRUNE = "audit-prune";
    static final String COLLECT_SHARD = "collect-shard";
    /**
     * A run's server blocks one thread while its shards are collected, so the others must be free to take shards
     * (its own included) and to prune the audit trail.
     */
    static final int THREADS = 4;

    private final Scheduler scheduler;

    private RunScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param runs      null on a server without a connection profile: it only prunes the audit trail
     * @param interval  read after every run (the admin setting)
     * @param retention read before every pruning (the admin setting)
     */
    public static RunScheduler start(Database db, RunService runs, AuditTrail audit, Supplier<Duration> interval,
                                     Supplier<Duration> retention, String worker) {
        return start(db, runs, audit, interval, retention, worker, Duration.ofSeconds(10), THREADS);
    }

    /**
     * @param polling how often this server looks for due work (tests shorten it)
     * @param threads how many executions it runs at once (tests lower it to show shards going to the other server)
     */
    static RunScheduler start(Database db, RunService runs, AuditTrail audit, Supplier<Duration> interval,
                              Supplier<Duration> retention, String worker, Duration polling, int threads) {
        RecurringTask<Void> collect = Tasks.recurring(COLLECT_ASSESS, new SettingsSchedule(interval))
                .execute((instance, context) -> {
                    try {
                        runs.runNow(RunTrigger.SCHEDULE, "system", null);
                    } catch (RunFailedException | IllegalStateException e) {
                        // recorded as a failed (or refused) run in the store and the audit trail; the next one is
                        // scheduled as usual rather than retried at once against a service that just failed
                    }
                });
        RecurringTask<Void> prune = Tasks.recurring(AUDIT_PRUNE, new SettingsSchedule(() -> Duration.ofDays(1)))
                .execute((instance, context) -> {
                    try {
                        audit.prune(retention.get(), "system");
                    } catch (AuditTamperedException e) {
                        // pruning refuses a chain that does not verify, so that it cannot erase the evidence; this is
                        // an incident, not a transient failure: say it loudly and leave the trail as it is
                        System.err.println("cspguard: AUDIT TRAIL DOES NOT VERIFY, pruning refused: " + e.getMessage()
                                + " — run `cspguard audit verify` and investigate");
                    }
                });
        // the instance id names the run and the shard: no task data to serialise, nothing to evolve between versions
        OneTimeTask<Void> shard = Tasks.oneTime(COLLECT_SHARD).execute((instance, context) -> {
            long[] id = ShardQueue.parse(instance.getId());
            runs.collectShard(id[0], (int) id[1]);
        });
        List<RecurringTask<Void>> tasks = runs == null ? List.of(prune) : List.of(collect, prune);
        List<Task<?>> known = runs == null || !runs.takesShards() ? List.of() : List.of(shard);
        Scheduler scheduler = Scheduler.create(db.dataSource(), known)
                .startTasks(tasks)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(worker))
                .threads(threads)
                .pollingInterval(polling)
                // on Ctrl-C a collection in progress is interrupted (and marked failed) rather than awaited for hours
                .shutdownMaxWait(Duration.ofSeconds(10))
                // the columns are TIMESTAMP WITH TIME ZONE on both databases; UTC keeps servers in other zones agreed
                .alwaysPersistTimestampInUTC()
                .build();
        if (runs != null && runs.takesShards()) {
            runs.shardThrough(db, (runId, n) -> scheduler.schedule(shard.instance(ShardQueue.instanceId(runId, n)),
                    Instant.now()));
        }
        scheduler.start();
        return new RunScheduler(scheduler);
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
