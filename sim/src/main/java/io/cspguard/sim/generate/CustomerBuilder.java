package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.generate.TenantModel.Grant;
import io.cspguard.sim.generate.TenantModel.GrantKind;
import io.cspguard.sim.generate.TenantModel.Group;
import io.cspguard.sim.generate.TenantModel.Kind;
import io.cspguard.sim.generate.TenantModel.Policy;
import io.cspguard.sim.generate.TenantModel.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer tenant's compliant baseline: every control that a snapshot can decide passes (but what its licence makes
 * inevitable: without P1, admins cannot be required to use phishing-resistant MFA and logs are kept 7 days).
 */
final class CustomerBuilder {
    private final TenantModel t;
    private final Plans.Customer plan;
    private final Plans.Partner partner;
    private final int signInsPerUser;

    CustomerBuilder(TenantModel t, Plans.Customer plan, Plans.Partner partner, int signInsPerUser) {
        this.t = t;
        this.plan = plan;
        this.partner = partner;
        this.signInsPerUser = signInsPerUser;
    }

    TenantModel build() {
        Rng rng = t.rng;
        t.displayName = plan.displayName();
        t.defaultDomain = plan.defaultDomain();
        t.initialDomain = plan.initialDomain();
        t.place = rng.pick(Names.PLACES);
        t.country = t.place.country();
        t.city = t.place.city();
        t.created = rng.daysAgo(t.now, 400, 3000);
        skus();
        people();
        groups();
        roles();
        if (t.p1()) {
            conditionalAccess();
        } else {
            t.securityDefaults = true;
        }
        methodsPolicy();
        if (t.p2()) {
            pimPolicies();
            riskyUsers();
        }
        apps();
        audits();
        serviceProviderSignIns();
        return t;
    }

    private void skus() {
        t.staffSku = plan.staffSku();
        t.adminSku = plan.adminSku();
        for (Plans.Subscription sub : plan.subscriptions()) {
            t.skus.add(new TenantModel.SkuHolding(sub.sku(), sub.units(), sub.suspended() ? "Suspended" : "Enabled",
                    sub.subscriptionId()));
        }
    }

    private void people() {
        Rng rng = t.rng;
        int size = plan.size();
        // the break-glass account: cloud-only, no licence, a FIDO2 key, recovery to the security desk
        User bg = new User(rng.uuid());
        bg.kind = Kind.BREAK_GLASS;
        bg.upn = t.uniqueUpn(rng.pick(new String[] {"breakglass-01", "bg-admin01", "emergency-access01"}),
                t.initialDomain);
        bg.displayName = "Break Glass 01 (emergency access)";
        bg.created = rng.daysAgo(t.now, 400, 2000);
        bg.methods.add("fido2SecurityKey");
        bg.recoveryEmail = "security-desk@" + t.defaultDomain;
        bg.recoveryPhone = t.uniquePhone();
        bg.lastSeen = rng.daysAgo(t.now, 100, 400);
        bg.place = t.place;
        t.addUser(bg);
        t.breakGlass = bg;

        int gaCount = size >= 30 && rng.chance(0.35) ? 2 : 1;
        for (int i = 0; i < gaCount; i++) {
            User a = t.newAdminAccount("admin-", Kind.ADMIN);
            a.signIns = signIns();
            t.grant(a.id, Catalog.GA);
            if (t.p2() && rng.chance(0.3)) {
                t.grant(a.id, Catalog.GA, GrantKind.ACTIVATED);
            }
        }
        if (size >= 15 && rng.chance(0.5)) {
            User a = t.newAdminAccount("admin-", Kind.ADMIN);
            a.signIns = signIns();
            String role = rng.pick(List.of(Catalog.USER_ADMIN, Catalog.EXCHANGE_ADMIN, Catalog.HELPDESK_ADMIN,
                    Catalog.SECURITY_ADMIN, Catalog.SHAREPOINT_ADMIN, Catalog.INTUNE_ADMIN, Catalog.BILLING_ADMIN));
            t.grant(a.id, role, t.p2() && rng.chance(0.25) ? GrantKind.ASSIGNED_TIMEBOUND : GrantKind.ELIGIBLE);
        }
        List<User> operators = new ArrayList<>();
        if (size >= 50 && rng.chance(0.4)) {
            int n = rng.between(1, 2);
            for (int i = 0; i < n; i++) {
                User a = t.newAdminAccount("helpdesk-", Kind.ADMIN);
                a.signIns = signIns();
                operators.add(a);
            }
        }
        int regular = Math.max(2, size - t.users.size() - operators.size());
        int guests = size >= 10 ? rng.between(0, Math.max(1, size / 25)) : 0;
        for (int i = 0; i < regular; i++) {
            boolean guest = i >= 2 && i < 2 + guests;
            User u = guest ? newGuest() : t.newPerson(Kind.REGULAR);
            if (!guest) {
                u.licences.add(t.staffSku);
                u.licensedAt = u.created.plusSeconds(3600);
                t.regularMethods(u);
                if (i >= 2 && rng.chance(0.03)) {
                    u.enabled = false;
                    u.lastSeen = rng.daysAgo(t.now, 40, 300);
                    u.signIns = 0;
                    continue;
                }
                if (rng.chance(0.85)) {
                    u.device = t.newDevice(u, false);
                }
            }
            u.signIns = signIns();
            u.lastSeen = rng.chance(0.9) ? rng.daysAgo(t.now, 31, 60) : null;
        }
        // admins' devices: their corporate laptops
        for (User u : t.users) {
            if (u.kind == Kind.ADMIN && u.device == null) {
                u.device = t.newDevice(u, true);
            }
        }
        if (!operators.isEmpty()) {
            Group ops = t.addGroup(t.hostile.name("Helpdesk Operators"));
            ops.roleAssignable = true;
            ops.description = "Role-assignable group holding Helpdesk Administrator";
            operators.forEach(o -> ops.members.add(o.id));
            t.grant(ops.id, Catalog.HELPDESK_ADMIN);
        }
    }

