package io.cspguard.controls.mon;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.CustomerAccess;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.DirectoryAudit;
import io.cspguard.snapshot.graph.Organization;
import io.cspguard.snapshot.graph.SignIn;
import io.cspguard.snapshot.graph.Text;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CSP.MON.5 — every successful service-provider sign-in into the customer was multi-factor, from a compliant or
 * managed device, and (with the partner's snapshot) made by a current customer-access user. The partner's directory
 * changes in the customer are listed as notes for review.
 */
public final class Mon5DelegatedActivityReviewed implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MON.5", Level.SHALL, Scope.CUSTOMER,
            LicenceRequirement.NONE, "Delegated admin activity is reviewed",
            "Monitor and review the activity of delegated admins in customer tenants.",
            "Delegated sign-ins are the partner's own staff in the customer: a weak one is the partner's breach "
                    + "becoming the customer's.",
            "Investigate each delegated sign-in that was single-factor, from an unmanaged device, or by someone who "
                    + "is no longer a customer-access user; remove that person's access.",
            List.of("signIns.json", "directoryAudits.json", "users.json (partner)", "groupMembers/<groupId>.json (partner)"),
            null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Optional<TenantView> partner = t.partner();
        CustomerAccess access = partner.map(TenantView::customerAccess).orElse(null);
        int failing = 0;
        if (out.need(t.snapshot().signIns())) {
            for (SignIn s : t.snapshot().signIns().orNull()) {
                if (!s.successful() || !Text.eq(s.crossTenantAccessType(), "serviceProvider")) {
                    continue;
                }
                boolean fails = false;
                if (!s.multiFactor()) {
                    fails = true;
                    out.finding("signIn", s.id(), s.userPrincipalName(), "single-factor",
                            "delegated " + s.describe() + " by " + s.userPrincipalName() + " was not multi-factor");
                }
                if (!s.fromHealthyDevice()) {
                    fails = true;
                    out.finding("signIn", s.id(), s.userPrincipalName(), "unhealthy-device",
                            "delegated " + s.describe() + " by " + s.userPrincipalName()
                                    + " came from a device that is neither compliant nor managed");
                }
                if (access != null && !access.contains(s.userId())) {
                    if (access.unknowns().isEmpty()) {
                        fails = true;
                        out.finding("signIn", s.id(), s.userPrincipalName(), "not-customer-access-user",
                                "delegated " + s.describe() + " by " + s.userPrincipalName()
                                        + ", who is not a current customer-access user of the partner");
                    } else {
                        access.unknowns().forEach(out::unknown);
                    }
                }
                failing += fails ? 1 : 0;
            }
        }
        partnerChanges(t, partner, out);
        return out.summary(failing + " delegated sign-in(s) need review");
    }

    /** The partner's directory changes in this customer, listed for a human to review. */
    private static void partnerChanges(TenantView t, Optional<TenantView> partner, Outcome out) {
        if (!t.snapshot().directoryAudits().isPresent()) {
            return;
        }
        String partnerId = partner.map(TenantView::tenantId).orElse(null);
        Set<String> domains = new HashSet<>();
        partner.flatMap(p -> Optional.ofNullable(p.snapshot().organization().orNull()))
                .ifPresent(o -> o.verifiedDomains().stream().map(Organization.VerifiedDomain::name)
                        .filter(java.util.Objects::nonNull).forEach(d -> domains.add(d.toLowerCase(Locale.ROOT))));
        for (DirectoryAudit a : t.snapshot().directoryAudits().orNull()) {
            DirectoryAudit.AuditUser by = a.initiatingUser();
            if (by == null) {
                continue;
            }
            String upn = by.userPrincipalName();
            boolean fromPartner = (partnerId != null && Text.eq(by.homeTenantId(), partnerId))
                    || (upn != null && upn.contains("@")
                    && domains.contains(upn.substring(upn.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)));
            if (fromPartner) {
                List<String> targets = a.targetResources().stream()
                        .map(r -> r.userPrincipalName() != null ? r.userPrincipalName()
                                : r.displayName() != null ? r.displayName() : r.id())
                        .toList();
                out.note(a.activityDateTime() + " " + a.activityDisplayName() + " by " + (upn != null ? upn : by.id())
                        + (targets.isEmpty() ? "" : " on " + String.join(", ", targets)));
            }
        }
    }
}
