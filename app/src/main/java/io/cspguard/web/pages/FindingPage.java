package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Web;
import io.javalin.http.Context;

import java.util.Map;

/** GET /findings/{id}: evidence, why, remediation, lifecycle, history and exceptions; audited as {@code finding.viewed}. */
final class FindingPage {
    private final DashboardServices s;

    FindingPage(DashboardServices s) {
        this.s = s;
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        FindingView view = FindingQuery.read(s.db(), s.exceptions(), id)
                .orElseThrow(() -> PageProblem.notFound("no finding '" + Params.clip(id) + "' in the store"));
        s.audit().record(AuditEvent.success(Web.principal(ctx).name(), Web.clientIp(ctx), view.finding().tenantId(),
                "finding.viewed", view.finding().findingId()));
        io.cspguard.web.Views.html(ctx, "pages/finding.jte", Map.of(
                "frame", Web.frame(ctx, "Finding", "overview"), "view", view,
                "form", ExceptionForm.forFinding(view.finding()),
                "latestExpiry", ExceptionPages.latestExpiry(s.clock())));
    }
}