    private User newGuest() {
        Rng rng = t.rng;
        String first = rng.pick(Names.FIRST);
        String last = rng.pick(Names.LAST);
        String home = rng.pick(Names.GUEST_DOMAINS);
        User u = new User(rng.uuid());
        u.kind = Kind.GUEST;
        u.guest = true;
        u.first = first;
        u.last = last;
        u.mail = Names.local(first, last) + "@" + home;
        u.upn = t.uniqueUpn(Names.local(first, last) + "_" + home + "#EXT#", t.initialDomain);
        u.displayName = t.hostile.name(first + " " + last + " (Guest)", 0.15);
        u.created = rng.daysAgo(t.now, 40, 800);
        u.place = rng.pick(Names.PLACES);
        u.mfaRegistered = rng.chance(0.6);
        if (u.mfaRegistered) {
            u.methods.add("microsoftAuthenticatorPush");
        }
        return t.addUser(u);
    }

    private int signIns() {
        if (!t.p1() || signInsPerUser == 0) {
            return 0;
        }
        return t.rng.between(Math.max(1, signInsPerUser / 2), signInsPerUser + signInsPerUser / 2);
    }

    private void groups() {
        Rng rng = t.rng;
        List<User> staff = t.users.stream().filter(u -> u.kind == Kind.REGULAR && u.enabled).toList();
        Group all = t.addGroup(t.hostile.name("All Staff"));
        all.security = false;
        all.mail = true;
        all.unified = true;
        int depts = Math.min(Names.DEPARTMENTS.length, 1 + staff.size() / 20);
        List<Group> departments = new ArrayList<>();
        for (String d : rng.sample(List.of(Names.DEPARTMENTS), depts)) {
            Group g = t.addGroup(t.hostile.name(d));
            g.mail = rng.chance(0.3);
            for (User u : staff) {
                if (rng.chance(1.0 / depts)) {
                    g.members.add(u.id);
                }
            }
            departments.add(g);
        }
        // nested: All Staff holds the first department as a group, and everyone else directly (never both, so
        // that direct members can be told from transitive ones)
        java.util.Set<String> nested = departments.isEmpty() ? java.util.Set.of()
                : new java.util.HashSet<>(departments.get(0).members);
        staff.stream().filter(u -> !nested.contains(u.id)).forEach(u -> all.members.add(u.id));
        if (!departments.isEmpty()) {
            all.members.add(departments.get(0).id);
        }
        t.adminsGroup = t.addGroup(t.hostile.name("Tenant Admins"));
        t.adminsGroup.roleAssignable = true;
        for (User u : t.users) {
            if (u.kind == Kind.ADMIN) {
                t.adminsGroup.members.add(u.id);
            }
        }
        if (t.p1()) {
            t.bgGroup = t.addGroup("CA-Exclude-BreakGlass");
            t.bgGroup.members.add(t.breakGlass.id);
            t.exemptGroup = t.addGroup(t.hostile.name("CA-MFA-Exempt"));
        }
        if (t.p2()) {
            t.approversGroup = t.addGroup(t.hostile.name("PIM-Approvers"));
            for (User u : rng.sample(staff, 2)) {
                t.approversGroup.members.add(u.id);
            }
        }
    }

