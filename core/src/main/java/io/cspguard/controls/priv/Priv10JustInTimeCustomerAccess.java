package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Tri;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.PimGroupSchedule;
import io.cspguard.snapshot.graph.PolicyAssignment;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSP.PRIV.10 — membership of AdminAgents and of every GDAP access group is held just in time through PIM for
 * Groups (activated, or assigned with an end), and each group's PIM policy for {@code member} meets the dual-custody
 * rules of CSP.PRIV.7.
 */
public final class Priv10JustInTimeCustomerAccess implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.10", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.P2, "Partner Center roles and customer access are held just in time, with dual custody",
            "Use PIM for Groups so that membership of the Admin Agents group and of GDAP security groups is "
                    + "just-in-time and approved by a second person.",
            "Standing membership of the groups that reach customers is standing admin access to every customer.",
            "Bring AdminAgents and each GDAP access group under PIM for Groups: make members eligible instead of "
                    + "permanent, and require two approvers, MFA, justification and a short activation.",
            List.of("groups.json", "groupMembers/<groupId>.json", "delegatedAdminRelationships.json",
                    "delegatedAdminAccessAssignments/<relationshipId>.json", "pimGroupAssignmentSchedules/<groupId>.json",
                    "pimGroupPolicyAssignments/<groupId>.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Data<Optional<Group>> adminAgents = t.groupNamed("AdminAgents");
        if (!out.need(adminAgents)) {
            return out;
        }
        if (adminAgents.orNull().isEmpty()) {
            return out.unknown("the partner tenant has no AdminAgents group (groups.json)");
        }
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(adminAgents.orNull().get().id(), "AdminAgents");
        TenantView.GdapGroups gdap = t.gdapAccessGroups();
        gdap.unknowns().forEach(out::unknown);
        gdap.groups().forEach((id, why) -> groups.putIfAbsent(id, "group '" + t.groupName(id) + "' (" + why + ")"));
        int standing = 0;
        int policyGaps = 0;
        for (Map.Entry<String, String> g : groups.entrySet()) {
            standing += standingMembers(t, g.getKey(), g.getValue(), out);
            policyGaps += policyGaps(t, g.getKey(), g.getValue(), out);
        }
        return out.summary(standing + " member(s) with standing access and " + policyGaps
                + " PIM policy rule(s) missing across " + groups.size() + " customer-access group(s)");
    }

    private static int standingMembers(TenantView t, String groupId, String label, Outcome out) {
        Data<List<User>> members = t.memberUsers(groupId);
        Data<List<PimGroupSchedule>> schedules = t.snapshot().pimGroupAssignmentSchedules().get(groupId);
        if (!out.need(members) | !out.need(schedules)) {
            return 0;
        }
        int count = 0;
        for (User u : members.orNull()) {
            if (t.isBreakGlass(u)) {
                continue;
            }
            List<PimGroupSchedule> mine = schedules.orNull().stream()
                    .filter(s -> Text.eq(s.accessId(), "member"))
                    .filter(s -> Text.eq(s.principalId(), u.id()) || t.memberOf(s.principalId(), u) == Tri.TRUE)
                    .toList();
            // "assigned with an end": an expiration after a date or duration; none, or notSpecified, is standing
            boolean justInTime = mine.stream().anyMatch(s -> Text.eq(s.assignmentType(), "activated")
                    || (Text.eq(s.assignmentType(), "assigned") && s.hasEnd()));
            if (!justInTime) {
                count++;
                Findings.user(out, u, "standing:" + groupId.toLowerCase(java.util.Locale.ROOT),
                        "has standing membership of " + label + ": " + (mine.isEmpty()
                                ? "no PIM for Groups schedule" : "a PIM for Groups assignment without an end"));
            }
        }
        return count;
    }

    private static int policyGaps(TenantView t, String groupId, String label, Outcome out) {
        Data<List<PolicyAssignment>> policies = t.snapshot().pimGroupPolicyAssignments().get(groupId);
        if (!out.need(policies)) {
            return 0;
        }
        String name = t.groupName(groupId);
        Optional<PolicyAssignment> member = policies.orNull().stream()
                .filter(p -> Text.eq(p.roleDefinitionId(), "member") && p.policy() != null).findFirst();
        if (member.isEmpty()) {
            out.finding("group", groupId, name, "no-policy", "no PIM for Groups policy for membership of " + label);
            return 1;
        }
        PimPolicyCheck.Result r = PimPolicyCheck.check(member.get(), t);
        r.unknowns().forEach(out::unknown);
        for (PimPolicyCheck.Gap gap : r.gaps()) {
            out.finding("group", groupId, name, gap.rule(), label + ": " + gap.detail());
        }
        return r.gaps().size();
    }
}
