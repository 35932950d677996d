package io.cspguard.sim.throttle;

import java.time.Duration;

/**
 * The throttle's answer for one request: admitted, or 429 with how long to wait ({@code retryAfter} null where Graph
 * sends no {@code Retry-After}, as for Conditional Access and Identity Protection).
 */
public record Admission(boolean admitted, Duration retryAfter, String scope, String information) {
    public static final Admission ADMITTED = new Admission(true, null, null, null);
}