    private void roles() {
        Grant g = t.grant(t.breakGlass.id, Catalog.GA, GrantKind.PERMANENT);
        g.start = t.breakGlass.created.plusSeconds(300);
    }

    private void conditionalAccess() {
        Rng rng = t.rng;
        List<Policy> ps = t.policies;
        Policy mfa = new Policy(rng.uuid(), t.hostile.name("CA01 - Require MFA for all users"));
        mfa.includeUsers.add("All");
        mfa.excludeGroups.add(t.bgGroup.id);
        mfa.excludeGroups.add(t.exemptGroup.id);
        if (rng.chance(0.5)) {
            mfa.excludeUsers.add(t.breakGlass.id);
        }
        if (rng.chance(0.4)) {
            t.excludedRole = Catalog.REPORTS_READER;
            mfa.excludeRoles.add(Catalog.REPORTS_READER);
        }
        if (rng.chance(0.3)) {
            mfa.strength = Catalog.STRENGTH_MFA;
        } else {
            mfa.controls.add("mfa");
        }
        stamp(mfa);
        t.mfaPolicy = mfa;

        Policy admins = new Policy(rng.uuid(), t.hostile.name("CA02 - Admins: phishing-resistant MFA"));
        admins.includeGroups.add(t.adminsGroup.id);
        admins.excludeGroups.add(t.bgGroup.id);
        admins.excludeGroups.add(t.exemptGroup.id);
        admins.strength = Catalog.STRENGTH_PHISHING_RESISTANT;
        admins.signInFrequency = true;
        stamp(admins);
        t.adminPolicy = admins;
        List<Policy> core = new ArrayList<>(List.of(mfa, admins));
        if (rng.chance(0.4)) {
            // the same requirement split in two: roles (active holders) and the admins group
            Policy roles = new Policy(rng.uuid(), t.hostile.name("CA02b - Admin roles: phishing-resistant MFA"));
            roles.includeRoles.addAll(Catalog.PRIVILEGED_ROLE_IDS);
            roles.excludeGroups.add(t.bgGroup.id);
            roles.excludeGroups.add(t.exemptGroup.id);
            roles.strength = Catalog.STRENGTH_PHISHING_RESISTANT;
            stamp(roles);
            core.add(roles);
        } else {
            admins.includeRoles.addAll(Catalog.PRIVILEGED_ROLE_IDS);
        }
        // distractors: real shapes that do not change anyone's coverage
        List<Policy> extra = new ArrayList<>();
        if (rng.chance(0.7)) {
            Policy legacy = new Policy(rng.uuid(), t.hostile.name("CA03 - Block legacy authentication"));
            legacy.includeUsers.add("All");
            legacy.excludeGroups.add(t.bgGroup.id);
            legacy.clientAppTypes.clear();
            legacy.clientAppTypes.addAll(List.of("exchangeActiveSync", "other"));
            legacy.controls.add("block");
            extra.add(legacy);
        }
        if (rng.chance(0.5)) {
            Policy pilot = new Policy(rng.uuid(), t.hostile.name("CA04 - Require compliant device (pilot)"));
            pilot.state = "enabledForReportingButNotEnforced";
            pilot.includeUsers.add("All");
            pilot.excludeGroups.add(t.bgGroup.id);
            pilot.controls.add("compliantDevice");
            extra.add(pilot);
        }
        if (rng.chance(0.4)) {
            Policy guests = new Policy(rng.uuid(), t.hostile.name("CA05 - Guests: MFA or compliant device"));
            guests.includeGuests = true;
            guests.controls.addAll(List.of("mfa", "compliantDevice"));
            extra.add(guests);
        }
        if (rng.chance(0.4)) {
            Policy azure = new Policy(rng.uuid(), t.hostile.name("CA06 - MFA for Azure management"));
            azure.includeUsers.add("All");
            azure.includeApps.clear();
            azure.includeApps.add(Catalog.AZURE_MANAGEMENT.appId());
            azure.controls.add("mfa");
            extra.add(azure);
        }
        if (rng.chance(0.4)) {
            Policy trusted = new Policy(rng.uuid(), t.hostile.name("CA07 - MFA outside trusted locations"));
            trusted.includeUsers.add("All");
            trusted.includeLocations = List.of("All");
            trusted.excludeLocations = List.of("AllTrusted");
            trusted.strength = Catalog.STRENGTH_PHISHING_RESISTANT;
            extra.add(trusted);
        }
        if (t.p2() && rng.chance(0.5)) {
            Policy risk = new Policy(rng.uuid(), t.hostile.name("CA08 - Block high-risk sign-ins"));
            risk.includeUsers.add("All");
            risk.excludeGroups.add(t.bgGroup.id);
            risk.signInRiskLevels.add("high");
            risk.controls.add("block");
            extra.add(risk);
        }
        if (rng.chance(0.3)) {
            Policy old = new Policy(rng.uuid(), t.hostile.name("Old - MFA for admins (replaced)"));
            old.state = "disabled";
            old.includeRoles.add(Catalog.GA);
            old.controls.add("mfa");
            extra.add(old);
        }
        if (rng.chance(0.3)) {
            Policy platforms = new Policy(rng.uuid(), t.hostile.name("CA09 - Block unknown platforms"));
            platforms.includeUsers.add("All");
            platforms.excludeGroups.add(t.bgGroup.id);
            platforms.includePlatforms = List.of("all");
            platforms.excludePlatforms = List.of("android", "iOS", "windows", "macOS");
            platforms.controls.add("block");
            extra.add(platforms);
        }
        extra.forEach(this::stamp);
        ps.addAll(core);
        ps.addAll(extra);
    }

