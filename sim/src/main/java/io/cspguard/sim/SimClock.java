package io.cspguard.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's clock: it starts at the world's time and runs on in real time. {@code timeScale} F > 1 shrinks
 * throttling windows and {@code Retry-After} by F (so tests of a throttled world take seconds); it does not speed
 * the clock itself, so tokens and {@code Date} headers stay realistic.
 */
public final class SimClock extends Clock {
    private final Instant start;
    private final Clock real;
    private final Instant realStart;
    private final double timeScale;

    public SimClock(Instant start, double timeScale) {
        this(start, timeScale, Clock.systemUTC());
    }

    public SimClock(Instant start, double timeScale, Clock real) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("timeScale must be positive");
        }
        this.start = start;
        this.real = real;
        this.realStart = real.instant();
        this.timeScale = timeScale;
    }

    @Override
    public Instant instant() {
        return start.plus(Duration.between(realStart, real.instant()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    public double timeScale() {
        return timeScale;
    }

    /** A real-world duration (a throttling window, a Retry-After) as the simulator applies it: divided by F. */
    public Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() / timeScale));
    }
}
