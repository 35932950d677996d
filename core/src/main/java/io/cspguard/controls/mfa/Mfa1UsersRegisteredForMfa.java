package io.cspguard.controls.mfa;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.RegistrationDetail;
import io.cspguard.snapshot.graph.User;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CSP.MFA.1 — every enabled member user, break-glass accounts aside, is registered for MFA. */
public final class Mfa1UsersRegisteredForMfa implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MFA.1", Level.SHALL, Scope.ALL, LicenceRequirement.NONE,
            "Every user is registered for MFA",
            "Require multifactor authentication (MFA) for every user in the partner tenant and in customer tenants.",
            "A user who has not registered a second factor can be registered by whoever first knows the password.",
            "Run an MFA registration campaign (Entra ID > Authentication methods > Registration campaign) and "
                    + "follow up with each unregistered user.",
            List.of("users.json", "userRegistrationDetails.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.users()) | !out.need(t.snapshot().userRegistrationDetails())) {
            return out;
        }
        Map<String, RegistrationDetail> byId = new HashMap<>();
        for (RegistrationDetail d : t.snapshot().userRegistrationDetails().orNull()) {
            if (d.id() != null) {
                byId.put(d.id().toLowerCase(Locale.ROOT), d);
            }
        }
        int judged = 0;
        int unregistered = 0;
        for (User u : t.users().orNull()) {
            if (!u.enabled() || !u.member() || t.isBreakGlass(u)) {
                continue;
            }
            judged++;
            RegistrationDetail d = u.id() == null ? null : byId.get(u.id().toLowerCase(Locale.ROOT));
            if (d == null) {
                unregistered++;
                Findings.user(out, u, "unregistered",
                        "has no entry in userRegistrationDetails, so counts as not registered for MFA");
            } else if (!Boolean.TRUE.equals(d.isMfaRegistered())) {
                unregistered++;
                Findings.user(out, u, "unregistered", "is not registered for MFA (isMfaRegistered is "
                        + d.isMfaRegistered() + ")");
            }
        }
        return out.summary(Findings.ratio(unregistered, judged, "enabled member users are not registered for MFA"));
    }
}
