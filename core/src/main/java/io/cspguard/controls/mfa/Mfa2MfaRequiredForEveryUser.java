package io.cspguard.controls.mfa;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Coverage;
import io.cspguard.coverage.Requirement;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.graph.User;
import java.util.List;

/** CSP.MFA.2 — every enabled user, break-glass aside, is covered by an enforced MFA requirement. */
public final class Mfa2MfaRequiredForEveryUser implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MFA.2", Level.SHALL, Scope.ALL, LicenceRequirement.NONE,
            "MFA is required for every user",
            "Require multifactor authentication (MFA) for every user in the partner tenant and in customer tenants.",
            "A password alone is phished, sprayed or reused; MFA enforced on every sign-in stops most account takeovers.",
            "With Entra ID P1: add a Conditional Access policy requiring MFA for all users and all cloud apps, "
                    + "excluding only break-glass accounts. Without P1: turn on security defaults.",
            List.of("users.json", "conditionalAccessPolicies.json", "securityDefaults.json", "subscribedSkus.json",
                    "groupMembers/<groupId>.json", "roleAssignments.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.users())) {
            return out;
        }
        int judged = 0;
        int uncovered = 0;
        for (User u : t.users().orNull()) {
            if (!u.enabled() || t.isBreakGlass(u)) {
                continue;
            }
            judged++;
            Coverage c = t.coverage().coverage(u, Requirement.MFA);
            if (Findings.uncovered(out, u, c, "not-covered", "not covered by an enforced MFA requirement")) {
                uncovered++;
            }
        }
        String summary = Findings.ratio(uncovered, judged, "enabled users are not covered by an enforced MFA policy");
        if (uncovered > 0) {
            summary += "; " + remedy(t.snapshot().licences());
        }
        return out.summary(summary);
    }

    private static String remedy(Licences licences) {
        if (licences.known() && !licences.hasP1()) {
            return "this tenant has no Entra ID P1: turn on security defaults";
        }
        return licences.hasP1() ? "add a Conditional Access policy requiring MFA for all users and all cloud apps"
                : "turn on security defaults, or with Entra ID P1 add a Conditional Access policy requiring MFA";
    }
}
