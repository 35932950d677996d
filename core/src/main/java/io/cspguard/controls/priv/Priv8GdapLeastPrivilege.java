package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.AccessAssignment;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import io.cspguard.snapshot.graph.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CSP.PRIV.8 — every active GDAP relationship grants no role that can make itself Global Administrator, has an
 * active access assignment, and none of its access assignments grants a role the relationship does not hold.
 * Deleted access assignments grant nothing and are not judged.
 */
public final class Priv8GdapLeastPrivilege implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.8", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.NONE, "GDAP access to customers is least privilege",
            "Use granular delegated admin privileges (GDAP) with least-privileged roles; do not request Global "
                    + "Administrator through GDAP.",
            "A relationship that grants Global Administrator, or roles that can become it, gives the partner's "
                    + "attackers the whole customer.",
            "Replace relationships that grant Global Administrator, Privileged Role Administrator or Privileged "
                    + "Authentication Administrator with least-privileged ones, assign each relationship's roles to "
                    + "security groups, and remove assignments of roles the relationship does not hold.",
            List.of("delegatedAdminRelationships.json", "delegatedAdminAccessAssignments/<relationshipId>.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.snapshot().delegatedAdminRelationships())) {
            return out;
        }
        int active = 0;
        Set<String> failing = new LinkedHashSet<>();
        for (DelegatedAdminRelationship r : t.snapshot().delegatedAdminRelationships().orNull()) {
            if (!r.active()) {
                continue;
            }
            active++;
            String name = (r.displayName() != null ? r.displayName() : r.id()) + " (" + r.customerName() + ")";
            for (String role : r.roleIds()) {
                if (role != null && Roles.CAN_BECOME_GLOBAL_ADMIN.contains(role.toLowerCase(Locale.ROOT))) {
                    failing.add(r.id());
                    out.finding("relationship", r.id(), name, "grants:" + role.toLowerCase(Locale.ROOT),
                            "GDAP relationship with " + r.customerName() + " grants " + t.roles().roleName(role)
                                    + ", which can make itself Global Administrator");
                }
            }
            Data<List<AccessAssignment>> assignments = t.snapshot().delegatedAdminAccessAssignments().get(r.id());
            if (!out.need(assignments)) {
                continue;
            }
            List<AccessAssignment> live = assignments.orNull().stream().filter(a -> !Text.eq(a.status(), "deleted")).toList();
            if (live.stream().noneMatch(AccessAssignment::active)) {
                failing.add(r.id());
                out.finding("relationship", r.id(), name, "no-active-assignment", "GDAP relationship with "
                        + r.customerName() + " has no active access assignment (its roles are not given to a group)");
            }
            for (AccessAssignment a : live) {
                for (String role : a.roleIds()) {
                    if (role != null && !Text.containsIgnoreCase(r.roleIds(), role)) {
                        failing.add(r.id());
                        out.finding("relationship", r.id(), name, "assignment-outside-relationship:"
                                        + role.toLowerCase(Locale.ROOT),
                                "access assignment " + a.id() + " (group '" + t.groupName(a.groupId()) + "') grants "
                                        + t.roles().roleName(role) + ", which the relationship does not hold");
                    }
                }
            }
        }
        return out.summary(failing.size() + " of " + active + " active GDAP relationships are not least privilege");
    }
}
