package io.cspguard.report;

import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A summary for a CI job page (e.g. GitHub's step summary): provenance, a table of tenants and their counts, then
 * what needs attention in each tenant. Every tenant-supplied string goes through {@link MarkdownText#escape}.
 */
final class MarkdownReportWriter implements ReportWriter {
    static final int FINDINGS_SHOWN = 10;

    private static final List<Status> ATTENTION = List.of(Status.FAIL, Status.WARN, Status.NOT_ASSESSED);

    @Override
    public void write(Assessment a, OutputStream out) throws IOException {
        // Not closed: closing the writer would close the caller's stream.
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("# CSP Guard report\n\n");
        provenance(w, a);
        counts(w, a);
        for (TenantResult t : a.tenants()) {
            tenant(w, t);
        }
        w.flush();
    }

    private static void provenance(Writer w, Assessment a) throws IOException {
        w.write(MarkdownText.escape(a.toolName() == null ? "CSP Guard" : a.toolName()) + " "
                + MarkdownText.escape(a.toolVersion())
                + " · input sha256 " + MarkdownText.escape(shortHash(a.inputSha256()))
                + " · config " + MarkdownText.escape(shortHash(a.configHash()))
                + " · generated " + (a.generatedAt() == null ? "" : a.generatedAt()) + "\n\n");
    }

    private static void counts(Writer w, Assessment a) throws IOException {
        w.write("| Tenant | Role | Pass | Fail | Warn | Not applicable | Not assessed |\n");
        w.write("|---|---|--:|--:|--:|--:|--:|\n");
        for (TenantResult t : a.tenants()) {
            w.write("| " + tenantName(t) + " | " + MarkdownText.escape(t.role()));
            for (Status s : Status.values()) {
                w.write(" | " + t.count(s));
            }
            w.write(" |\n");
        }
        w.write("| **All tenants** | ");
        for (Status s : Status.values()) {
            w.write(" | " + a.count(s));
        }
        w.write(" |\n\n");
    }

    private static void tenant(Writer w, TenantResult t) throws IOException {
        w.write("## " + tenantName(t) + "\n\n");
        for (String problem : t.problems()) {
            w.write("- Data problem: " + MarkdownText.escape(problem) + "\n");
        }
        boolean any = false;
        for (ControlResult r : t.results()) {
            if (ATTENTION.contains(r.status())) {
                result(w, r);
                any = true;
            }
        }
        if (!any) {
            w.write("- Every control passes or does not apply.\n");
        }
        w.write("\n");
    }

    private static void result(Writer w, ControlResult r) throws IOException {
        w.write("- **" + r.status().name() + "** " + MarkdownText.escape(r.controlId()) + " "
                + MarkdownText.escape(ControlTexts.title(r)));
        if (r.summary() != null && !r.summary().isBlank()) {
            w.write(": " + MarkdownText.escape(r.summary()));
        }
        if (r.reason() != null && !r.reason().isBlank()) {
            w.write(" (" + MarkdownText.escape(r.reason()) + ")");
        }
        if (r.acceptedCount() > 0) {
            w.write(" — " + r.acceptedCount() + " accepted by exception");
        }
        w.write("\n");
        // Accepted findings do not count towards the status; what a CI reader must act on is the open ones.
        List<Finding> open = r.findings().stream().filter(f -> !f.accepted()).toList();
        for (Finding f : open.subList(0, Math.min(FINDINGS_SHOWN, open.size()))) {
            w.write("  - " + MarkdownText.escape(f.objectName() == null ? f.objectId() : f.objectName()));
            if (f.detail() != null && !f.detail().isBlank()) {
                w.write(": " + MarkdownText.escape(f.detail()));
            }
            w.write("\n");
        }
        if (open.size() > FINDINGS_SHOWN) {
            w.write("  - …and " + (open.size() - FINDINGS_SHOWN) + " more\n");
        }
    }

    private static String tenantName(TenantResult t) {
        String name = t.displayName() == null || t.displayName().isBlank() ? t.tenantId() : t.displayName();
        return MarkdownText.escape(name) + " (" + MarkdownText.escape(t.tenantId()) + ")";
    }

    private static String shortHash(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }
}
