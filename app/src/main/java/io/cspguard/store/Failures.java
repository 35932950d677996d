package io.cspguard.store;

import java.sql.SQLException;

/** The message that says why a write failed: the database's own words, not the layers wrapped around them. */
final class Failures {
    static final int MAX_ERROR_LENGTH = 2000;

    private Failures() {
    }

    /** The innermost cause's message (following a batch's next exception), without any password. */
    static String why(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = next(t)) {
            deepest = t;
        }
        String message = deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
        return DatabaseLocation.redact(message.strip());
    }

    static String truncate(String error) {
        if (error == null) {
            return "unknown error";
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            return sql.getNextException();
        }
        return null;
    }
}
