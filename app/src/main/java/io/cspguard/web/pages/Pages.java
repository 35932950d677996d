package io.cspguard.web.pages;

import io.cspguard.web.Views;
import io.cspguard.web.Web;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Map;
import java.util.NoSuchElementException;

/** Rendering and error handling shared by the pages: bad input and unknown ids answer a page, never a stack trace. */
final class Pages {
    private Pages() {
    }

    static void render(Context ctx, String template, String title, String nav, Object view) {
        Views.html(ctx, "pages/" + template + ".jte", Map.of("frame", Web.frame(ctx, title, nav), "view", view));
    }

    /** Turns {@link PageProblem} and an unknown id into a 404 or 400 page that says what was wrong. */
    static Handler guarded(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (PageProblem p) {
                problem(ctx, p.status(), p.title(), p.getMessage());
            } catch (NoSuchElementException e) {
                problem(ctx, 404, "Not found", e.getMessage());
            }
        };
    }

    static void problem(Context ctx, int status, String title, String message) {
        ctx.status(status);
        render(ctx, "error", title, "", new ErrorView(status, title, message));
    }
}
