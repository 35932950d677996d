package io.cspguard.controls.mfa;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Coverage;
import io.cspguard.coverage.Requirement;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.RegistrationDetail;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSP.MFA.4 — every enabled admin is covered by a phishing-resistant requirement (break-glass aside) and has a
 * phishing-resistant method registered (break-glass included).
 */
public final class Mfa4AdminsPhishingResistant implements Control {
    static final Set<String> PHISHING_RESISTANT_METHODS = Set.of("fido2securitykey", "windowshelloforbusiness",
            "passkeydevicebound", "passkeydeviceboundauthenticator", "passkeydeviceboundwindowshello", "passkeysynced",
            "macossecureenclavekey");

    private static final ControlInfo INFO = new ControlInfo("CSP.MFA.4", Level.SHALL, Scope.ALL, LicenceRequirement.NONE,
            "Admins use phishing-resistant MFA",
            "Use phishing-resistant MFA for all admin accounts: FIDO2 security keys or Windows Hello for Business.",
            "Admin accounts are what attackers phish first; a relayed code gives them the tenant.",
            "Register a FIDO2 key or Windows Hello for Business for each admin (break-glass accounts too), and "
                    + "require the 'Phishing-resistant MFA' authentication strength for admin roles in Conditional Access.",
            List.of("users.json", "roleAssignments.json", "roleEligibilitySchedules.json", "groupMembers/<groupId>.json",
                    "conditionalAccessPolicies.json", "userRegistrationDetails.json"), null);

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
        t.roles().adminUnknowns().forEach(out::unknown);
        boolean methodsKnown = out.need(t.snapshot().userRegistrationDetails());
        Map<String, RegistrationDetail> registrations = new HashMap<>();
        if (methodsKnown) {
            for (RegistrationDetail d : t.snapshot().userRegistrationDetails().orNull()) {
                if (d.id() != null) {
                    registrations.put(d.id().toLowerCase(Locale.ROOT), d);
                }
            }
        }
        List<User> admins = t.admins().stream().filter(User::enabled).toList();
        int failing = 0;
        for (User admin : admins) {
            boolean fails = false;
            if (!t.isBreakGlass(admin)) {
                Coverage c = t.coverage().coverage(admin, Requirement.PHISHING_RESISTANT_MFA);
                fails = Findings.uncovered(out, admin, c, "not-covered", "admin (" + t.rolesOf(admin)
                        + ") is not covered by a phishing-resistant MFA requirement");
            }
            if (methodsKnown) {
                RegistrationDetail d = registrations.get(admin.id().toLowerCase(Locale.ROOT));
                boolean registered = d != null && d.methodsRegistered().stream()
                        .anyMatch(m -> PHISHING_RESISTANT_METHODS.contains(Text.lower(m)));
                if (!registered) {
                    fails = true;
                    Findings.user(out, admin, "no-phishing-resistant-method", "admin (" + t.rolesOf(admin)
                            + ") has no phishing-resistant method registered (registered: "
                            + (d == null ? "no entry in userRegistrationDetails" : d.methodsRegistered()) + ")");
                }
            }
            failing += fails ? 1 : 0;
        }
        return out.summary(Findings.ratio(failing, admins.size(), "enabled admins lack phishing-resistant MFA"));
    }
}
