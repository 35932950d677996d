package io.cspguard.controls.iso;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.CustomerAccess;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.User;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSP.ISO.2 — customer-access users have no collaboration plan and, when {@code privilegedAccountPattern} is set,
 * their UPN matches it (a regex search: {@code ^adm-} means "starts with adm-"; anchor both ends to match a whole UPN).
 */
public final class Iso2DedicatedPrivilegedAccounts implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.ISO.2", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.NONE, "Privileged partner users have dedicated accounts",
            "Use dedicated accounts for partner users who access customer tenants; keep them separate from everyday "
                    + "accounts.",
            "The account that reaches customers must not be the one that reads mail and browses.",
            "Give every member of AdminAgents, HelpdeskAgents and the GDAP access groups a dedicated account with "
                    + "no mailbox, named by the privileged-account convention.",
            List.of("users.json", "groups.json", "groupMembers/<groupId>.json", "delegatedAdminRelationships.json",
                    "delegatedAdminAccessAssignments/<relationshipId>.json"), null);

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
        CustomerAccess access = t.customerAccess();
        access.unknowns().forEach(out::unknown);
        Pattern pattern = t.config().privilegedAccountPattern();
        int failing = 0;
        for (User u : access.users().values()) {
            String via = String.join(", ", access.via().get(u.id().toLowerCase(java.util.Locale.ROOT)));
            boolean fails = false;
            List<String> plans = u.collaborationPlans();
            if (!plans.isEmpty()) {
                fails = true;
                Findings.user(out, u, "collaboration-plan", "customer-access account (" + via
                        + ") has collaboration plans: " + String.join(", ", plans));
            }
            // a regex search, as in ISO.3 and as people write these patterns ("^adm-"); anchor both ends to pin a UPN
            if (pattern != null && (u.userPrincipalName() == null || !pattern.matcher(u.userPrincipalName()).find())) {
                fails = true;
                Findings.user(out, u, "naming", "customer-access account (" + via + ") does not match "
                        + "partner.privilegedAccountPattern " + pattern.pattern());
            }
            failing += fails ? 1 : 0;
        }
        return out.summary(Findings.ratio(failing, access.users().size(), "customer-access accounts are not dedicated"));
    }
}
