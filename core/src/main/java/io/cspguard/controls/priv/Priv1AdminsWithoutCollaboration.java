package io.cspguard.controls.priv;

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

/** CSP.PRIV.1 — no enabled admin, break-glass included, has a mailbox or other collaboration plan. */
public final class Priv1AdminsWithoutCollaboration implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.1", Level.SHALL, Scope.ALL,
            LicenceRequirement.NONE, "Admin accounts are not used for mail and collaboration",
            "Use separate, dedicated accounts for administration; admin accounts should not have mailboxes or "
                    + "be used for email and collaboration.",
            "Mail and Teams are where phishing lands; an admin who reads mail with the admin account hands it over.",
            "Give each admin a separate, unlicensed admin account and remove Exchange, SharePoint, Teams and Skype "
                    + "plans from admin accounts.",
            List.of("users.json", "roleAssignments.json", "roleEligibilitySchedules.json",
                    "groupMembers/<groupId>.json"), null);

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
        List<User> admins = t.admins().stream().filter(User::enabled).toList();
        int failing = 0;
        for (User admin : admins) {
            List<String> plans = admin.collaborationPlans();
            if (!plans.isEmpty()) {
                failing++;
                Findings.user(out, admin, "collaboration-plan", "admin (" + t.rolesOf(admin)
                        + ") has collaboration plans: " + String.join(", ", plans));
            }
        }
        boolean someoneElseCollaborates = t.users().orNull().stream()
                .anyMatch(u -> u.enabled() && !u.collaborationPlans().isEmpty() && !admins.contains(u));
        if (someoneElseCollaborates) {
            t.roles().adminUnknowns().forEach(out::unknown);
        }
        return out.summary(Findings.ratio(failing, admins.size(), "enabled admins have collaboration plans"));
    }
}
