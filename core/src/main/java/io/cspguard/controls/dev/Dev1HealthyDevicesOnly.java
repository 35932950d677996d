package io.cspguard.controls.dev;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.CustomerAccess;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Coverage;
import io.cspguard.coverage.Requirement;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.SignIn;
import io.cspguard.snapshot.graph.User;
import java.util.List;

/**
 * CSP.DEV.1 — every customer-access user is covered by a requirement of a compliant or hybrid-joined device
 * (break-glass accounts are excused from Conditional Access coverage, formats.md §2), and none of their successful
 * sign-ins came from a device that is neither compliant nor managed.
 */
public final class Dev1HealthyDevicesOnly implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.DEV.1", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.NONE, "Customer access only from registered, healthy devices",
            "Allow access to Partner Center and customer tenants only from registered, healthy (compliant or "
                    + "managed) devices.",
            "A stolen session or token from an unmanaged device bypasses MFA; device compliance binds access to "
                    + "hardware the partner controls.",
            "Add a Conditional Access policy requiring a compliant or hybrid-joined device for the customer-access "
                    + "users (AdminAgents, HelpdeskAgents, GDAP groups), and investigate sign-ins from unmanaged devices.",
            List.of("users.json", "groupMembers/<groupId>.json", "conditionalAccessPolicies.json", "signIns.json",
                    "delegatedAdminRelationships.json", "delegatedAdminAccessAssignments/<relationshipId>.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        // Without users.json the members' files still name the customer-access users: decide what can be decided
        // (a definite failure still fails), and say what is missing.
        out.need(t.users());
        CustomerAccess access = t.customerAccess();
        access.unknowns().forEach(out::unknown);
        int uncovered = 0;
        for (User u : access.users().values()) {
            if (t.isBreakGlass(u)) {
                continue;
            }
            Coverage c = t.coverage().coverage(u, Requirement.COMPLIANT_DEVICE);
            if (Findings.uncovered(out, u, c, "not-covered",
                    "customer-access user is not required to use a compliant or hybrid-joined device")) {
                uncovered++;
            }
        }
        int unhealthy = 0;
        if (out.need(t.snapshot().signIns())) {
            for (SignIn s : t.snapshot().signIns().orNull()) {
                if (s.successful() && access.contains(s.userId()) && !s.fromHealthyDevice()) {
                    unhealthy++;
                    out.finding("signIn", s.id(), s.userPrincipalName(), "unhealthy-device",
                            s.describe() + " by customer-access user " + s.userPrincipalName()
                                    + ": the device is neither compliant nor managed");
                }
            }
        }
        return out.summary(uncovered + " customer-access user(s) without a device requirement, " + unhealthy
                + " sign-in(s) from unhealthy devices");
    }
}
