package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.config.Thresholds;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.ServicePrincipal;
import io.cspguard.snapshot.graph.User;
import java.util.List;
import java.util.Set;

/**
 * CSP.PRIV.3 — the number of distinct users holding Global Administrator (active or eligible, through groups too,
 * break-glass and disabled accounts included) is within {@code globalAdmins.min–max}, and no service principal
 * holds it.
 */
public final class Priv3FewGlobalAdmins implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.3", Level.SHALL, Scope.ALL,
            LicenceRequirement.NONE, "Few Global Administrators",
            "Limit the number of Global Administrators; use least-privileged roles for daily work.",
            "Every Global Administrator can take the whole tenant; too few means no one to recover it.",
            "Keep between two and four Global Administrators (break-glass accounts included); move others to "
                    + "least-privileged roles and remove Global Administrator from service principals.",
            List.of("roleAssignments.json", "roleEligibilitySchedules.json", "groupMembers/<groupId>.json",
                    "users.json", "servicePrincipals.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Thresholds.Range range = t.config().thresholds().globalAdmins();
        Set<String> holders = t.roles().usersHolding(Roles.GLOBAL_ADMINISTRATOR);
        Set<String> unknowns = t.roles().unknowns(Roles.GLOBAL_ADMINISTRATOR);
        int count = holders.size();
        List<String> names = holders.stream().map(id -> t.user(id).map(User::name).orElse(id)).sorted().toList();
        String listed = count + " Global Administrator(s)" + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
        boolean tooMany = count > range.max();
        boolean tooFew = count < range.min();
        if (tooMany || (tooFew && unknowns.isEmpty())) {
            out.finding("role", Roles.GLOBAL_ADMINISTRATOR, "Global Administrator", tooMany ? "too-many" : "too-few",
                    listed + "; allowed " + range.min() + "–" + range.max());
        } else if (!unknowns.isEmpty()) {
            unknowns.forEach(out::unknown);
        }
        for (String sp : t.roles().servicePrincipalsHolding(Roles.GLOBAL_ADMINISTRATOR)) {
            String name = t.snapshot().servicePrincipals().isPresent() ? t.snapshot().servicePrincipals().orNull()
                    .stream().filter(s -> sp.equalsIgnoreCase(s.id())).map(ServicePrincipal::displayName)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(sp) : sp;
            out.finding("servicePrincipal", sp, name, "service-principal-global-admin",
                    "service principal holds Global Administrator");
        }
        return out.summary(listed + "; allowed " + range.min() + "–" + range.max());
    }
}
