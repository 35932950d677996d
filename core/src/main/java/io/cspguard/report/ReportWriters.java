package io.cspguard.report;

/** The writer for each report format. */
public final class ReportWriters {
    private ReportWriters() {
    }

    public static ReportWriter forFormat(ReportFormat format) {
        return switch (format) {
            case JSON -> new JsonReportWriter();
            case HTML -> new HtmlReportWriter();
            case CSV -> new CsvReportWriter();
            case MD -> new MarkdownReportWriter();
            case OCSF -> new OcsfReportWriter();
        };
    }
}
