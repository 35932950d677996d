package io.cspguard.controls.mon;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.RiskyUser;
import io.cspguard.snapshot.graph.Text;
import java.util.List;

/** CSP.MON.4 — no user is confirmed compromised, or at risk at medium or high level, and left so. */
public final class Mon4RiskyUsersHandled implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MON.4", Level.SHALL, Scope.ALL, LicenceRequirement.P2,
            "Risky users are dealt with",
            "Review and remediate risky users and risky sign-ins (Entra ID Protection).",
            "A user flagged at risk and left alone is an attacker given time.",
            "Investigate each risky user: reset credentials and revoke sessions, then confirm compromised or "
                    + "dismiss; add a user-risk Conditional Access policy.",
            List.of("riskyUsers.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.snapshot().riskyUsers())) {
            return out;
        }
        int count = 0;
        for (RiskyUser r : t.snapshot().riskyUsers().orNull()) {
            boolean compromised = Text.eq(r.riskState(), "confirmedCompromised");
            boolean atRisk = Text.eq(r.riskState(), "atRisk")
                    && (Text.eq(r.riskLevel(), "medium") || Text.eq(r.riskLevel(), "high"));
            if (compromised || atRisk) {
                count++;
                out.finding("user", r.id(), r.userPrincipalName() != null ? r.userPrincipalName() : r.id(),
                        compromised ? "confirmed-compromised" : "at-risk",
                        compromised ? "confirmed compromised and not remediated"
                                : "at " + r.riskLevel() + " risk and not remediated or dismissed",
                        r.userPrincipalName());
            }
        }
        return out.summary(count + " risky user(s) not dealt with");
    }
}
