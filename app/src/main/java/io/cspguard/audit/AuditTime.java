package io.cspguard.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one way the trail writes a time: UTC, always three fraction digits ({@code 2025-03-01T09:30:00.000Z}). It is
 * what the hash covers, so it must not depend on how a database or a JSON library prints an instant; millisecond
 * precision is what both H2 and PostgreSQL keep exactly.
 */
public final class AuditTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AuditTime() {
    }

    public static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant at) {
        return FORMAT.format(at);
    }

    /** Parses a time this class wrote; throws {@link AuditFormatException} naming the bad text otherwise. */
    static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new AuditFormatException("not a UTC timestamp: " + AuditText.printable(String.valueOf(text)));
        }
    }
}
