package io.cspguard.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats of {@code cspguard assess --format} (formats.md §3). */
public enum ReportFormat {
    JSON, HTML, CSV, MD, OCSF;

    /** The file extension, which is the format's name: a folder of reports holds {@code report.<ext>}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of this format's file when several formats are written to one folder. */
    public String fileName() {
        return "report." + extension();
    }

    /** Reads a {@code --format} value, case-insensitively. */
    public static ReportFormat parse(String value) {
        if (value != null) {
            String wanted = value.strip();
            for (ReportFormat f : values()) {
                if (f.name().equalsIgnoreCase(wanted)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown report format '" + value + "'; valid formats: " + validNames());
    }

    private static String validNames() {
        return Arrays.stream(values()).map(ReportFormat::extension).collect(Collectors.joining(", "));
    }
}
