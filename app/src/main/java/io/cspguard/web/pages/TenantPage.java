package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Web;
import io.javalin.http.Context;

/** GET /tenants/{id}: one tenant's results and open findings; audited as {@code tenant.viewed}. */
final class TenantPage {
    private final DashboardServices s;

    TenantPage(DashboardServices s) {
        this.s = s;
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        TenantView view = TenantQuery.read(s.db(), id)
                .orElseThrow(() -> PageProblem.notFound("no tenant '" + Params.clip(id) + "' in the store"));
        s.audit().record(AuditEvent.success(Web.principal(ctx).name(), Web.clientIp(ctx), view.tenantId(),
                "tenant.viewed", view.tenantId()));
        Pages.render(ctx, "tenant", view.displayName(), "overview", view);
    }
}
