package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CSP.PRIV.4 — no admin is disabled, a guest, or (break-glass aside) without a successful sign-in within
 * {@code staleSignInDays}. Disabled admins are flagged on purpose: their roles should be removed, not left asleep.
 */
public final class Priv4AdminAccessPruned implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.4", Level.SHALL, Scope.ALL,
            LicenceRequirement.NONE, "Admin access is reviewed and pruned",
            "Review admin role assignments regularly; remove access that is no longer needed.",
            "Dormant, disabled and guest admins are access nobody watches: the easiest kind to abuse unnoticed.",
            "Remove the roles of disabled and guest admins, and of admins who have not signed in within the "
                    + "staleness threshold (PIM access reviews automate this).",
            List.of("users.json", "roleAssignments.json", "roleEligibilitySchedules.json",
                    "groupMembers/<groupId>.json"), null);

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
        int days = t.config().thresholds().staleSignInDays();
        List<User> admins = t.admins();
        int failing = 0;
        for (User admin : admins) {
            String roles = t.rolesOf(admin);
            boolean fails = false;
            if (!admin.enabled()) {
                fails = true;
                Findings.user(out, admin, "disabled", "disabled account still holds " + roles);
            }
            if (admin.guest()) {
                fails = true;
                Findings.user(out, admin, "guest", "guest account holds " + roles);
            }
            if (admin.enabled() && !t.isBreakGlass(admin)) {
                if (!admin.signInActivityKnown()) {
                    out.unknown("signInActivity was not collected (users.json; it needs Entra ID P1), so admins' "
                            + "last sign-ins are unknown");
                } else {
                    Optional<Instant> last = admin.lastSuccessfulSignIn();
                    if (last.isEmpty() || !t.withinDays(last.get(), days)) {
                        fails = true;
                        Findings.user(out, admin, "stale", "holds " + roles + " but has not signed in successfully "
                                + "within " + days + " days (last: " + last.map(Instant::toString).orElse("never") + ")");
                    }
                }
            }
            failing += fails ? 1 : 0;
        }
        return out.summary(Findings.ratio(failing, admins.size(), "admins are disabled, guests or dormant"));
    }
}
