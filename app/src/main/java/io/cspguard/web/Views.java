package io.cspguard.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.Map;

/** Renders the precompiled JTE templates of {@code app/src/main/jte} (HTML content type: every value is escaped). */
public final class Views {
    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "io.cspguard.web.templates");

    private Views() {
    }

    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(template, params, out);
        return out.toString();
    }

    /** Renders a template as the response, with status 200 unless the handler set another. */
    public static void html(Context ctx, String template, Map<String, Object> params) {
        ctx.contentType("text/html; charset=utf-8").result(render(template, params));
    }
}
