package io.cspguard.coverage;

import java.util.List;

/**
 * Whether one user is covered by one requirement, and why.
 *
 * @param covered      TRUE: some enforced policy (or security defaults) applies to every sign-in and requires it
 * @param coveredBy    the policy (or "security defaults") that covers the user, when covered
 * @param explanations when not covered (or unknown): each enabled candidate policy and what leaves the user out,
 *                     or "no enabled policy … includes them"
 * @param unknowns     what could not be read, when UNKNOWN
 */
public record Coverage(Tri covered, String coveredBy, List<String> explanations, List<String> unknowns) {
    public Coverage {
        explanations = List.copyOf(explanations);
        unknowns = List.copyOf(unknowns);
    }

    /** One sentence for a finding. */
    public String why() {
        return explanations.isEmpty() ? "no enabled policy includes them" : String.join("; ", explanations);
    }
}
