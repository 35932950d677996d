package io.cspguard.web.pages;

import io.javalin.http.Context;

/** GET /controls and /controls/{id}: the catalog and, per control, the tenants that fail it and who. */
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
        Pages.render(ctx, "control", view.info().id(), "controls", view);
    }
}
