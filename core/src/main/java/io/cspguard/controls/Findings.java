package io.cspguard.controls;

import io.cspguard.coverage.Coverage;
import io.cspguard.coverage.Tri;
import io.cspguard.snapshot.graph.User;

/** Shorthands for the findings most controls report. */
public final class Findings {
    private Findings() {
    }

    /** A finding about a user: named by UPN, matched by exceptions on id or UPN. */
    public static void user(Outcome outcome, User user, String rule, String detail) {
        outcome.finding("user", user.id(), user.name(), rule, detail, user.userPrincipalName());
    }

    /**
     * Reports what a user's coverage means for a control: certainly not covered → a finding ({@code detail} followed
     * by why); undecidable → the missing evidence. Returns true when the user is certainly not covered.
     */
    public static boolean uncovered(Outcome outcome, User user, Coverage coverage, String rule, String detail) {
        if (coverage.covered() == Tri.FALSE) {
            user(outcome, user, rule, detail + ": " + coverage.why());
            return true;
        }
        if (coverage.covered() == Tri.UNKNOWN) {
            coverage.unknowns().forEach(outcome::unknown);
        }
        return false;
    }

    /** "3 of 140 enabled users". */
    public static String ratio(long bad, long all, String what) {
        return bad + " of " + all + " " + what;
    }
}
