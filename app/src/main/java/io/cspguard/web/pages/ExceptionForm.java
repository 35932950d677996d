package io.cspguard.web.pages;

import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;

/** The exception request form's values as typed, so that a refused request re-renders with them. */
public record ExceptionForm(String tenant, String control, String objects, String reason, String expires) {
    static final ExceptionForm EMPTY = new ExceptionForm("", "", "", "", "");

    static ExceptionForm from(Context ctx) {
        return new ExceptionForm(orEmpty(ctx.formParam("tenant")), orEmpty(ctx.formParam("control")),
                orEmpty(ctx.formParam("objects")), orEmpty(ctx.formParam("reason")), orEmpty(ctx.formParam("expires")));
    }

    /** A form prefilled for one finding (from its page). */
    static ExceptionForm forFinding(FindingRow f) {
        String object = f.objectId() != null && !f.objectId().isBlank() ? f.objectId() : Fmt.text(f.objectName());
        return new ExceptionForm(f.tenantId(), f.controlId(), object, "", "");
    }

    /** One object per line; blank lines are ignored. */
    List<String> objectList() {
        return Arrays.stream(objects.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
