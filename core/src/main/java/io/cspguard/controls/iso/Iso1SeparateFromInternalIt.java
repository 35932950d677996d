package io.cspguard.controls.iso;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.User;
import java.util.List;

/** CSP.ISO.1 — at most {@code collaborationUsersMax} enabled members of the partner tenant have a collaboration plan. */
public final class Iso1SeparateFromInternalIt implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.ISO.1", Level.SHOULD, Scope.PARTNER,
            LicenceRequirement.NONE, "Partner Center is not in the internal IT tenant",
            "Keep the Partner Center (CSP) tenant separate from the tenant used for internal IT, mail and "
                    + "collaboration.",
            "A tenant where staff read mail and share files is phished daily; the one that reaches customers "
                    + "should not be.",
            "Move mail and collaboration to a separate tenant, leaving the Partner Center tenant with dedicated "
                    + "admin accounts only (or raise partner.collaborationUsersMax with a documented reason).",
            List.of("users.json"), null);

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
        int max = t.config().partner().collaborationUsersMax();
        List<User> collaborating = t.users().orNull().stream()
                .filter(u -> u.enabled() && u.member() && !u.collaborationPlans().isEmpty()).toList();
        if (collaborating.size() > max) {
            for (User u : collaborating) {
                Findings.user(out, u, "collaboration-plan", "enabled member of the partner tenant has collaboration "
                        + "plans: " + String.join(", ", u.collaborationPlans()));
            }
        }
        return out.summary(collaborating.size() + " enabled member(s) of the partner tenant have collaboration "
                + "plans; allowed " + max);
    }
}
