package io.cspguard.controls.mon;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.Application;
import io.cspguard.snapshot.graph.SignIn;
import io.cspguard.snapshot.graph.Text;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CSP.MON.1 — Partner Center is reached through the Secure Application Model: no single-factor user sign-in to the
 * Partner Center API or to an app holding a Partner Center permission, and no such app with a password credential
 * living longer than 180 days.
 */
public final class Mon1SecureApplicationModel implements Control {
    static final Duration MAX_SECRET_LIFETIME = Duration.ofDays(180);

    private static final ControlInfo INFO = new ControlInfo("CSP.MON.1", Level.SHALL, Scope.PARTNER,
            LicenceRequirement.NONE, "Partner Center access goes through the Secure Application Model",
            "Adopt the Secure Application Model for apps that call Partner Center APIs; every user interaction "
                    + "with Partner Center requires MFA.",
            "Apps that call Partner Center with long-lived secrets or without MFA are a standing key to every customer.",
            "Move Partner Center integrations to the Secure Application Model (MFA-backed refresh tokens), require "
                    + "MFA for their sign-ins, and rotate their secrets within 180 days (prefer certificates).",
            List.of("signIns.json", "applications.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Set<String> partnerCenterApps = new HashSet<>();
        partnerCenterApps.add(Roles.PARTNER_CENTER_APP);
        boolean appsKnown = out.need(t.snapshot().applications());
        int apps = 0;
        if (appsKnown) {
            for (Application a : t.snapshot().applications().orNull()) {
                if (!a.requiresResource(Roles.PARTNER_CENTER_APP)) {
                    continue;
                }
                if (a.appId() != null) {
                    partnerCenterApps.add(a.appId().toLowerCase(Locale.ROOT));
                }
                for (Application.PasswordCredential c : a.passwordCredentials()) {
                    if (c.startDateTime() == null || c.endDateTime() == null) {
                        out.unknown("applications.json: a client secret of '" + a.name()
                                + "' has no startDateTime or endDateTime, so its lifetime is unknown");
                        continue;
                    }
                    if (c.startDateTime() != null && c.endDateTime() != null
                            && Duration.between(c.startDateTime(), c.endDateTime()).compareTo(MAX_SECRET_LIFETIME) > 0) {
                        apps++;
                        out.finding("application", a.id(), a.name(), "long-lived-secret:" + c.keyId(),
                                "app with Partner Center permissions has a client secret"
                                        + (c.displayName() != null ? " '" + c.displayName() + "'" : "") + " valid "
                                        + Duration.between(c.startDateTime(), c.endDateTime()).toDays()
                                        + " days (" + c.startDateTime() + " to " + c.endDateTime() + "), over 180");
                    }
                }
            }
        }
        int singleFactor = 0;
        if (out.need(t.snapshot().signIns())) {
            for (SignIn s : t.snapshot().signIns().orNull()) {
                boolean toPartnerCenter = contains(partnerCenterApps, s.appId()) || contains(partnerCenterApps, s.resourceId());
                if (toPartnerCenter && s.singleFactor()) {
                    singleFactor++;
                    out.finding("signIn", s.id(), s.userPrincipalName(), "single-factor",
                            "single-factor " + s.describe() + " by " + s.userPrincipalName()
                                    + " (Partner Center, or an app with Partner Center permissions)");
                }
            }
        }
        return out.summary(singleFactor + " single-factor Partner Center sign-in(s), " + apps
                + " long-lived secret(s) on Partner Center apps");
    }

    private static boolean contains(Set<String> ids, String id) {
        return id != null && ids.contains(id.toLowerCase(Locale.ROOT));
    }
}
