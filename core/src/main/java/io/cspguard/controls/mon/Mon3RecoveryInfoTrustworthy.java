package io.cspguard.controls.mon;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.Findings;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.AuthenticationMethod;
import io.cspguard.snapshot.graph.DirectoryAudit;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSP.MON.3 — every Global Administrator (disabled ones too) has recovery info that can be trusted: an email or phone,
 * no consumer mail domain, none shared with another Global Administrator, and no security-info change in the window
 * without a review recorded in CSP Guard.
 */
public final class Mon3RecoveryInfoTrustworthy implements Control {
    static final Set<String> CONSUMER_DOMAINS = Set.of("gmail.com", "outlook.com", "hotmail.com", "live.com",
            "yahoo.com", "icloud.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com", "yandex.com",
            "qq.com", "163.com");

    private static final ControlInfo INFO = new ControlInfo("CSP.MON.3", Level.SHALL, Scope.ALL,
            LicenceRequirement.NONE, "Global Administrators' recovery email and phone are trustworthy",
            "Review the recovery information (email, phone) of Global Administrators regularly and keep it current.",
            "Whoever controls a Global Administrator's recovery email or phone can reset the account; an attacker "
                    + "who changes them keeps the door open.",
            "Give each Global Administrator their own corporate recovery email and phone, and review every change "
                    + "of their security info in CSP Guard.",
            List.of("authenticationMethods/<userId>.json", "directoryAudits.json", "roleAssignments.json",
                    "roleEligibilitySchedules.json", "users.json"),
            "Reads CSP Guard's recovery-info reviews. A plain assess has none, so every security-info change of a "
                    + "Global Administrator within recoveryInfoChangeDays counts as unreviewed.");

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
        t.roles().unknowns(Roles.GLOBAL_ADMINISTRATOR).forEach(out::unknown);
        Set<String> consumer = new LinkedHashSet<>(CONSUMER_DOMAINS);
        t.config().consumerMailDomains().forEach(d -> consumer.add(d.toLowerCase(Locale.ROOT)));
        Map<String, List<User>> byEmail = new LinkedHashMap<>();
        Map<String, List<User>> byPhone = new LinkedHashMap<>();
        List<User> admins = t.globalAdmins();
        Set<String> failing = new LinkedHashSet<>();
        for (User admin : admins) {
            Data<List<AuthenticationMethod>> methods = t.snapshot().authenticationMethods().get(admin.id());
            if (!out.need(methods)) {
                continue;
            }
            List<String> emails = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            for (AuthenticationMethod m : methods.orNull()) {
                if (m.isEmail() && !Text.isBlank(m.emailAddress())) {
                    emails.add(m.emailAddress());
                } else if (m.isPhone() && !Text.isBlank(m.phoneNumber())) {
                    phones.add(m.phoneNumber());
                }
            }
            if (emails.isEmpty() && phones.isEmpty()) {
                failing.add(admin.id());
                Findings.user(out, admin, "no-recovery-info", "Global Administrator has no recovery email or phone");
            }
            for (String email : emails) {
                String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                if (consumer.contains(domain)) {
                    failing.add(admin.id());
                    Findings.user(out, admin, "consumer-email", "Global Administrator's recovery email " + email
                            + " is on a consumer mail domain");
                }
                byEmail.computeIfAbsent(email.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(admin);
            }
            for (String phone : phones) {
                String digits = phone.replaceAll("\\D", "");
                if (!digits.isEmpty()) {
                    byPhone.computeIfAbsent(digits, k -> new ArrayList<>()).add(admin);
                }
            }
        }
        shared(byEmail, "shared-email", "recovery email", out, failing);
        shared(byPhone, "shared-phone", "recovery phone", out, failing);
        unreviewedChanges(t, admins, out, failing);
        return out.summary(Findings.ratio(failing.size(), admins.size(),
                "Global Administrators have recovery info that cannot be trusted"));
    }

    private static void shared(Map<String, List<User>> byValue, String rule, String what, Outcome out, Set<String> failing) {
        byValue.forEach((value, users) -> {
            List<User> distinct = users.stream().distinct().toList();
            if (distinct.size() < 2) {
                return;
            }
            String names = String.join(", ", distinct.stream().map(User::name).toList());
            for (User u : distinct) {
                failing.add(u.id());
                Findings.user(out, u, rule, "shares the " + what + " " + value + " with another Global Administrator ("
                        + names + ")");
            }
        });
    }

    private static void unreviewedChanges(TenantView t, List<User> admins, Outcome out, Set<String> failing) {
        if (admins.isEmpty() || !out.need(t.snapshot().directoryAudits())) {
            return;
        }
        int days = t.config().thresholds().recoveryInfoChangeDays();
        for (DirectoryAudit a : t.snapshot().directoryAudits().orNull()) {
            boolean securityInfo = Text.eq(a.loggedByService(), "Authentication Methods")
                    || (a.activityDisplayName() != null
                    && a.activityDisplayName().toLowerCase(Locale.ROOT).contains("security info"));
            if (!securityInfo || !t.withinDays(a.activityDateTime(), days)
                    || a.activityDateTime().isAfter(t.collectedAt())
                    || t.records().recoveryChangeReviewed(t.tenantId(), a.id())) {
                continue;
            }
            for (User admin : admins) {
                boolean target = a.targetResources().stream().anyMatch(r -> Text.eq(r.id(), admin.id())
                        || Text.eq(r.userPrincipalName(), admin.userPrincipalName()));
                if (target) {
                    failing.add(admin.id());
                    out.finding("user", admin.id(), admin.name(), "unreviewed-change:" + a.id(),
                            "Global Administrator's security info changed on " + a.activityDateTime() + " ('"
                                    + a.activityDisplayName() + "') with no review recorded in CSP Guard",
                            admin.userPrincipalName());
                }
            }
        }
    }
}
