package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import io.cspguard.exceptions.ExceptionFilter;
import io.cspguard.exceptions.ExceptionRefused;
import io.cspguard.exceptions.ExceptionRequestInvalid;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.web.Web;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * GET /exceptions (the list and the request form), POST /exceptions (request), POST /exceptions/{id}/approve,
 * /reject and /revoke. A refused request re-renders the form with every problem; a refused decision re-renders the
 * list with the reason. An approved exception takes effect in the next run.
 */
final class ExceptionPages {
    private static final Map<String, String> DONE = Map.of(
            "requested", "requested. Someone else with the approver role must approve it; once approved, it takes effect in the next run.",
            "approved", "approved. It takes effect in the next run.",
            "rejected", "rejected.",
            "revoked", "revoked. Its findings count again from the next run.");

    private final DashboardServices s;

    ExceptionPages(DashboardServices s) {
        this.s = s;
    }

    void list(Context ctx) {
        // the list names the accepted users and objects of every tenant: a view of tenants' data, so it is audited
        s.audit().record(AuditEvent.success(Web.principal(ctx).name(), Web.clientIp(ctx), null, "exceptions.viewed",
                "exceptions"));
        render(ctx, ExceptionForm.EMPTY, List.of(), null, message(ctx));
    }

    void request(Context ctx) {
        ExceptionForm form = ExceptionForm.from(ctx);
        long id;
        try {
            LocalDate expires = Params.date(Params.blankToNull(form.expires()), "the expiry date");
            id = s.exceptions().request(form.tenant(), form.control(), form.objectList(), form.reason(), expires,
                    Web.principal(ctx).name(), Web.clientIp(ctx));
        } catch (ExceptionRequestInvalid e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, form, e.problems(), null, null);
            return;
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, form, List.of(e.getMessage()), null, null);
            return;
        }
        ctx.redirect("/exceptions?done=requested&id=" + id, HttpStatus.SEE_OTHER);
    }

    void approve(Context ctx) {
        decide(ctx, "approved", (id, who, ip) -> s.exceptions().approve(id, who, ip));
    }

    void reject(Context ctx) {
        decide(ctx, "rejected", (id, who, ip) -> s.exceptions().reject(id, who, ip));
    }

    void revoke(Context ctx) {
        decide(ctx, "revoked", (id, who, ip) -> s.exceptions().revoke(id, who, ip));
    }

    private interface Decision {
        void apply(long id, String actor, String ip);
    }

    private void decide(Context ctx, String done, Decision decision) {
        long id = Params.id(ctx, "id");
        try {
            decision.apply(id, Web.principal(ctx).name(), Web.clientIp(ctx));
        } catch (ExceptionRefused refused) {
            ctx.status(HttpStatus.CONFLICT);
            render(ctx, ExceptionForm.EMPTY, List.of(), refused.getMessage(), null);
            return;
        }
        ctx.redirect("/exceptions?done=" + done + "&id=" + id, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, ExceptionForm form, List<String> formErrors, String refusal, String message) {
        String status = Params.query(ctx, "status");
        ExceptionFilter filter;
        try {
            filter = new ExceptionFilter(status, Params.query(ctx, "tenant"), Params.query(ctx, "control"));
        } catch (IllegalArgumentException e) {
            throw PageProblem.badRequest(e.getMessage());
        }
        ExceptionsView view = new ExceptionsView(s.exceptions().list(filter), status, form, formErrors, refusal, message,
                List.copyOf(io.cspguard.controls.ControlRegistry.ids()), today(s.clock()), latestExpiry(s.clock()),
                Web.principal(ctx).name());
        Pages.render(ctx, "exceptions", "Exceptions", "exceptions", view);
    }

    /** The confirmation after a redirect: only known outcomes and a number are echoed, never free text. */
    private static String message(Context ctx) {
        String done = ctx.queryParam("done");
        if (done == null || !DONE.containsKey(done)) {
            return null;
        }
        String id = ctx.queryParam("id");
        if (id == null || !id.matches("\\d{1,18}")) {
            throw PageProblem.badRequest("the exception id after '" + done + "' is missing or not a number");
        }
        return "Exception #" + id + " " + DONE.get(done);
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static LocalDate latestExpiry(Clock clock) {
        return today(clock).plusDays(ExceptionStore.MAX_DAYS_AHEAD);
    }
}
