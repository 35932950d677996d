package io.cspguard.sim.faults;

import java.time.Duration;

/**
 * What the simulator does to one request instead of (or before) serving it.
 *
 * @param kind       what happens
 * @param status     for {@link Kind#STATUS}: the HTTP status (429, 500, 503, 504, 403)
 * @param retryAfter for a 429/503: the {@code Retry-After} to send, or null
 * @param delay      for {@link Kind#DELAY}: how long to wait before serving normally
 * @param code       for {@link Kind#STATUS}: Graph's error code (e.g. {@code Authorization_RequestDenied})
 */
public record Fault(Kind kind, int status, Duration retryAfter, Duration delay, String code) {
    public enum Kind {
        /** Serve normally. */
        NONE,
        /** Answer with an error status and Graph's error body. */
        STATUS,
        /** Wait, then serve normally (a slow response). */
        DELAY,
        /** Close the connection without an answer. */
        DROP,
        /** Answer 401 InvalidAuthenticationToken as if the token had expired (the client must get a new one). */
        TOKEN_EXPIRED,
        /** Serve the page, but cut short: the collector must report the file as missing, not invent its end. */
        TRUNCATE
    }

    public static final Fault NONE = new Fault(Kind.NONE, 0, null, null, null);
}
