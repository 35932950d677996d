package io.cspguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.TenantResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The CSV report (formats.md §3): one row per finding, and one row for a result without findings. Quoting is RFC 4180
 * (Jackson CSV, CRLF line ends); cells that a spreadsheet would take for a formula are neutralised, since object
 * names and details come from the tenants.
 */
final class CsvReportWriter implements ReportWriter {
    static final List<String> COLUMNS = List.of("tenantId", "tenantName", "controlId", "level", "status",
            "objectType", "objectId", "objectName", "detail", "accepted", "findingId");

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    // No header in the schema: the header row is written by hand, so that a run without tenants still has one.
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\r\n");

    @Override
    public void write(Assessment a, OutputStream out) throws IOException {
        try (CsvGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setSchema(SCHEMA);
            row(g, COLUMNS.toArray(String[]::new));
            for (TenantResult t : a.tenants()) {
                for (ControlResult r : t.results()) {
                    if (r.findings().isEmpty()) {
                        row(g, t.tenantId(), t.displayName(), r.controlId(), name(r.level()), name(r.status()),
                                "", "", "", "", "", "");
                    }
                    for (Finding f : r.findings()) {
                        row(g, t.tenantId(), t.displayName(), r.controlId(), name(r.level()), name(r.status()),
                                f.objectType(), f.objectId(), f.objectName(), f.detail(),
                                Boolean.toString(f.accepted()), f.findingId());
                    }
                }
            }
        }
        out.flush();
    }

    private static void row(CsvGenerator g, String... cells) throws IOException {
        g.writeStartArray();
        for (String cell : cells) {
            g.writeString(SpreadsheetCells.neutralise(cell == null ? "" : cell));
        }
        g.writeEndArray();
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }
}
