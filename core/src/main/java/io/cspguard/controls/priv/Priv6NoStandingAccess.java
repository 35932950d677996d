package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Tri;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.RoleAssignment;
import io.cspguard.snapshot.graph.RoleSchedule;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CSP.PRIV.6 — no principal but a break-glass account has a permanent active assignment of a privileged role: a
 * schedule {@code Assigned} with {@code noExpiration}, or a {@code roleAssignments} entry no schedule explains.
 */
public final class Priv6NoStandingAccess implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.6", Level.SHALL, Scope.ALL, LicenceRequirement.P2,
            "No standing access to privileged roles",
            "Use Privileged Identity Management (PIM) to give just-in-time, time-bound access to admin roles; "
                    + "avoid standing admin access.",
            "A permanently active admin is always worth stealing; an eligible one must activate, with MFA and a trail.",
            "Convert permanent active assignments of privileged roles to eligible ones in PIM "
                    + "(break-glass accounts excepted).",
            List.of("roleAssignments.json", "roleAssignmentSchedules.json", "roleDefinitions.json", "users.json",
                    "groups.json", "servicePrincipals.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.snapshot().roleAssignmentSchedules())) {
            // without schedules no assignment can be shown to be time-bound: nothing is decidable
            return out;
        }
        Map<String, String> permanent = new LinkedHashMap<>(); // principal|role → how
        Set<String> scheduled = new HashSet<>();
        for (RoleSchedule s : t.snapshot().roleAssignmentSchedules().orNull()) {
            scheduled.add(key(s.principalId(), s.roleDefinitionId(), s.directoryScopeId()));
            if (Text.eq(s.assignmentType(), "Assigned") && (s.scheduleInfo() == null || s.scheduleInfo().expiration() == null)) {
                out.unknown("roleAssignmentSchedules.json: schedule " + s.id() + " has no scheduleInfo.expiration");
            }
            if (Text.eq(s.assignmentType(), "Assigned") && s.permanent()) {
                permanent.putIfAbsent(s.principalId() + "|" + s.roleDefinitionId(),
                        "a permanent active assignment (PIM schedule with no expiration)");
            }
        }
        if (out.need(t.snapshot().roleAssignments())) {
            for (RoleAssignment a : t.snapshot().roleAssignments().orNull()) {
                if (!scheduled.contains(key(a.principalId(), a.roleDefinitionId(), a.directoryScopeId()))) {
                    permanent.putIfAbsent(a.principalId() + "|" + a.roleDefinitionId(),
                            "an active assignment that no PIM schedule explains");
                }
            }
        }
        int count = 0;
        for (Map.Entry<String, String> e : permanent.entrySet()) {
            String[] parts = e.getKey().split("\\|", 2);
            String principal = parts[0];
            String role = parts[1];
            Tri privileged = t.roles().privileged(role);
            if (privileged == Tri.FALSE) {
                continue;
            }
            Optional<User> user = t.user(principal);
            Tri breakGlass = user.isPresent() ? Tri.of(t.isBreakGlass(user.get()))
                    : t.isBreakGlassId(principal) ? Tri.TRUE
                    : t.users().isPresent() ? Tri.FALSE : Tri.UNKNOWN;
            if (breakGlass == Tri.TRUE) {
                continue;
            }
            if (privileged == Tri.UNKNOWN || breakGlass == Tri.UNKNOWN) {
                out.unknown(privileged == Tri.UNKNOWN
                        ? "whether role " + role + " is privileged is unknown (roleDefinitions.json missing)"
                        : "whether principal " + principal + " is a break-glass account is unknown (users.json missing)");
                continue;
            }
            count++;
            String roleName = t.roles().roleName(role);
            String[] kind = principalKind(t, principal, user);
            out.finding(kind[0], principal, kind[1], "permanent:" + role.toLowerCase(Locale.ROOT),
                    "has " + e.getValue() + " of " + roleName, user.map(User::userPrincipalName).orElse(null));
        }
        return out.summary(count + " permanent active assignment(s) of privileged roles");
    }

    private static String key(String principal, String role, String scope) {
        return (principal + "|" + role + "|" + (scope == null ? "/" : scope)).toLowerCase(Locale.ROOT);
    }

    private static String[] principalKind(TenantView t, String principal, Optional<User> user) {
        if (user.isPresent()) {
            return new String[] {"user", user.get().name()};
        }
        if (t.snapshot().servicePrincipals().isPresent()) {
            var sp = t.snapshot().servicePrincipals().orNull().stream().filter(s -> principal.equalsIgnoreCase(s.id()))
                    .findFirst();
            if (sp.isPresent()) {
                return new String[] {"servicePrincipal", sp.get().displayName() != null ? sp.get().displayName() : principal};
            }
        }
        String groupName = t.groupName(principal);
        if (!groupName.equals(principal)) {
            return new String[] {"group", groupName};
        }
        // Not a known user, group or service principal (a deleted object?): named by its id.
        return new String[] {"user", principal + " (not found in users, groups or service principals)"};
    }
}
