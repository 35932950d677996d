package io.cspguard.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A fixed delay read afresh after every execution, so that an admin's change of the interval in the dashboard takes
 * effect from the next run without a restart.
 */
final class SettingsSchedule implements Schedule {
    private final Supplier<Duration> interval;

    SettingsSchedule(Supplier<Duration> interval) {
        this.interval = interval;
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete done) {
        return done.getTimeDone().plus(interval.get());
    }

    /**
     * The first execution is due at once: db-scheduler asks only when the task is first registered in the database
     * (a new store), not at every start, so a new server collects right away and a restarted one keeps its rhythm.
     */
    @Override
    public Instant getInitialExecutionTime(Instant now) {
        return now;
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }
}
