package io.cspguard.web.pages;

import io.cspguard.result.Status;

import java.util.Arrays;
import java.util.List;

/** The five statuses as the pages name them (the store's status column holds the enum's names). */
public final class Statuses {
    public static final List<String> ALL = Arrays.stream(Status.values()).map(Enum::name).toList();

    private Statuses() {
    }

    /** A status filter value, or a 400 that lists the valid ones. */
    static String parse(String raw) {
        if (raw == null) {
            return null;
        }
        for (String s : ALL) {
            if (s.equalsIgnoreCase(raw)) {
                return s;
            }
        }
        throw PageProblem.badRequest("'" + Params.clip(raw) + "' is not a status: use one of " + String.join(", ", ALL));
    }
}
