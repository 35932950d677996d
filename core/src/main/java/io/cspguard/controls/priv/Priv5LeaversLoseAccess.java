package io.cspguard.controls.priv;

import io.cspguard.config.Leaver;
import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CSP.PRIV.5 — leavers (from the HR feed, from their {@code leftOn} on) and disabled users are in no Partner Center
 * agent group, no GDAP access group, and hold no privileged role. A leaver not found in users.json has nothing left.
 */
public final class Priv5LeaversLoseAccess implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.5", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.NONE, "Leavers lose Partner Center access",
            "Remove access promptly when employees leave or change roles: Partner Center roles, agent groups and "
                    + "delegated access.",
            "A leaver's remaining access to the partner's agent groups reaches every customer.",
            "Remove the user from AdminAgents, HelpdeskAgents, SalesAgents and every GDAP access group, and remove "
                    + "their admin roles, on the day they leave (partner.leaversFile feeds the HR list).",
            List.of("users.json", "groups.json", "groupMembers/<groupId>.json", "delegatedAdminRelationships.json",
                    "delegatedAdminAccessAssignments/<relationshipId>.json", "roleAssignments.json",
                    "roleEligibilitySchedules.json"), null);

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
        Map<String, String> gone = new LinkedHashMap<>(); // user id → why they count as gone
        for (Leaver l : t.config().leavers()) {
            if (!l.leftOn().isAfter(t.collectedAt())) {
                t.user(l.userPrincipalName()).ifPresent(u -> gone.put(u.id().toLowerCase(Locale.ROOT),
                        "left on " + l.leftOn().toString().substring(0, 10) + " (leavers feed, line " + l.line() + ")"));
            }
        }
        for (User u : t.users().orNull()) {
            if (!u.enabled() && u.id() != null) {
                gone.merge(u.id().toLowerCase(Locale.ROOT), "disabled", (a, b) -> a + ", disabled");
            }
        }
        Map<String, String> groups = accessGroups(t, gone.isEmpty() ? new Outcome() : out);
        int leaversWithAccess = 0;
        for (Map.Entry<String, String> e : gone.entrySet()) {
            User u = t.usersById().get(e.getKey());
            boolean any = false;
            for (Map.Entry<String, String> g : groups.entrySet()) {
                Data<List<User>> members = t.memberUsers(g.getKey());
                if (members instanceof Data.Missing<List<User>> m) {
                    out.unknown(m.reason());
                } else if (members.orNull().stream().anyMatch(m -> m.id().equalsIgnoreCase(u.id()))) {
                    any = true;
                    out.finding("user", u.id(), u.name(), "member:" + g.getKey(), "leaver (" + e.getValue()
                            + ") is still a member of " + g.getValue(), u.userPrincipalName());
                }
            }
            if (!t.roles().privilegedHoldings(u).isEmpty()) {
                any = true;
                Findings.user(out, u, "privileged-role", "leaver (" + e.getValue() + ") still holds " + t.rolesOf(u));
            }
            leaversWithAccess += any ? 1 : 0;
        }
        if (!gone.isEmpty()) {
            t.roles().adminUnknowns().forEach(out::unknown);
        }
        String feed = t.config().hasLeaversFeed() ? "leavers and disabled users" : "disabled users (no leavers feed set)";
        return out.summary(Findings.ratio(leaversWithAccess, gone.size(), feed + " still have access"));
    }

    /**
     * Agent groups and GDAP access groups: group id → how to name it in a finding. What could not be read goes to
     * {@code out} (the caller passes a scratch outcome when nobody has left, so it cannot matter).
     */
    private static Map<String, String> accessGroups(TenantView t, Outcome out) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String name : TenantView.AGENT_GROUPS) {
            Data<Optional<Group>> g = t.groupNamed(name);
            if (out.need(g) && g.orNull().isPresent()) {
                groups.put(g.orNull().get().id(), "Partner Center agent group " + name);
            }
        }
        TenantView.GdapGroups gdap = t.gdapAccessGroups();
        gdap.unknowns().forEach(out::unknown);
        gdap.groups().forEach((id, why) -> groups.putIfAbsent(id, "group '" + t.groupName(id) + "' (" + why + ")"));
        return groups;
    }
}
