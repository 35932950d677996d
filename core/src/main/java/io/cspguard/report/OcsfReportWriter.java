package io.cspguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * OCSF 1.1.0 Compliance Finding events (class 2003), one JSON object a line: one event per finding, and one for each
 * result without findings, so that a SIEM also sees what passed. Field names follow the 1.1.0 schema, where the class
 * has a single {@code resource} (the {@code resources} array only came in 1.3.0).
 */
final class OcsfReportWriter implements ReportWriter {
    static final String OCSF_VERSION = "1.1.0";
    static final String STANDARD = "CSP security best practices";

    @Override
    public void write(Assessment a, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonStreams.compact(out)) {
            g.setRootValueSeparator(null); // lines are ended by hand: JSON Lines wants a newline after every event
            for (TenantResult t : a.tenants()) {
                Instant time = t.collectedAt() != null ? t.collectedAt() : a.generatedAt();
                for (ControlResult r : t.results()) {
                    if (r.findings().isEmpty()) {
                        event(g, a, t, time, r, null);
                    }
                    for (Finding f : r.findings()) {
                        event(g, a, t, time, r, f);
                    }
                }
            }
        }
        out.flush();
    }

    /** One event; {@code f} null means the result itself (it has no findings). */
    private static void event(JsonGenerator g, Assessment a, TenantResult t, Instant time, ControlResult r, Finding f)
            throws IOException {
        String uid = f != null && f.findingId() != null ? f.findingId() : resultUid(t, r);
        String title = ControlTexts.title(r);
        String desc = f != null ? f.detail() : statusDetail(r);
        boolean accepted = f != null && f.accepted();
        Severity severity = Severity.of(r);

        g.writeStartObject();
        g.writeNumberField("class_uid", 2003);
        g.writeStringField("class_name", "Compliance Finding");
        g.writeNumberField("category_uid", 2);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("activity_id", 1);
        g.writeStringField("activity_name", "Create");
        g.writeNumberField("type_uid", 200301);
        g.writeStringField("type_name", "Compliance Finding: Create");
        if (time != null) {
            g.writeNumberField("time", time.toEpochMilli());
        }
        g.writeNumberField("severity_id", severity.id);
        g.writeStringField("severity", severity.caption);
        // Finding status is the triage state: an accepted risk is suppressed, everything else is new to the SIEM.
        g.writeNumberField("status_id", accepted ? 3 : 1);
        g.writeStringField("status", accepted ? "Suppressed" : "New");
        g.writeStringField("message", desc == null || desc.isBlank() ? title : title + ": " + desc);
        metadata(g, a, uid);
        findingInfo(g, uid, title, desc, r.controlId());
        compliance(g, r);
        Optional<String> remedy = ControlTexts.remediation(r.controlId());
        if (remedy.isPresent()) {
            remediation(g, remedy.get());
        }
        resource(g, t, f);
        cloud(g, t);
        unmapped(g, r, f);
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void metadata(JsonGenerator g, Assessment a, String uid) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeArrayFieldStart("profiles");
        g.writeString("cloud");
        g.writeEndArray();
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "CSP Guard");
        g.writeStringField("vendor_name", "CSP Guard");
        g.writeStringField("version", a.toolVersion());
        g.writeEndObject();
        g.writeStringField("uid", uid);
        g.writeEndObject();
    }

    private static void findingInfo(JsonGenerator g, String uid, String title, String desc, String controlId)
            throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", uid);
        g.writeStringField("title", title);
        if (desc != null) {
            g.writeStringField("desc", desc);
        }
        g.writeArrayFieldStart("types");
        g.writeString(controlId);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void compliance(JsonGenerator g, ControlResult r) throws IOException {
        g.writeObjectFieldStart("compliance");
        g.writeStringField("control", r.controlId());
        g.writeArrayFieldStart("standards");
        g.writeString(STANDARD);
        g.writeEndArray();
        Status s = r.status();
        int id = s == null ? 0 : switch (s) {
            case PASS -> 1;
            case WARN -> 2;
            case FAIL -> 3;
            case NOT_APPLICABLE, NOT_ASSESSED -> 99;
        };
        g.writeNumberField("status_id", id);
        g.writeStringField("status", s == null ? "Unknown" : switch (s) {
            case PASS -> "Pass";
            case WARN -> "Warning";
            case FAIL -> "Fail";
            case NOT_APPLICABLE, NOT_ASSESSED -> s.name(); // "Other": the source's own label
        });
        String detail = statusDetail(r);
        if (detail != null) {
            g.writeStringField("status_detail", detail);
        }
        g.writeEndObject();
    }

    private static void remediation(JsonGenerator g, String text) throws IOException {
        g.writeObjectFieldStart("remediation");
        g.writeStringField("desc", text);
        g.writeEndObject();
    }

    /** The object a finding is about; for a result without findings, the tenant itself. */
    private static void resource(JsonGenerator g, TenantResult t, Finding f) throws IOException {
        g.writeObjectFieldStart("resource");
        g.writeStringField("uid", f != null ? f.objectId() : t.tenantId());
        g.writeStringField("name", f != null ? f.objectName() : t.displayName());
        g.writeStringField("type", f != null ? f.objectType() : "tenant");
        g.writeEndObject();
    }

    private static void cloud(JsonGenerator g, TenantResult t) throws IOException {
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", "Microsoft");
        g.writeObjectFieldStart("account");
        g.writeStringField("uid", t.tenantId());
        g.writeStringField("name", t.displayName());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void unmapped(JsonGenerator g, ControlResult r, Finding f) throws IOException {
        g.writeObjectFieldStart("unmapped");
        g.writeStringField("level", r.level() == null ? null : r.level().name());
        g.writeStringField("rule", f == null ? null : f.rule());
        g.writeBooleanField("accepted", f != null && f.accepted());
        g.writeEndObject();
    }

    /** The result's summary, and the reason when there is one (NOT_APPLICABLE, NOT_ASSESSED). */
    static String statusDetail(ControlResult r) {
        boolean hasSummary = r.summary() != null && !r.summary().isBlank();
        boolean hasReason = r.reason() != null && !r.reason().isBlank();
        if (hasSummary && hasReason) {
            return r.summary() + " — " + r.reason();
        }
        return hasSummary ? r.summary() : hasReason ? r.reason() : null;
    }

    /** Stable from run to run, like a finding id: the same tenant and control give the same uid. */
    static String resultUid(TenantResult t, ControlResult r) {
        String key = "result|" + lower(t.tenantId()) + "|" + r.controlId();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** OCSF severity: an unmet SHALL is High, an unmet SHOULD Medium, everything else Informational. */
    private enum Severity {
        INFORMATIONAL(1, "Informational"), MEDIUM(3, "Medium"), HIGH(4, "High");

        final int id;
        final String caption;

        Severity(int id, String caption) {
            this.id = id;
            this.caption = caption;
        }

        static Severity of(ControlResult r) {
            if (r.status() == Status.FAIL) {
                return r.level() == Level.SHOULD ? MEDIUM : HIGH;
            }
            return r.status() == Status.WARN ? MEDIUM : INFORMATIONAL;
        }
    }
}
