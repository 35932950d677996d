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

    @Override
    public Instant getInitialExecutionTime(Instant now) {
        return now.plus(interval.get());
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }
}
