package io.cspguard.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a run's stored assessment (run_reports.assessment_json: the gzip of core's JSON report, formats.md §3) back
 * into core's model, so that every report format can be rendered again from the store. It is the exact inverse of
 * the JSON writer: writing what it reads gives the stored bytes back.
 */
public final class StoredAssessment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredAssessment() {
    }

    /** Fails with an {@link IllegalArgumentException} saying what is wrong when the blob is not a stored assessment. */
    public static Assessment read(byte[] gzippedJson) {
        JsonNode root;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzippedJson))) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the stored assessment is not gzip-compressed JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the stored assessment is not a JSON object");
        }
        List<TenantResult> tenants = new ArrayList<>();
        for (JsonNode t : array(root, "tenants")) {
            tenants.add(tenant(t));
        }
        JsonNode tool = required(root, "tool");
        JsonNode input = required(root, "input");
        return new Assessment(required(root, "schemaVersion").asInt(), instant(root, "generatedAt"),
                text(root, "partnerTenantId"), text(tool, "name"), text(tool, "version"), text(input, "path"),
                text(input, "sha256"), required(input, "files").asInt(), text(root, "configHash"), tenants);
    }

    private static TenantResult tenant(JsonNode t) {
        List<ControlResult> results = new ArrayList<>();
        for (JsonNode r : array(t, "results")) {
            results.add(result(r));
        }
        return new TenantResult(text(t, "tenantId"), text(t, "displayName"), text(t, "role"), text(t, "licence"),
                instant(t, "collectedAt"), results, strings(t, "problems"));
    }

    private static ControlResult result(JsonNode r) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : array(r, "findings")) {
            findings.add(finding(f));
        }
        String level = text(r, "level");
        String status = text(r, "status");
        return new ControlResult(text(r, "controlId"), text(r, "title"), level == null ? null : Level.valueOf(level),
                status == null ? null : Status.valueOf(status), text(r, "summary"), text(r, "reason"), findings,
                required(r, "acceptedCount").asInt(), r.has("notes") ? strings(r, "notes") : List.of());
    }

    private static Finding finding(JsonNode f) {
        return new Finding(text(f, "findingId"), text(f, "objectType"), text(f, "objectId"), text(f, "objectName"),
                text(f, "rule"), text(f, "detail"), required(f, "accepted").asBoolean(), exception(f.get("exception")),
                exception(f.get("expiredException")));
    }

    private static ExceptionRef exception(JsonNode e) {
        if (e == null || e.isNull()) {
            return null;
        }
        String expires = text(e, "expires");
        return new ExceptionRef(text(e, "reason"), text(e, "approvedBy"), expires == null ? null : LocalDate.parse(expires));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new IllegalArgumentException("the stored assessment lacks the field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = required(node, field);
        return v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : Instant.parse(v);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isArray()) {
            throw new IllegalArgumentException("the stored assessment's field '" + field + "' is not an array");
        }
        return v;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array(node, field)) {
            out.add(s.asText());
        }
        return out;
    }
}
