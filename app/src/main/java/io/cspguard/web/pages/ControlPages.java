package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Web;
import io.javalin.http.Context;

/**
 * GET /controls and /controls/{id}: the catalog and, per control, the tenants that fail it and who (audited as
 * {@code control.viewed}).
 */
final class ControlPages {
    private final DashboardServices s;

    ControlPages(DashboardServices s) {
        this.s = s;
    }

    void list(Context ctx) {
        Pages.render(ctx, "controls", "Controls", "controls", ControlQuery.list(s.db()));
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        ControlView view = ControlQuery.read(s.db(), id)
                .orElseThrow(() -> PageProblem.notFound("no control '" + Params.clip(id) + "' in the catalog"));
        // it names the failing users and objects of every tenant: a view of tenants' data, so it is audited
        s.audit().record(AuditEvent.success(Web.principal(ctx).name(), Web.clientIp(ctx), null, "control.viewed",
                view.info().id()));
        Pages.render(ctx, "control", view.info().id(), "controls", view);
    }
}
