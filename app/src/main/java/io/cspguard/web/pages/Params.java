package io.cspguard.web.pages;

import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads path, query and form values; malformed ones become a 400 that names the parameter and the value. */
final class Params {
    private Params() {
    }

    static long id(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long v = Long.parseLong(raw);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw PageProblem.badRequest("'" + clip(raw) + "' is not a valid " + name + ": expected a positive whole number");
        }
    }

    /** A 1-based page number; absent means the first page. */
    static int page(Context ctx) {
        String raw = ctx.queryParam("page");
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < 1 || v > 1_000_000) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw PageProblem.badRequest("'" + clip(raw) + "' is not a valid page: expected a number from 1");
        }
    }

    /** A query value, stripped; blank means absent (null). */
    static String query(Context ctx, String name) {
        return blankToNull(ctx.queryParam(name));
    }

    static String form(Context ctx, String name) {
        return blankToNull(ctx.formParam(name));
    }

    static LocalDate date(String raw, String what) {
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + clip(raw) + "' is not a date (YYYY-MM-DD)");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Echoed input is kept short: it goes back into a page (escaped) and must not make a message unreadable. */
    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
