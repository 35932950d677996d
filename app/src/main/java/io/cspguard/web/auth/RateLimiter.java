package io.cspguard.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in attempts per source address: at most {@code limit} in any {@code window} (a sliding log). Kept in memory:
 * each server limits what reaches it, which bounds guessing per address; the per-account lockout, kept in the
 * store, bounds it per account across servers.
 */
final class RateLimiter {
    enum Verdict { ALLOWED, REFUSED_FIRST, REFUSED }

    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refusedSinceAllowed = new ConcurrentHashMap<>();

    RateLimiter(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /**
     * Counts an attempt from {@code address}. {@link Verdict#REFUSED_FIRST} is the first refusal since the address
     * was last allowed (audited; later ones are not, so a flood cannot flood the audit trail).
     */
    Verdict attempt(String address) {
        Instant now = clock.instant();
        if (attempts.size() > MAX_TRACKED) {
            attempts.entrySet().removeIf(e -> stale(e.getValue(), now));
        }
        Deque<Instant> log = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && !log.peekFirst().isAfter(now.minus(window))) {
                log.pollFirst();
            }
            if (log.size() >= limit) {
                // refusals are not logged as attempts: a client that stops for a window is let in again
                boolean first = !Boolean.TRUE.equals(refusedSinceAllowed.get(address));
                refusedSinceAllowed.put(address, Boolean.TRUE);
                return first ? Verdict.REFUSED_FIRST : Verdict.REFUSED;
            }
            log.addLast(now);
            refusedSinceAllowed.remove(address);
            return Verdict.ALLOWED;
        }
    }

    private boolean stale(Deque<Instant> log, Instant now) {
        synchronized (log) {
            return log.isEmpty() || !log.peekLast().isAfter(now.minus(window));
        }
    }
}
