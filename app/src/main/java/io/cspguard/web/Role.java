package io.cspguard.web;

import java.util.Locale;

/**
 * What a dashboard user may do. Each role includes the ones before it: a viewer reads; an operator also starts
 * runs, requests exceptions and exports; an approver also approves what someone else requested; an admin also
 * manages users and settings.
 */
public enum Role {
    VIEWER, OPERATOR, APPROVER, ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer|operator|approver|admin}, any case; says which values exist otherwise. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': use viewer, operator, approver or admin");
    }
}
