package io.cspguard.snapshot.graph;

/** PIM's {@code scheduleInfo}: when a schedule starts and how it expires. */
public record Schedule(String startDateTime, Expiration expiration) {

    /** {@code type}: notSpecified, noExpiration, afterDateTime, afterDuration. */
    public record Expiration(String type, String endDateTime, String duration) {
    }

    /**
     * True when the schedule certainly ends: an expiration after a date or a duration (or an end time). A missing
     * expiration, or {@code notSpecified}, is no end.
     */
    public boolean hasEnd() {
        return expiration != null && (Text.eq(expiration.type(), "afterDateTime")
                || Text.eq(expiration.type(), "afterDuration") || !Text.isBlank(expiration.endDateTime()));
    }

    /** True for a schedule that never ends ({@code expiration.type} noExpiration). */
    public boolean permanent() {
        return expiration != null && Text.eq(expiration.type(), "noExpiration");
    }
}
