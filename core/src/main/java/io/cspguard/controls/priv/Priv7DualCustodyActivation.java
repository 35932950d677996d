package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.PolicyAssignment;
import java.util.List;
import java.util.Optional;

/**
 * CSP.PRIV.7 — activating Global Administrator or Privileged Role Administrator needs approval by two distinct
 * approvers, MFA and a justification, and lasts at most {@code maxActivationHours}.
 */
public final class Priv7DualCustodyActivation implements Control {
    private static final List<String> TOP_ROLES = List.of(Roles.GLOBAL_ADMINISTRATOR, Roles.PRIVILEGED_ROLE_ADMINISTRATOR);

    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.7", Level.SHALL, Scope.ALL, LicenceRequirement.P2,
            "Activation of the top roles needs dual custody",
            "Require approval for activation of the most privileged roles (dual custody), with MFA and justification.",
            "Dual custody means one compromised admin cannot elevate alone; short activations bound the damage.",
            "In PIM, set the Global Administrator and Privileged Role Administrator role settings: require approval "
                    + "with at least two approvers, MFA and justification on activation, and a maximum activation "
                    + "duration within the threshold.",
            List.of("roleManagementPolicyAssignments.json", "groupMembers/<groupId>.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.snapshot().roleManagementPolicyAssignments())) {
            return out;
        }
        int gaps = 0;
        for (String role : TOP_ROLES) {
            String name = t.roles().roleName(role);
            Optional<PolicyAssignment> policy = t.snapshot().roleManagementPolicyAssignments().orNull().stream()
                    .filter(a -> role.equalsIgnoreCase(a.roleDefinitionId()) && a.policy() != null).findFirst();
            if (policy.isEmpty()) {
                gaps++;
                out.finding("role", role, name, "no-policy", "no PIM policy for " + name
                        + " in roleManagementPolicyAssignments");
                continue;
            }
            PimPolicyCheck.Result r = PimPolicyCheck.check(policy.get(), t);
            r.unknowns().forEach(out::unknown);
            for (PimPolicyCheck.Gap gap : r.gaps()) {
                gaps++;
                out.finding("role", role, name, gap.rule(), name + ": " + gap.detail());
            }
        }
        return out.summary(gaps + " dual-custody rule(s) missing for Global Administrator and Privileged Role "
                + "Administrator activation");
    }
}
