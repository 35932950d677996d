package io.cspguard.sim.graph;

import io.cspguard.snapshot.Licences;

/**
 * What an endpoint needs of the tenant's Entra ID licence, and the error real Graph gives without it.
 * A read the world lists in the tenant's {@code readErrors} gets that error first; this applies after it.
 */
enum Licence {
    NONE(0, 0, null, null),
    /** Sign-in logs and {@code signInActivity}: 403, graph-reference.md §1 and Graph's GitHub issues (verified). */
    P1(1, 403, GraphErrors.NON_PREMIUM, GraphErrors.NON_PREMIUM_MESSAGE),
    /** PIM (schedules, policies, requests): 400 AadPremiumLicenseRequired, as reported in public issue threads. */
    P2_PIM(2, 400, "AadPremiumLicenseRequired", "The tenant needs an AAD Premium 2 license."),
    /** Identity Protection's risky users: [MEMORY] the reporting family's premium-licence error. */
    P2_RISK(2, 403, GraphErrors.NON_PREMIUM, GraphErrors.NON_PREMIUM_MESSAGE);

    final int tier;
    final int status;
    final String code;
    final String message;

    Licence(int tier, int status, String code, String message) {
        this.tier = tier;
        this.status = status;
        this.code = code;
        this.message = message;
    }

    /** An UNKNOWN tier (a hand-built world that did not say) is not held against the tenant. */
    boolean satisfiedBy(Licences.Tier t) {
        if (t == null) {
            return true;
        }
        int has = switch (t) {
            case FREE -> 0;
            case P1 -> 1;
            case P2, UNKNOWN -> 2;
        };
        return has >= tier;
    }
}
