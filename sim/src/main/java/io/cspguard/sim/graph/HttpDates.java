package io.cspguard.sim.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The simulator's time as HTTP and Graph write it. Public for the Partner Center routes, which send the same
 * {@code Date} header.
 */
public final class HttpDates {
    /** RFC 7231 IMF-fixdate: two-digit day, unlike {@link DateTimeFormatter#RFC_1123_DATE_TIME}. */
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);
    /** Graph's {@code innerError.date}: no zone designator, no fraction. */
    private static final DateTimeFormatter INNER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** The last formatted second: every response needs a Date header, and a second holds thousands of them. */
    private static volatile Cached last = new Cached(Long.MIN_VALUE, "");

    private record Cached(long second, String text) {
    }

    private HttpDates() {
    }

    public static String httpDate(Instant now) {
        long second = now.getEpochSecond();
        Cached c = last;
        if (c.second != second) {
            c = new Cached(second, IMF.format(Instant.ofEpochSecond(second)));
            last = c;
        }
        return c.text;
    }

    static String innerErrorDate(Instant now) {
        return INNER.format(now);
    }
}
