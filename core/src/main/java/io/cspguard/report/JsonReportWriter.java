package io.cspguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.TenantResult;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON report: exactly the contract of formats.md §3, fields in the contract's order, the model's order kept
 * (it is already sorted). Written field by field so that memory stays flat whatever the number of tenants.
 */
final class JsonReportWriter implements ReportWriter {
    @Override
    public void write(Assessment a, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonStreams.pretty(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", a.schemaVersion());
            JsonStreams.stringOrNull(g, "generatedAt", a.generatedAt());
            g.writeStringField("partnerTenantId", a.partnerTenantId());
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", a.toolName());
            g.writeStringField("version", a.toolVersion());
            g.writeEndObject();
            g.writeObjectFieldStart("input");
            g.writeStringField("path", a.inputPath());
            g.writeStringField("sha256", a.inputSha256());
            g.writeNumberField("files", a.inputFileCount());
            g.writeEndObject();
            g.writeStringField("configHash", a.configHash());
            g.writeArrayFieldStart("tenants");
            for (TenantResult t : a.tenants()) {
                tenant(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
    }

    private static void tenant(JsonGenerator g, TenantResult t) throws IOException {
        g.writeStartObject();
        g.writeStringField("tenantId", t.tenantId());
        g.writeStringField("displayName", t.displayName());
        g.writeStringField("role", t.role());
        g.writeStringField("licence", t.licence());
        JsonStreams.stringOrNull(g, "collectedAt", t.collectedAt());
        g.writeArrayFieldStart("problems");
        for (String p : t.problems()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("results");
        for (ControlResult r : t.results()) {
            result(g, r);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, ControlResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("controlId", r.controlId());
        g.writeStringField("title", ControlTexts.title(r));
        JsonStreams.stringOrNull(g, "level", r.level());
        JsonStreams.stringOrNull(g, "status", r.status());
        g.writeStringField("summary", r.summary());
        g.writeStringField("reason", r.reason());
        g.writeNumberField("acceptedCount", r.acceptedCount());
        g.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            finding(g, f);
        }
        g.writeEndArray();
        if (!r.notes().isEmpty()) {
            g.writeArrayFieldStart("notes");
            for (String n : r.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("findingId", f.findingId());
        g.writeStringField("objectType", f.objectType());
        g.writeStringField("objectId", f.objectId());
        g.writeStringField("objectName", f.objectName());
        g.writeStringField("rule", f.rule());
        g.writeStringField("detail", f.detail());
        g.writeBooleanField("accepted", f.accepted());
        // The contract: "exception" only on an accepted finding, "expiredException" only when there is one.
        if (f.accepted() && f.exception() != null) {
            exception(g, "exception", f.exception());
        }
        if (f.expiredException() != null) {
            exception(g, "expiredException", f.expiredException());
        }
        g.writeEndObject();
    }

    private static void exception(JsonGenerator g, String field, ExceptionRef e) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("reason", e.reason());
        g.writeStringField("approvedBy", e.approvedBy());
        JsonStreams.stringOrNull(g, "expires", e.expires());
        g.writeEndObject();
    }
}
