package io.cspguard.controls.iso;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.DirectoryAudit;
import io.cspguard.snapshot.graph.Organization;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CSP.ISO.3 — no account in a customer tenant was made for the partner's use: none has a UPN or mail in the
 * partner's verified domains (for a guest {@code name_domain#EXT#@…}, the domain before #EXT# too), matches a
 * configured account pattern, or was created by the partner ('Add user' initiated by a partner user).
 */
public final class Iso3NoPartnerAccountsInCustomers implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.ISO.3", Level.SHOULD, Scope.CUSTOMER,
            LicenceRequirement.NONE, "No accounts made in customer tenants for partner use",
            "Use delegated access (GDAP) to manage customers; do not create accounts for partner staff in "
                    + "customer tenants.",
            "Accounts made in a customer for partner staff escape the partner's MFA, PIM and leaver process.",
            "Remove accounts created for partner staff in the customer tenant and use GDAP instead.",
            List.of("users.json", "directoryAudits.json", "organization.json (partner)", "users.json (partner)"), null);

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
        List<Pattern> patterns = t.config().accountPatterns();
        Optional<TenantView> partner = t.partner();
        Set<String> partnerDomains = partnerDomains(partner, out);
        Set<String> flagged = new LinkedHashSet<>();
        for (User u : t.users().orNull()) {
            if (partnerDomains != null) {
                String domain = partnerDomain(u, partnerDomains);
                if (domain != null) {
                    flagged.add(u.id());
                    Findings.user(out, u, "partner-domain", "account in the customer tenant uses the partner's domain "
                            + domain);
                }
            }
            for (Pattern p : patterns) {
                if ((u.userPrincipalName() != null && p.matcher(u.userPrincipalName()).find())
                        || (u.mail() != null && p.matcher(u.mail()).find())) {
                    flagged.add(u.id());
                    Findings.user(out, u, "account-pattern", "account matches partner.accountPatterns " + p.pattern());
                    break;
                }
            }
        }
        createdByPartner(t, partner, partnerDomains, out, flagged);
        return out.summary(flagged.size() + " account(s) in the customer tenant look made for partner use");
    }

    private static void createdByPartner(TenantView t, Optional<TenantView> partner, Set<String> partnerDomains,
                                         Outcome out, Set<String> flagged) {
        if (partner.isEmpty() || !out.need(t.snapshot().directoryAudits())) {
            return;
        }
        boolean partnerUsersKnown = partner.get().users().isPresent();
        for (DirectoryAudit a : t.snapshot().directoryAudits().orNull()) {
            if (!Text.eq(a.activityDisplayName(), "Add user") || a.initiatingUser() == null) {
                continue;
            }
            DirectoryAudit.AuditUser by = a.initiatingUser();
            boolean byPartnerDomain = partnerDomains != null && by.userPrincipalName() != null
                    && partnerDomains.contains(domainAfterAt(by.userPrincipalName()));
            if (!byPartnerDomain && !partnerUsersKnown) {
                out.need(partner.get().users()); // only this entry's author could be a partner user we cannot see
                continue;
            }
            boolean byPartnerUser = partnerUsersKnown && by.id() != null && partner.get().user(by.id()).isPresent();
            if (!byPartnerDomain && !byPartnerUser) {
                continue;
            }
            for (DirectoryAudit.TargetResource target : a.targetResources()) {
                Optional<User> created = t.user(target.id()).or(() -> t.user(target.userPrincipalName()));
                if (created.isPresent()) {
                    flagged.add(created.get().id());
                    Findings.user(out, created.get(), "created-by-partner", "account was created on "
                            + a.activityDateTime() + " by partner user "
                            + (by.userPrincipalName() != null ? by.userPrincipalName() : by.id()));
                }
            }
        }
    }

    /** The partner's verified domains, lower case; null (with an unknown) when the partner's data is missing. */
    private static Set<String> partnerDomains(Optional<TenantView> partner, Outcome out) {
        if (partner.isEmpty()) {
            out.unknown("the partner's snapshot is not part of the input, so its verified domains and users are unknown");
            return null;
        }
        if (!out.need(partner.get().snapshot().organization())) {
            return null;
        }
        Set<String> domains = new LinkedHashSet<>();
        for (Organization.VerifiedDomain d : partner.get().snapshot().organization().orNull().verifiedDomains()) {
            if (d.name() != null) {
                domains.add(d.name().toLowerCase(Locale.ROOT));
            }
        }
        return domains;
    }

    /** The first partner domain in the user's UPN, guest UPN or mail; null if none. */
    static String partnerDomain(User u, Set<String> partnerDomains) {
        for (String candidate : new String[] {domainAfterAt(u.userPrincipalName()), guestHomeDomain(u.userPrincipalName()),
                domainAfterAt(u.mail())}) {
            if (candidate != null && partnerDomains.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String domainAfterAt(String address) {
        if (address == null || address.lastIndexOf('@') < 0) {
            return null;
        }
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code ann_partner.com#EXT#@customer.onmicrosoft.com} → {@code partner.com}. */
    static String guestHomeDomain(String upn) {
        if (upn == null) {
            return null;
        }
        int ext = upn.toUpperCase(Locale.ROOT).indexOf("#EXT#");
        if (ext < 0) {
            return null;
        }
        String local = upn.substring(0, ext);
        int underscore = local.lastIndexOf('_');
        return underscore < 0 ? null : local.substring(underscore + 1).toLowerCase(Locale.ROOT);
    }
}
