package io.cspguard.controls.dev;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.CustomerAccess;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.SignIn;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CSP.DEV.2 — privileged workstations are designated ({@code privilegedWorkstations}), and every successful sign-in
 * of a customer-access user or admin came from one of them.
 */
public final class Dev2PrivilegedWorkstations implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.DEV.2", Level.SHOULD, Scope.PARTNER,
            LicenceRequirement.NONE, "Privileged users work from dedicated workstations",
            "Use privileged access workstations (PAW) for administration of Partner Center and customer tenants.",
            "A workstation that is also used for mail and browsing is the easiest way to an admin's session.",
            "Designate privileged access workstations, list their device ids in partner.privilegedWorkstations, and "
                    + "restrict admin and customer-access sign-ins to them (Conditional Access device filter).",
            List.of("signIns.json", "users.json", "groupMembers/<groupId>.json", "roleAssignments.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        List<String> workstations = t.config().partner().privilegedWorkstations();
        if (workstations.isEmpty()) {
            out.finding("tenant", t.tenantId(), t.snapshot().info().name(), "no-workstations",
                    "no privileged workstations designated (partner.privilegedWorkstations is empty)");
            return out.summary("no privileged workstations designated");
        }
        out.need(t.users()); // without it admins are unknown, but customer-access sign-ins can still fail
        if (!out.need(t.snapshot().signIns())) {
            return out;
        }
        Set<String> devices = new HashSet<>();
        workstations.forEach(d -> devices.add(d.toLowerCase(Locale.ROOT)));
        CustomerAccess access = t.customerAccess();
        access.unknowns().forEach(out::unknown);
        t.roles().adminUnknowns().forEach(out::unknown);
        Set<String> privileged = new HashSet<>(access.users().keySet());
        for (User admin : t.admins()) {
            privileged.add(admin.id().toLowerCase(Locale.ROOT));
        }
        int outside = 0;
        for (SignIn s : t.snapshot().signIns().orNull()) {
            if (!s.successful() || s.userId() == null || !privileged.contains(s.userId().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (Text.isBlank(s.deviceId()) || !devices.contains(s.deviceId().toLowerCase(Locale.ROOT))) {
                outside++;
                out.finding("signIn", s.id(), s.userPrincipalName(), "outside-workstation",
                        s.describe() + " by privileged user " + s.userPrincipalName()
                                + ": not one of the designated privileged workstations");
            }
        }
        return out.summary(outside + " privileged sign-in(s) from outside the designated workstations");
    }
}
