package io.cspguard.controls.mfa;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Coverage;
import io.cspguard.coverage.Requirement;
import io.cspguard.coverage.Tri;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.AzureRoleAssignment;
import io.cspguard.snapshot.graph.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSP.MFA.5 — nobody without an MFA requirement is an (enabled) admin or holds Azure write access (Owner,
 * Contributor, User Access Administrator). {@code azureRoleAssignments.json} is optional: absent, that clause is
 * skipped; unreadable or refused, it is missing. Only enabled admins count (controls.md); the Azure clause judges
 * every user.
 */
public final class Mfa5NoPrivilegeWithoutMfa implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MFA.5", Level.SHALL, Scope.ALL, LicenceRequirement.NONE,
            "No admin role or Azure write access without MFA",
            "Make sure that no user can hold an admin role, or Azure Owner, Contributor or User Access "
                    + "Administrator access, without MFA.",
            "Privileged access without MFA turns one stolen password into control of the tenant or its subscriptions.",
            "Require MFA for every holder of an admin role and of Azure write roles, or remove the access.",
            List.of("users.json", "roleAssignments.json", "roleEligibilitySchedules.json",
                    "conditionalAccessPolicies.json", "securityDefaults.json", "azureRoleAssignments.json"), null);

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
        Map<String, Set<String>> azureRoles = azureWriteRoles(t);
        boolean azureKnown = t.snapshot().azureRoleAssignments().isPresent();
        Set<String> adminUnknowns = t.roles().adminUnknowns();
        int exposed = 0;
        for (User u : t.users().orNull()) {
            if (t.isBreakGlass(u)) {
                continue;
            }
            // "Only enabled admins count" (controls.md); the Azure clause names no such limit, so it judges every user.
            boolean admin = u.enabled() && !t.roles().privilegedHoldings(u).isEmpty();
            Set<String> azure = azureRoles.getOrDefault(u.id().toLowerCase(Locale.ROOT), Set.of());
            Coverage c = null;
            if (admin || !azure.isEmpty() || u.enabled() || !azureKnown) {
                c = t.coverage().coverage(u, Requirement.MFA);
            }
            if (c == null || c.covered() == Tri.TRUE) {
                continue;
            }
            if (!admin && azure.isEmpty()) {
                // this user may hold a role we cannot see
                if (u.enabled()) {
                    adminUnknowns.forEach(out::unknown);
                }
                if (!azureKnown) {
                    out.unknown(((io.cspguard.snapshot.Data.Missing<?>) t.snapshot().azureRoleAssignments()).reason());
                }
                continue;
            }
            if (c.covered() == Tri.UNKNOWN) {
                c.unknowns().forEach(out::unknown);
                continue;
            }
            exposed++;
            if (admin) {
                Findings.user(out, u, "admin-without-mfa", "holds " + t.rolesOf(u)
                        + " but is not covered by an MFA requirement: " + c.why());
            }
            for (String role : azure) {
                Findings.user(out, u, "azure-" + role.replace(' ', '-').toLowerCase(Locale.ROOT) + "-without-mfa",
                        "holds Azure " + role + " but is not covered by an MFA requirement: " + c.why());
            }
        }
        return out.summary(exposed + " user(s) hold an admin role or Azure write access without MFA");
    }

    /** User id → Azure write roles held, from azureRoleAssignments.json when it was collected. */
    private static Map<String, Set<String>> azureWriteRoles(TenantView t) {
        Map<String, Set<String>> roles = new HashMap<>();
        if (!t.snapshot().azureRoleAssignments().isPresent()) {
            return roles;
        }
        List<AzureRoleAssignment> list = new ArrayList<>(t.snapshot().azureRoleAssignments().orNull());
        for (AzureRoleAssignment a : list) {
            String guid = a.roleGuid() == null ? null : a.roleGuid().toLowerCase(Locale.ROOT);
            String name = guid == null ? null : Roles.AZURE_WRITE.get(guid);
            if (name != null && a.principalId() != null) {
                roles.computeIfAbsent(a.principalId().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>()).add(name);
            }
        }
        return roles;
    }
}
