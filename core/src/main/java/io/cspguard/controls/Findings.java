package io.cspguard.controls;

import io.cspguard.snapshot.graph.User;

/** Shorthands for the findings most controls report. */
public final class Findings {
    private Findings() {
    }

    /** A finding about a user: named by UPN, matched by exceptions on id or UPN. */
    public static void user(Outcome outcome, User user, String rule, String detail) {
        outcome.finding("user", user.id(), user.name(), rule, detail, user.userPrincipalName());
    }

    /** "3 of 140 enabled users". */
    public static String ratio(long bad, long all, String what) {
        return bad + " of " + all + " " + what;
    }
}
