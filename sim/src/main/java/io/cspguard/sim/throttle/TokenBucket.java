package io.cspguard.sim.throttle;

/**
 * One token bucket on "Graph time" (nanoseconds of the real clock multiplied by the time scale, so windows shrink by
 * it): it starts full at {@code capacity}, refills continuously at capacity ÷ window, never above capacity. Not
 * thread-safe: {@link GraphThrottle} guards each bucket with its own lock.
 */
final class TokenBucket {
    /** Float slack: a client that waits exactly the computed time is admitted. */
    private static final double EPSILON = 1e-9;

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(double capacity, long windowNanos, long now) {
        this.capacity = capacity;
        this.perNano = capacity / windowNanos;
        this.tokens = capacity;
        this.last = now;
    }

    void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }

    /** Graph-time nanoseconds until {@code cost} tokens are there (0: now). Call {@link #refill} first. */
    long waitFor(double cost) {
        double deficit = cost - tokens;
        if (deficit <= EPSILON) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(deficit / perNano));
    }

    void take(double cost) {
        tokens -= cost;
    }

    double tokens() {
        return tokens;
    }
}
