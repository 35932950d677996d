package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import io.cspguard.web.Web;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** GET /runs (history), POST /runs (start one), GET /runs/{id} (its diff against the previous stored run). */
final class RunPages {
    private final DashboardServices s;

    RunPages(DashboardServices s) {
        this.s = s;
    }

    void list(Context ctx) {
        String message = null;
        String started = ctx.queryParam("started");
        if (started != null) {
            message = "Run #" + parseRunId(started) + " started; this page shows its state when you reload it.";
        }
        Pages.render(ctx, "runs", "Runs", "runs", RunQuery.list(s.db(), Params.page(ctx), message, null));
    }

    /** The launcher audits run.started and refuses (a run in progress) with a message the page shows. */
    void start(Context ctx) {
        long id;
        try {
            id = s.launcher().start(Web.principal(ctx).name(), Web.clientIp(ctx));
        } catch (IllegalStateException | IllegalArgumentException refused) {
            ctx.status(HttpStatus.CONFLICT);
            Pages.render(ctx, "runs", "Runs", "runs", RunQuery.list(s.db(), 1, null,
                    "The run was not started: " + refused.getMessage()));
            return;
        }
        ctx.redirect("/runs?started=" + id, HttpStatus.SEE_OTHER);
    }

    void show(Context ctx) {
        long id = Params.id(ctx, "id");
        RunView view = RunQuery.read(s.db(), id).orElseThrow(() -> PageProblem.notFound("no run " + id + " in the store"));
        // the diff names the findings (users, objects) of every tenant: a view of tenants' data, so it is audited
        s.audit().record(AuditEvent.success(Web.principal(ctx).name(), Web.clientIp(ctx), null, "run.viewed",
                "run " + id));
        Pages.render(ctx, "run", "Run #" + id, "runs", view);
    }

    private static long parseRunId(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw PageProblem.badRequest("'" + Params.clip(raw) + "' is not a run id");
        }
    }
}
