package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.DirectoryObject;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CSP.PRIV.2 — every AdminAgents member is an enabled user who signed in successfully within
 * {@code staleSignInDays} and, when {@code approvedAdminAgents} is set, is listed there.
 */
public final class Priv2AdminAgentsNeedToKnow implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.2", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.NONE, "The Admin Agents group holds only people who need it",
            "Limit the number of users with the Admin Agent role; review membership of the Admin Agents group.",
            "Admin Agents have admin rights in every customer with a delegated relationship: each member is a "
                    + "door into all of them.",
            "Remove disabled, dormant and unapproved members from AdminAgents (Partner Center > Account settings > "
                    + "User management), or list the approved ones in partner.approvedAdminAgents.",
            List.of("groups.json", "groupMembers/<groupId>.json", "users.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Data<Optional<Group>> group = t.groupNamed("AdminAgents");
        if (!out.need(group)) {
            return out;
        }
        if (group.orNull().isEmpty()) {
            return out.unknown("the partner tenant has no AdminAgents group (groups.json)");
        }
        Data<List<DirectoryObject>> members = t.snapshot().groupMembers().get(group.orNull().get().id());
        if (!out.need(members) | !out.need(t.users())) {
            return out;
        }
        List<String> approved = t.config().partner().approvedAdminAgents();
        int days = t.config().thresholds().staleSignInDays();
        int failing = 0;
        int count = 0;
        for (DirectoryObject m : members.orNull()) {
            if (Text.eq(m.odataType(), "#microsoft.graph.group")) {
                continue; // transitive members list the nested group's users too
            }
            count++;
            Optional<User> user = m.isUser() || m.odataType() == null ? t.user(m.id()) : Optional.empty();
            if (user.isEmpty()) {
                failing++;
                if (m.isUser() || m.odataType() == null) {
                    out.finding("user", m.id(), m.name(), "not-an-enabled-user",
                            "AdminAgents member is not an enabled user (not found in users.json)", m.userPrincipalName());
                } else if (m.isServicePrincipal()) {
                    out.finding("servicePrincipal", m.id(), m.name(), "not-an-enabled-user",
                            "AdminAgents member is a service principal, not an enabled user");
                } else {
                    // a device or contact: formats.md §3 has no object type for it, so the group carries the finding
                    Group g = group.orNull().get();
                    out.finding("group", g.id(), g.displayName(), "member-not-a-user:" + m.id().toLowerCase(
                                    java.util.Locale.ROOT), "AdminAgents has a member that is not a user: "
                                    + m.odataType() + " '" + m.name() + "' (" + m.id() + ")");
                }
                continue;
            }
            User u = user.get();
            boolean fails = false;
            if (!u.enabled()) {
                fails = true;
                io.cspguard.controls.Findings.user(out, u, "disabled", "AdminAgents member is disabled");
            }
            if (t.isBreakGlass(u)) {
                // break-glass accounts are excused from staleness (formats.md §2): they are meant to sit unused
            } else if (!u.signInActivityKnown()) {
                out.unknown("signInActivity of " + u.name() + " was not collected (users.json)");
            } else {
                Optional<Instant> last = u.lastSuccessfulSignIn();
                if (last.isEmpty() || !t.withinDays(last.get(), days)) {
                    fails = true;
                    io.cspguard.controls.Findings.user(out, u, "stale", "AdminAgents member has not signed in "
                            + "successfully within " + days + " days (last: " + last.map(Instant::toString)
                            .orElse("never") + ")");
                }
            }
            if (!approved.isEmpty() && !Text.containsIgnoreCase(approved, u.userPrincipalName())
                    && !Text.containsIgnoreCase(approved, u.id())) {
                fails = true;
                io.cspguard.controls.Findings.user(out, u, "not-approved",
                        "AdminAgents member is not listed in partner.approvedAdminAgents");
            }
            failing += fails ? 1 : 0;
        }
        return out.summary(io.cspguard.controls.Findings.ratio(failing, count, "AdminAgents members should not be there"));
    }
}
