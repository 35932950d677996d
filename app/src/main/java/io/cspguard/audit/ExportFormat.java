package io.cspguard.audit;

import java.util.Locale;

/** The export formats: JSON Lines, or RFC 5424 syslog lines (docs/audit.md §Export). */
public enum ExportFormat {
    JSONL, SYSLOG;

    /** {@code jsonl} or {@code syslog}, any case; an error that names both otherwise. */
    public static ExportFormat parse(String text) {
        for (ExportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown audit export format '" + text + "': use jsonl or syslog");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
