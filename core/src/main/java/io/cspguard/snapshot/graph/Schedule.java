package io.cspguard.snapshot.graph;

/** PIM's {@code scheduleInfo}: when a schedule starts and how it expires. */
public record Schedule(String startDateTime, Expiration expiration) {

    /** {@code type}: notSpecified, noExpiration, afterDateTime, afterDuration. */
    public record Expiration(String type, String endDateTime, String duration) {
    }

    /** True for a schedule that never ends ({@code expiration.type} noExpiration). */
    public boolean permanent() {
        return expiration != null && Text.eq(expiration.type(), "noExpiration");
    }
}