    private void stamp(Policy p) {
        p.created = t.rng.daysAgo(t.now, 60, 1200);
        p.modified = t.rng.chance(0.5) ? t.rng.daysAgo(t.now, 31, 59) : null;
    }

    private void methodsPolicy() {
        Rng rng = t.rng;
        t.smsState = rng.chance(0.2) ? null : "disabled";
        t.voiceState = rng.chance(0.4) ? null : "disabled";
        t.numberMatching = rng.chance(0.6) ? "enabled" : "default";
    }

    /** PIM policies: dual custody for Global Administrator and Privileged Role Administrator; defaults elsewhere. */
    private void pimPolicies() {
        Rng rng = t.rng;
        boolean byGroup = rng.chance(0.5);
        List<String> approverUsers = t.approversGroup.members;
        for (String role : List.of(Catalog.GA, Catalog.PRA)) {
            TenantModel.PimPolicy p = new TenantModel.PimPolicy(rng.uuid());
            if (byGroup) {
                p.approvers.add(new String[] {"group", t.approversGroup.id});
            } else {
                approverUsers.forEach(u -> p.approvers.add(new String[] {"user", u}));
            }
            p.maxDuration = rng.pick(new String[] {"PT8H", "PT4H", "PT2H"});
            t.rolePolicies.put(role, p);
        }
        for (Grant g : t.grants) {
            if (!t.rolePolicies.containsKey(g.roleId)) {
                TenantModel.PimPolicy p = new TenantModel.PimPolicy(rng.uuid());
                p.approval = false;
                p.justification = rng.chance(0.7);
                t.rolePolicies.put(g.roleId, p);
            }
        }
    }

    private void riskyUsers() {
        Rng rng = t.rng;
        List<User> candidates = t.cleanRegulars();
        int n = Math.min(candidates.size() / 4, rng.between(0, 3));
        String[][] states = {{"low", "atRisk", "none"}, {"none", "remediated", "userPerformedSecuredPasswordReset"},
                {"none", "dismissed", "adminDismissedAllRiskForUser"},
                {"none", "confirmedSafe", "adminConfirmedSigninSafe"}};
        for (User u : rng.sample(candidates, n)) {
            String[] s = rng.pick(states);
            t.risky.add(new TenantModel.Risky(u.id, s[0], s[1], s[2], rng.daysAgo(t.now, 2, 25)));
        }
    }

    private void apps() {
        Rng rng = t.rng;
        CommonParts.firstPartyServicePrincipals(t, false);
        if (plan.consented()) {
            TenantModel.Sp sp = new TenantModel.Sp(rng.uuid(), partner.appClientId(), "CSP Guard", partner.tenantId());
            sp.tags.add("WindowsAzureActiveDirectoryIntegratedApp");
            t.sps.add(sp);
        }
        int n = rng.between(0, 2) + (plan.size() >= 100 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            CommonParts.lineOfBusinessApp(t, t.hostile.name(rng.pick(new String[] {"Intranet", "Expense Sync",
                    "HR Portal", "Timesheets", "Backup Connector", "CRM Integration", "Payroll Export"})));
        }
    }

