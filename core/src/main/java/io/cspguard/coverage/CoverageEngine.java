package io.cspguard.coverage;

import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.SecurityDefaults;
import io.cspguard.snapshot.graph.User;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, per user and across all policies together, whether every sign-in is subject to a requirement
 * (controls.md, "When a Conditional Access policy enforces a grant for a user"): a policy covers a user when it is
 * enabled, applies to them (included, not excluded), covers every sign-in, and its grant requires the requirement.
 * Security defaults cover every user for MFA. Missing data gives UNKNOWN, never covered.
 */
public final class CoverageEngine {
    private final Data<List<CaPolicy>> policies;
    private final Licences licences;
    private final Data<SecurityDefaults> securityDefaults;
    private final Targeting targeting;

    public CoverageEngine(Data<List<CaPolicy>> policies, Licences licences, Data<SecurityDefaults> securityDefaults,
                          Directory directory) {
        this.policies = policies;
        this.licences = licences;
        this.securityDefaults = securityDefaults;
        this.targeting = new Targeting(directory);
    }

    /** Whether security defaults are on: TRUE, FALSE, or UNKNOWN when the file is missing. */
    public Tri securityDefaultsOn() {
        return securityDefaults.isPresent() ? Tri.of(securityDefaults.orNull().enabled()) : Tri.UNKNOWN;
    }

    public boolean conditionalAccessCollected() {
        return policies.isPresent();
    }

    public Coverage coverage(User user, Requirement requirement) {
        List<String> explanations = new ArrayList<>();
        List<String> unknowns = new ArrayList<>();
        Tri covered = Tri.FALSE;

        if (requirement == Requirement.MFA) {
            Tri sd = securityDefaultsOn();
            if (sd == Tri.TRUE) {
                return new Coverage(Tri.TRUE, "security defaults", List.of(), List.of());
            }
            if (sd == Tri.UNKNOWN) {
                covered = Tri.UNKNOWN;
                unknowns.add(((Data.Missing<?>) securityDefaults).reason());
            }
        }
        if (policies instanceof Data.Missing<List<CaPolicy>> m) {
            unknowns.add(m.reason());
            return new Coverage(Tri.UNKNOWN, null, explanations, unknowns);
        }
        // Without P1 no policy is enforced (the loader already drops them; this keeps the engine right on its own).
        Tri enforced = licences.hasP1() ? Tri.TRUE : licences.known() ? Tri.FALSE : Tri.UNKNOWN;
        if (enforced == Tri.FALSE) {
            explanations.add("Conditional Access is not enforced without Entra ID P1");
            return new Coverage(covered, null, explanations, covered == Tri.UNKNOWN ? unknowns : List.of());
        }
        if (enforced == Tri.UNKNOWN && !policies.orNull().isEmpty()) {
            unknowns.add("whether Conditional Access is enforced is unknown: " + licences.unknownReason());
        }
        for (CaPolicy policy : policies.orNull()) {
            Tri requires = GrantAnalysis.requires(policy, requirement);
            if (requires == Tri.FALSE) {
                explainWeakGrant(policy, user, requirement, explanations);
                continue;
            }
            if (!policy.enabled()) {
                explainNotEnforced(policy, user, requirement, explanations);
                continue;
            }
            List<String> narrowing = Narrowing.of(policy);
            Targeting.Match included = targeting.included(policy, user);
            Targeting.Match excluded = targeting.excluded(policy, user);
            Tri applies = included.value().and(excluded.value().not());
            if (applies != Tri.FALSE && !narrowing.isEmpty()) {
                explanations.add("policy '" + policy.name() + "' requires " + requirement.label()
                        + " but not for every sign-in: " + String.join(", ", narrowing));
                continue;
            }
            if (requires == Tri.UNKNOWN) {
                unknowns.add("policy '" + policy.name() + "' uses an authentication strength whose combinations "
                        + "were not collected");
            }
            Tri c = applies.and(requires).and(enforced);
            if (c == Tri.TRUE) {
                return new Coverage(Tri.TRUE, "policy '" + policy.name() + "'", List.of(), List.of());
            }
            if (included.value() != Tri.FALSE && excluded.value() == Tri.TRUE) {
                explanations.add("excluded from policy '" + policy.name() + "' by " + excluded.because());
            } else if (included.value() != Tri.FALSE && excluded.value() == Tri.UNKNOWN) {
                explanations.add("may be excluded from policy '" + policy.name() + "' by " + excluded.because());
                unknowns.add("exclusion from policy '" + policy.name() + "' by " + excluded.because());
            } else if (included.value() == Tri.UNKNOWN) {
                explanations.add("may be included in policy '" + policy.name() + "' by " + included.because());
                unknowns.add("inclusion in policy '" + policy.name() + "' by " + included.because());
            }
            covered = covered.or(c);
        }
        return new Coverage(covered, null, explanations, covered == Tri.UNKNOWN ? unknowns : List.of());
    }

    /** A policy that would apply but lets the requirement be skipped (e.g. mfa OR compliantDevice). */
    private void explainWeakGrant(CaPolicy policy, User user, Requirement requirement, List<String> explanations) {
        if (!policy.enabled() || policy.grantControls() == null || policy.grantControls().builtInControls().isEmpty()
                && policy.grantControls().authenticationStrength() == null) {
            return;
        }
        if (appliesCertainly(policy, user) && Narrowing.of(policy).isEmpty() && mentions(policy, requirement)) {
            explanations.add("policy '" + policy.name() + "' does not require " + requirement.label()
                    + ": its grant is " + GrantAnalysis.describe(policy));
        }
    }

    private void explainNotEnforced(CaPolicy policy, User user, Requirement requirement, List<String> explanations) {
        if (appliesCertainly(policy, user)) {
            String state = "enabledForReportingButNotEnforced".equalsIgnoreCase(policy.state()) ? "report-only"
                    : policy.state() == null ? "not enabled" : policy.state();
            explanations.add("policy '" + policy.name() + "' would require " + requirement.label() + " but is "
                    + state);
        }
    }

    private boolean appliesCertainly(CaPolicy policy, User user) {
        return targeting.included(policy, user).value() == Tri.TRUE
                && targeting.excluded(policy, user).value() == Tri.FALSE;
    }

    private static boolean mentions(CaPolicy policy, Requirement requirement) {
        var grant = policy.grantControls();
        return switch (requirement) {
            case MFA -> grant.builtInControls().stream().anyMatch(c -> c.equalsIgnoreCase("mfa"))
                    || grant.authenticationStrength() != null;
            case PHISHING_RESISTANT_MFA -> grant.authenticationStrength() != null
                    || grant.builtInControls().stream().anyMatch(c -> c.equalsIgnoreCase("mfa"));
            case COMPLIANT_DEVICE -> grant.builtInControls().stream()
                    .anyMatch(c -> c.equalsIgnoreCase("compliantDevice") || c.equalsIgnoreCase("domainJoinedDevice"));
        };
    }
}
