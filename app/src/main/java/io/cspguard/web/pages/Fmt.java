package io.cspguard.web.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages show times, dates and statuses (times in UTC, like the reports). */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public static String date(LocalDate d) {
        return d == null ? "—" : d.toString();
    }

    /** A status as people read it: NOT_APPLICABLE becomes "not applicable". */
    public static String status(String status) {
        return status == null ? "no result" : status.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** The CSS class of a status cell (statuses are an enum, never tenant text). */
    public static String statusClass(String status) {
        return status == null ? "status-none" : "status-" + status;
    }

    public static String text(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
