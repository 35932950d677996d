package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.reports.StoredAssessment;
import io.cspguard.result.Assessment;
import io.cspguard.result.TenantResult;
import io.cspguard.web.Web;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Set;

/**
 * GET /runs/{id}/report.{json|html|csv|md|ocsf}[?tenant=ID]: a stored run's report in any format, rendered by
 * core's writers from the run's stored assessment, for the whole partner or one tenant. Always an attachment (a
 * downloaded HTML report never renders inside the dashboard's origin); audited as {@code export.downloaded}
 * before the first byte is sent.
 */
final class ReportDownloads {
    private final DashboardServices s;

    ReportDownloads(DashboardServices s) {
        this.s = s;
    }

    void download(Context ctx) throws IOException {
        long runId = Params.id(ctx, "id");
        ReportFormat format = format(ctx.pathParam("file"));
        byte[] blob = s.db().jdbi().withHandle(h -> h.createQuery("SELECT assessment_json FROM run_reports WHERE run_id = :id")
                .bind("id", runId).mapTo(byte[].class).findOne())
                .orElseThrow(() -> PageProblem.notFound("run " + runId + " has no stored report (it is not a stored run)"));
        Assessment assessment = StoredAssessment.read(blob);
        String tenant = Params.query(ctx, "tenant");
        if (tenant != null) {
            assessment = assessment.onlyTenants(Set.of(tenant));
            if (assessment.tenants().isEmpty()) {
                throw PageProblem.notFound("tenant '" + Params.clip(tenant) + "' is not in run " + runId);
            }
            tenant = assessment.tenants().stream().map(TenantResult::tenantId).findFirst().orElseThrow();
        }
        s.audit().record(AuditEvent.success(Web.principal(ctx).name(), Web.clientIp(ctx), tenant, "export.downloaded",
                "run " + runId + " " + format.extension()));
        ctx.contentType(contentType(format));
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(runId, tenant, format) + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ReportWriters.forFormat(format).write(assessment, ctx.outputStream());
    }

    private static ReportFormat format(String file) {
        if (!file.startsWith("report.")) {
            throw PageProblem.notFound("no download '" + Params.clip(file) + "': use report.json, report.html, report.csv,"
                    + " report.md or report.ocsf");
        }
        try {
            return ReportFormat.parse(file.substring("report.".length()));
        } catch (IllegalArgumentException e) {
            throw PageProblem.notFound(e.getMessage());
        }
    }

    static String contentType(ReportFormat format) {
        return switch (format) {
            case JSON -> "application/json; charset=utf-8";
            case HTML -> "text/html; charset=utf-8";
            case CSV -> "text/csv; charset=utf-8";
            case MD -> "text/markdown; charset=utf-8";
            case OCSF -> "application/x-ndjson; charset=utf-8";
        };
    }

    /** Only letters, digits, dot, dash and underscore: a tenant id cannot break out of the header or the folder. */
    static String fileName(long runId, String tenant, ReportFormat format) {
        String base = "cspguard-run-" + runId;
        if (tenant != null) {
            String safe = tenant.replaceAll("[^A-Za-z0-9._-]", "_");
            base += "-" + (safe.length() > 64 ? safe.substring(0, 64) : safe);
        }
        return base + "." + (format == ReportFormat.OCSF ? "ocsf.jsonl" : format.extension());
    }
}
