package io.cspguard.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cspguard.audit.AuditTamperedException;
import io.cspguard.audit.AuditTrail;
import io.cspguard.runs.RunFailedException;
import io.cspguard.runs.RunService;
import io.cspguard.store.Database;
import io.cspguard.store.RunTrigger;

import java.time.Duration;
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
 *   <li>{@code audit-prune} (every server): daily, prune the audit trail past {@code audit.retentionDays} (default
 *   365), leaving an anchored checkpoint.</li>
 * </ul>
 */
public final class RunScheduler implements AutoCloseable {
    static final String COLLECT_ASSESS = "collect-assess";
    static final String AUDIT_PRUNE = "audit-prune";

    private final Scheduler scheduler;

    private RunScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param interval     read after every run (the admin setting)
     * @param retention    read before every pruning (the admin setting)
     */
    /** @param runs null on a server without a connection profile: it only prunes the audit trail */
    public static RunScheduler start(Database db, RunService runs, AuditTrail audit, Supplier<Duration> interval,
                                     Supplier<Duration> retention, String worker) {
        return start(db, runs, audit, interval, retention, worker, Duration.ofSeconds(10));
    }

    /** @param polling how often this server looks for due work (tests shorten it) */
    static RunScheduler start(Database db, RunService runs, AuditTrail audit, Supplier<Duration> interval,
                              Supplier<Duration> retention, String worker, Duration polling) {
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
        List<RecurringTask<Void>> tasks = runs == null ? List.of(prune) : List.of(collect, prune);
        Scheduler scheduler = Scheduler.create(db.dataSource())
                .startTasks(tasks)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(worker))
                .threads(2)
                .pollingInterval(polling)
                // on Ctrl-C a collection in progress is interrupted (and marked failed) rather than awaited for hours
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        scheduler.start();
        return new RunScheduler(scheduler);
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