    private void audits() {
        Rng rng = t.rng;
        int days = t.auditDays();
        List<User> admins = t.users.stream().filter(u -> u.kind == Kind.ADMIN && u.enabled).toList();
        if (admins.isEmpty()) {
            return;
        }
        List<User> staff = t.users.stream().filter(u -> u.kind == Kind.REGULAR).toList();
        int n = Math.max(3, staff.size() / 6);
        for (int i = 0; i < n; i++) {
            User by = rng.pick(admins);
            User target = rng.pick(staff);
            Instant at = rng.daysAgo(t.now, 0.1, days - 1.2);
            switch (rng.nextInt(4)) {
                case 0 -> t.audit("Directory", "UserManagement", "Update user", at, "Core Directory", "Update",
                        t.auditUser(by, null, null), List.of(t.auditTarget(target.id, null, "User", target.upn)),
                        List.of());
                case 1 -> t.audit("Directory", "UserManagement", "Reset user password", at, "Core Directory", "Update",
                        t.auditUser(by, null, null), List.of(t.auditTarget(target.id, null, "User", target.upn)),
                        List.of());
                case 2 -> {
                    if (!t.groups.isEmpty()) {
                        Group g = rng.pick(t.groups);
                        t.audit("Directory", "GroupManagement", "Add member to group", at, "Core Directory", "Assign",
                                t.auditUser(by, null, null), List.of(t.auditTarget(target.id, null, "User", target.upn),
                                        t.auditTarget(g.id, g.name, "Group", null)), List.of());
                    }
                }
                default -> {
                    // a regular user registering security info (never a Global Administrator's: CSP.MON.3)
                    t.audit("Directory", "UserManagement", "User registered security info", at,
                            "Authentication Methods", "Add", t.auditUser(target, null, null),
                            List.of(t.auditTarget(target.id, null, "User", target.upn)),
                            List.<String[]>of(new String[] {"Method", "Microsoft Authenticator"}));
                }
            }
        }
        // newcomers: created in the window by the tenant's own admin
        List<User> newcomers = rng.sample(staff.stream().filter(u -> u.enabled).toList(), rng.between(0, 2));
        for (User u : newcomers) {
            Instant at = rng.daysAgo(t.now, 1.5, days - 1.2);
            u.created = at;
            u.licensedAt = at.plusSeconds(120);
            t.audit("Directory", "UserManagement", "Add user", at, "Core Directory", "Add",
                    t.auditUser(rng.pick(admins), null, null), List.of(t.auditTarget(u.id, null, "User", u.upn)),
                    List.of());
        }
        // PIM activations of the grants that are active now
        for (Grant g : t.grants) {
            if (g.kind == GrantKind.ACTIVATED && t.user(g.principalId) != null) {
                User u = t.user(g.principalId);
                t.audit("PIM", "RoleManagement", "Add member to role completed (PIM activation)", g.start, "PIM", "Add",
                        t.auditUser(u, null, null), List.of(t.auditTarget(g.roleId, Catalog.roleName(g.roleId), "Role",
                                null), t.auditTarget(u.id, null, "User", u.upn)),
                        List.<String[]>of(new String[] {"Justification", "CHG-" + rng.digits(5)
                                + " scheduled change"}));
            }
        }
        // the partner's delegated changes (reviewed under CSP.MON.5; never "Add user")
        if (plan.gdapActive() && !partner.agents().isEmpty()) {
            int m = rng.between(0, 3);
            for (int i = 0; i < m; i++) {
                Plans.PartnerUser p = rng.pick(partner.agents());
                User target = rng.pick(staff);
                ObjectNode by = partnerAuditUser(p);
                t.audit("Directory", "UserManagement", rng.chance(0.5) ? "Update user" : "Reset user password",
                        rng.daysAgo(t.now, 0.2, days - 1.2), "Core Directory", "Update", by,
                        List.of(t.auditTarget(target.id, null, "User", target.upn)), List.of());
            }
        }
    }

    ObjectNode partnerAuditUser(Plans.PartnerUser p) {
        ObjectNode n = Json.obj();
        n.put("id", p.id());
        n.putNull("displayName");
        n.put("userPrincipalName", p.upn());
        n.put("ipAddress", p.ipPrefix() + t.rng.between(2, 250));
        n.putNull("userType");
        n.put("homeTenantId", partner.tenantId());
        n.put("homeTenantName", partner.displayName());
        return n;
    }

    /** Partner agents signing in through GDAP: multi-factor, from their privileged workstations. */
    private void serviceProviderSignIns() {
        if (!t.p1() || !plan.gdapActive() || partner.agents().isEmpty() || signInsPerUser == 0) {
            return;
        }
        Rng rng = t.rng;
        int n = rng.between(1, 4);
        for (int i = 0; i < n; i++) {
            Plans.PartnerUser p = rng.pick(partner.agents());
            t.extraSignIns.add(SignIns.serviceProvider(t, partner, p, rng.daysAgo(t.now, 0.1, TenantModel.WINDOW_DAYS
                    - 1.2), true, true, 0));
        }
    }
}
