package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.generate.TenantModel.AccessAssignment;
import io.cspguard.sim.generate.TenantModel.Grant;
import io.cspguard.sim.generate.TenantModel.GrantKind;
import io.cspguard.sim.generate.TenantModel.Group;
import io.cspguard.sim.generate.TenantModel.Kind;
import io.cspguard.sim.generate.TenantModel.PartnerData;
import io.cspguard.sim.generate.TenantModel.PimPolicy;
import io.cspguard.sim.generate.TenantModel.PimSchedule;
import io.cspguard.sim.generate.TenantModel.Relationship;
import io.cspguard.sim.generate.TenantModel.User;
import io.cspguard.snapshot.Licences;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plants violations into a compliant baseline and records each (formats.md §5) with the objects a correct
 * assessment must name. What is recorded follows from what was planted here, never from running CSP Guard's controls.
 * Most violations are new objects (a new admin, a new app, a new sign-in), so that one violation does not undo or
 * change another; the order of {@link #ORDER} settles the few that interact (the Global Administrator count first,
 * the tenant-wide MFA changes last).
 */
final class Plants {
    /** Every control that a snapshot can decide: all but CSP.PRIV.9 (CSP Guard's own review records). */
    static final List<String> ORDER = List.of("CSP.PRIV.3", "CSP.PRIV.8", "CSP.PRIV.10", "CSP.PRIV.2", "CSP.PRIV.5",
            "CSP.PRIV.6", "CSP.PRIV.7", "CSP.PRIV.4", "CSP.ISO.3", "CSP.ISO.1", "CSP.ISO.2", "CSP.DEV.1", "CSP.DEV.2",
            "CSP.MON.1", "CSP.MFA.1", "CSP.MFA.3", "CSP.MFA.4", "CSP.PRIV.1", "CSP.MON.3", "CSP.MON.4", "CSP.MON.5",
            "CSP.APP.1", "CSP.MFA.5", "CSP.MFA.2");

    /** CSP.MON.2 is planted by a tenant's licence alone (no P1: 7 days of logs), never on its own. */
    static final String MON_2 = "CSP.MON.2";

    private static final Set<String> PARTNER_ONLY = Set.of("CSP.PRIV.2", "CSP.PRIV.5", "CSP.PRIV.8", "CSP.PRIV.10",
            "CSP.ISO.1", "CSP.ISO.2", "CSP.DEV.1", "CSP.DEV.2", "CSP.MON.1");
    private static final Set<String> P2_ONLY = Set.of("CSP.PRIV.6", "CSP.PRIV.7", "CSP.MON.4", "CSP.PRIV.10");

    /** Whether a violation of the control can be planted in a tenant of this kind. */
    static boolean eligible(String control, boolean partner, Licences.Tier tier, boolean gdapActive,
                            boolean activeRelationships) {
        if (PARTNER_ONLY.contains(control) && !partner) {
            return false;
        }
        if (control.equals("CSP.ISO.3") && partner) {
            return false;
        }
        if (control.equals("CSP.MON.5") && (partner || tier == Licences.Tier.FREE || !gdapActive)) {
            return false;
        }
        if (control.equals("CSP.PRIV.8") && !activeRelationships) {
            return false;
        }
        return !P2_ONLY.contains(control) || tier == Licences.Tier.P2;
    }

    private final TenantModel t;
    private final Rng rng;
    private final Plans.Partner partner;
    private final PartnerBuilder partnerBuilder;
    private final Set<String> touchedRelationships = new HashSet<>();

    /** @param partner the partner as customers see it (null when planting in the partner) */
    Plants(TenantModel t, Plans.Partner partner, PartnerBuilder partnerBuilder) {
        this.t = t;
        this.rng = t.rng;
        this.partner = partner;
        this.partnerBuilder = partnerBuilder;
    }

    void apply(Set<String> controls) {
        for (String c : ORDER) {
            if (controls.contains(c)) {
                plant(c);
            }
        }
    }

    private void plant(String control) {
        switch (control) {
            case "CSP.MFA.1" -> mfa1();
            case "CSP.MFA.2" -> mfa2();
            case "CSP.MFA.3" -> mfa3();
            case "CSP.MFA.4" -> mfa4();
            case "CSP.MFA.5" -> mfa5();
            case "CSP.PRIV.1" -> priv1();
            case "CSP.PRIV.2" -> priv2();
            case "CSP.PRIV.3" -> priv3();
            case "CSP.PRIV.4" -> priv4();
            case "CSP.PRIV.5" -> priv5();
            case "CSP.PRIV.6" -> priv6();
            case "CSP.PRIV.7" -> priv7();
            case "CSP.PRIV.8" -> priv8();
            case "CSP.PRIV.10" -> priv10();
            case "CSP.ISO.1" -> iso1();
            case "CSP.ISO.2" -> iso2();
            case "CSP.ISO.3" -> iso3();
            case "CSP.DEV.1" -> dev1();
            case "CSP.DEV.2" -> dev2();
            case "CSP.MON.1" -> mon1();
            case "CSP.MON.3" -> mon3();
            case "CSP.MON.4" -> mon4();
            case "CSP.MON.5" -> mon5();
            case "CSP.APP.1" -> app1();
            default -> throw new IllegalArgumentException("no planting for " + control);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private PartnerData pd() {
        return t.partnerData;
    }

    /** A new dedicated admin account holding a role; in the admins group (covered by phishing-resistant CA). */
    private User newAdmin(String role, GrantKind kind, boolean inAdminsGroup) {
        User u = t.newAdminAccount(t.partner ? "adm-" : "admin-", Kind.ADMIN);
        u.touched = true;
        u.device = t.partner ? partnerBuilder.workstation(pd(), u) : t.newDevice(u, true);
        t.grant(u.id, role, kind);
        ensureRolePolicy(role);
        if (inAdminsGroup) {
            t.adminsGroup.members.add(u.id);
        }
        return u;
    }

    private User newAdmin(String role) {
        return newAdmin(role, GrantKind.ELIGIBLE, true);
    }

    private void ensureRolePolicy(String role) {
        if (t.p2() && !t.rolePolicies.containsKey(role)) {
            PimPolicy p = new PimPolicy(rng.uuid());
            p.approval = false;
            t.rolePolicies.put(role, p);
        }
    }

    /** A new customer-access account (partner) in a group; PIM-managed groups get a just-in-time schedule. */
    private User newAgentIn(Group g, boolean schedule) {
        User u = partnerBuilder.newAgent(pd());
        u.touched = true;
        g.members.add(u.id);
        if (schedule && pd().pimAssignments.containsKey(g.id)) {
            partnerBuilder.justInTime(pd(), g, u.id);
        }
        return u;
    }

    /** A regular enabled member no violation has used (partner: a sales account); made anew when none is left. */
    private User cleanRegular() {
        List<User> candidates = t.partner
                ? pd().sales.stream().filter(u -> u.enabled && !u.touched).toList()
                : t.cleanRegulars().stream().filter(u -> t.approversGroup == null
                || !t.approversGroup.members.contains(u.id)).toList();
        User u;
        if (!candidates.isEmpty()) {
            u = rng.pick(candidates);
        } else if (t.partner) {
            u = t.newAdminAccount("sales.", Kind.SALES);
            u.licences.clear();
            u.licences.add(Catalog.ENTRA_P2);
            u.methods.clear();
            u.methods.add("microsoftAuthenticatorPush");
            u.device = t.newDevice(u, true);
            pd().salesAgents.members.add(u.id);
            pd().sales.add(u);
        } else {
            u = t.newPerson(Kind.REGULAR);
            u.licences.add(t.staffSku);
            u.licensedAt = u.created.plusSeconds(3600);
            t.regularMethods(u);
            u.lastSeen = rng.daysAgo(t.now, 31, 60);
        }
        u.touched = true;
        return u;
    }

    private static String pick(Rng rng, String... variants) {
        return variants[rng.nextInt(variants.length)];
    }

    private List<Group> pimManagedAccessGroups() {
        List<Group> out = new ArrayList<>();
        out.add(pd().adminAgents);
        out.addAll(namedGdapGroups());
        return out;
    }

    /** GDAP groups named by an active access assignment of an active relationship (customer-access groups). */
    private List<Group> namedGdapGroups() {
        Set<String> named = new HashSet<>();
        for (Relationship r : pd().relationships) {
            if (r.active()) {
                r.assignments.stream().filter(a -> a.status.equals("active")).forEach(a -> named.add(a.groupId));
            }
        }
        return pd().gdapGroups.stream().filter(g -> named.contains(g.id)).toList();
    }

    private static String name(User u) {
        return u.upn;
    }

    // ---- MFA ----------------------------------------------------------------------------------------------------

    private void mfa1() {
        User u = cleanRegular();
        if (rng.chance(0.5)) {
            u.mfaRegistered = false;
            u.methods.removeIf(m -> !m.equals("email"));
            u.recoveryPhone = null;
            t.plant("CSP.MFA.1", List.of(u.id), name(u) + " has not registered for MFA");
        } else {
            u.inRegistrationReport = false;
            t.plant("CSP.MFA.1", List.of(u.id), name(u) + " is missing from userRegistrationDetails");
        }
    }

    /** Without P1: security defaults off, so nobody is covered; with P1 one user is left out of the MFA policy. */
    private void mfa2() {
        if (!t.p1()) {
            securityDefaultsOff();
            return;
        }
        List<String> variants = new ArrayList<>(List.of("group", "user"));
        if (t.excludedRole != null) {
            variants.add("role");
        }
        List<User> guests = t.users.stream().filter(u -> u.guest && u.enabled && !t.adminsGroup.members.contains(u.id)
                && !t.isAdmin(u)).toList();
        if (!guests.isEmpty() && !t.partner) {
            variants.add("guests");
        }
        switch (rng.pick(variants)) {
            case "group" -> {
                User u = cleanRegular();
                t.exemptGroup.members.add(u.id);
                t.plant("CSP.MFA.2", List.of(u.id), name(u) + " is excluded from the MFA policy by group '"
                        + t.exemptGroup.name + "'");
            }
            case "user" -> {
                User u = cleanRegular();
                t.mfaPolicy.excludeUsers.add(u.id);
                t.plant("CSP.MFA.2", List.of(u.id), name(u) + " is excluded from policy '" + t.mfaPolicy.name
                        + "' by name");
            }
            case "role" -> {
                User u = cleanRegular();
                t.grant(u.id, t.excludedRole, GrantKind.ASSIGNED_TIMEBOUND);
                t.plant("CSP.MFA.2", List.of(u.id), name(u) + " holds " + Catalog.roleName(t.excludedRole)
                        + ", which policy '" + t.mfaPolicy.name + "' excludes");
            }
            default -> {
                t.mfaPolicy.excludeGuests = true;
                guests.forEach(g -> g.touched = true);
                t.plant("CSP.MFA.2", guests.stream().map(g -> g.id).toList(), "policy '" + t.mfaPolicy.name
                        + "' excludes guests (b2bCollaborationGuest)");
            }
        }
    }

    private void securityDefaultsOff() {
        boolean already = !t.securityDefaults;
        t.securityDefaults = false;
        if (already) {
            return;
        }
        List<String> users = t.users.stream().filter(u -> u.enabled && u != t.breakGlass).map(u -> u.id).toList();
        List<String> admins = t.users.stream().filter(u -> u.enabled && u != t.breakGlass && t.isAdmin(u))
                .map(u -> u.id).toList();
        t.plant("CSP.MFA.2", users, "no Entra ID P1 and security defaults are off: no enabled user must use MFA");
        if (!admins.isEmpty()) {
            t.plant("CSP.MFA.5", admins, "no Entra ID P1 and security defaults are off: admins without MFA");
        }
    }

    private void mfa3() {
        switch (pick(rng, "Sms", "Voice", "MicrosoftAuthenticator")) {
            case "Sms" -> {
                t.smsState = "enabled";
                t.plant("CSP.MFA.3", List.of("Sms"), "SMS sign-in codes are enabled");
            }
            case "Voice" -> {
                t.voiceState = "enabled";
                t.plant("CSP.MFA.3", List.of("Voice"), "voice call codes are enabled");
            }
            default -> {
                t.numberMatching = "disabled";
                t.plant("CSP.MFA.3", List.of("MicrosoftAuthenticator"),
                        "Microsoft Authenticator number matching is turned off");
            }
        }
    }

    private void mfa4() {
        if (t.p2() && rng.chance(0.4)) {
            // eligible only and outside the admins group: a policy by role counts active holders only
            User u = newAdmin(rng.pick(List.of(Catalog.SECURITY_ADMIN, Catalog.USER_ADMIN, Catalog.EXCHANGE_ADMIN)),
                    GrantKind.ELIGIBLE, false);
            t.plant("CSP.MFA.4", List.of(u.id), name(u) + " is only eligible for an admin role, outside the admins "
                    + "group: no phishing-resistant requirement reaches them");
            return;
        }
        User u = newAdmin(rng.pick(List.of(Catalog.SECURITY_ADMIN, Catalog.HELPDESK_ADMIN, Catalog.USER_ADMIN)));
        u.methods.clear();
        u.methods.addAll(List.of("microsoftAuthenticatorPush", "mobilePhone"));
        t.plant("CSP.MFA.4", List.of(u.id), name(u) + " has no phishing-resistant method registered");
    }

    private void mfa5() {
        if (!t.p1()) {
            securityDefaultsOff();
            if (t.planted.stream().noneMatch(p -> p.controlId().equals("CSP.MFA.5"))) {
                User u = newAdmin(Catalog.USER_ADMIN);
                t.plant("CSP.MFA.5", List.of(u.id), name(u) + " is an admin without MFA");
                t.plant("CSP.MFA.2", List.of(u.id), name(u) + " is not covered by MFA");
            }
            return;
        }
        User u = newAdmin(rng.pick(List.of(Catalog.USER_ADMIN, Catalog.EXCHANGE_ADMIN, Catalog.INTUNE_ADMIN)));
        t.exemptGroup.members.add(u.id);
        String why = name(u) + " is an admin in group '" + t.exemptGroup.name + "', which every MFA policy excludes";
        t.plant("CSP.MFA.5", List.of(u.id), why);
        t.plant("CSP.MFA.2", List.of(u.id), why);
        t.plant("CSP.MFA.4", List.of(u.id), why);
    }

    // ---- privilege ----------------------------------------------------------------------------------------------

    private void priv1() {
        User u = newAdmin(rng.pick(List.of(Catalog.EXCHANGE_ADMIN, Catalog.SHAREPOINT_ADMIN, Catalog.USER_ADMIN)));
        u.licences.clear();
        u.licences.add(t.staffSku);
        u.mail = u.upn;
        t.plant("CSP.PRIV.1", List.of(u.id), name(u) + " is an admin with a mailbox (" + t.staffSku.offerName() + ")");
        if (t.partner) {
            t.plant("CSP.ISO.1", List.of(u.id), name(u) + " has collaboration plans in the partner tenant");
        }
    }

    private void priv2() {
        switch (pick(rng, "unapproved", "stale", "disabled", "servicePrincipal")) {
            case "unapproved" -> {
                User u = newAgentIn(pd().adminAgents, true);
                u.approvedAgent = false;
                t.plant("CSP.PRIV.2", List.of(u.id), name(u) + " is in AdminAgents but not in approvedAdminAgents");
            }
            case "stale" -> {
                User u = newAgentIn(pd().adminAgents, true);
                u.lastSeen = rng.daysAgo(t.now, 100, 300);
                t.plant("CSP.PRIV.2", List.of(u.id), name(u) + " is in AdminAgents and last signed in on "
                        + Json.time(u.lastSeen));
            }
            case "disabled" -> {
                User u = newAgentIn(pd().adminAgents, true);
                u.enabled = false;
                t.plant("CSP.PRIV.2", List.of(u.id), name(u) + " is a disabled member of AdminAgents");
                t.plant("CSP.PRIV.5", List.of(u.id), name(u) + " is disabled and still in AdminAgents");
            }
            default -> {
                TenantModel.Sp sp = CommonParts.thirdPartyServicePrincipal(t, t.hostile.name("Tenant Automation "
                        + rng.alnum(4).toUpperCase(Locale.ROOT)));
                pd().adminAgents.members.add(sp.id);
                t.plant("CSP.PRIV.2", List.of(sp.id), "service principal '" + sp.name + "' is a member of AdminAgents");
            }
        }
    }

    private void priv3() {
        List<User> gas = t.globalAdmins();
        String variant = pick(rng, "many", "few", "servicePrincipal");
        if (variant.equals("few") && gas.stream().noneMatch(u -> u != t.breakGlass)) {
            variant = "many";
        }
        switch (variant) {
            case "many" -> {
                int add = 5 - gas.size() + rng.between(0, 1);
                for (int i = 0; i < add; i++) {
                    newAdmin(Catalog.GA);
                }
                t.plant("CSP.PRIV.3", List.of(Catalog.GA), (gas.size() + add) + " Global Administrators (at most 4)");
            }
            case "few" -> {
                String to = rng.pick(List.of(Catalog.EXCHANGE_ADMIN, Catalog.USER_ADMIN, Catalog.SECURITY_ADMIN));
                for (Grant g : t.grants) {
                    if (g.roleId.equals(Catalog.GA) && !g.principalId.equals(t.breakGlass.id)) {
                        g.roleId = to;
                    }
                }
                ensureRolePolicy(to);
                t.plant("CSP.PRIV.3", List.of(Catalog.GA), "the break-glass account is the only Global Administrator "
                        + "(at least 2)");
            }
            default -> {
                TenantModel.Sp sp = CommonParts.thirdPartyServicePrincipal(t, t.hostile.name("Backup365 Connector"));
                t.grant(sp.id, Catalog.GA, GrantKind.ASSIGNED_TIMEBOUND);
                t.plant("CSP.PRIV.3", List.of(sp.id), "service principal '" + sp.name + "' holds Global Administrator");
            }
        }
    }

    private void priv4() {
        List<String> variants = new ArrayList<>(List.of("disabled", "guest"));
        if (t.p1()) {
            variants.add("stale");
        }
        String role = rng.pick(List.of(Catalog.HELPDESK_ADMIN, Catalog.USER_ADMIN, Catalog.EXCHANGE_ADMIN));
        switch (rng.pick(variants)) {
            case "disabled" -> {
                User u = newAdmin(role);
                u.enabled = false;
                t.plant("CSP.PRIV.4", List.of(u.id), name(u) + " is disabled and still holds "
                        + Catalog.roleName(role));
                if (t.partner) {
                    t.plant("CSP.PRIV.5", List.of(u.id), name(u) + " is disabled and still holds "
                            + Catalog.roleName(role));
                }
            }
            case "guest" -> {
                String first = rng.pick(Names.FIRST);
                String last = rng.pick(Names.LAST);
                String home = rng.pick(List.of("contractor-collective.com", "msp-helpers.net", "it-freelance.io"));
                User u = new User(rng.uuid());
                u.kind = Kind.ADMIN;
                u.guest = true;
                u.first = first;
                u.last = last;
                u.mail = Names.local(first, last) + "@" + home;
                u.upn = t.uniqueUpn(Names.local(first, last) + "_" + home + "#EXT#", t.initialDomain);
                u.displayName = t.hostile.name(first + " " + last + " (Guest)", 0.15);
                u.created = rng.daysAgo(t.now, 60, 600);
                u.place = t.place;
                u.methods.addAll(List.of("fido2SecurityKey", "microsoftAuthenticatorPush"));
                u.recoveryEmail = u.mail;
                u.recoveryPhone = t.uniquePhone();
                u.lastSeen = rng.daysAgo(t.now, 32, 80);
                u.touched = true;
                t.addUser(u);
                t.grant(u.id, role);
                ensureRolePolicy(role);
                t.adminsGroup.members.add(u.id);
                t.plant("CSP.PRIV.4", List.of(u.id), "guest " + name(u) + " holds " + Catalog.roleName(role));
            }
            default -> {
                User u = newAdmin(role);
                u.lastSeen = rng.daysAgo(t.now, 100, 300);
                t.plant("CSP.PRIV.4", List.of(u.id), name(u) + " holds " + Catalog.roleName(role)
                        + " and last signed in on " + Json.time(u.lastSeen));
            }
        }
    }

    private void priv5() {
        switch (pick(rng, "sales", "gdap", "admin")) {
            case "sales" -> {
                User u = t.newAdminAccount("sales.", Kind.SALES);
                u.touched = true;
                u.licences.clear();
                u.licences.add(Catalog.ENTRA_P2);
                u.enabled = false;
                pd().salesAgents.members.add(u.id);
                t.plant("CSP.PRIV.5", List.of(u.id), name(u) + " is disabled and still in SalesAgents");
            }
            case "gdap" -> {
                List<Group> named = namedGdapGroups();
                Group g = named.isEmpty() ? pd().helpdeskAgents : rng.pick(named);
                User u = newAgentIn(g, true);
                u.enabled = false;
                t.plant("CSP.PRIV.5", List.of(u.id), name(u) + " is disabled and still in group '" + g.name + "'");
            }
            default -> {
                User u = newAdmin(Catalog.USER_ADMIN);
                u.enabled = false;
                t.plant("CSP.PRIV.5", List.of(u.id), name(u) + " is disabled and still holds User Administrator");
                t.plant("CSP.PRIV.4", List.of(u.id), name(u) + " is disabled and still holds User Administrator");
            }
        }
    }

    private void priv6() {
        if (rng.chance(0.6)) {
            String role = rng.pick(List.of(Catalog.USER_ADMIN, Catalog.EXCHANGE_ADMIN, Catalog.SECURITY_ADMIN));
            User u = newAdmin(role, GrantKind.PERMANENT, true);
            t.plant("CSP.PRIV.6", List.of(u.id), name(u) + " has a permanent active assignment of "
                    + Catalog.roleName(role));
        } else {
            TenantModel.Sp sp = CommonParts.thirdPartyServicePrincipal(t, t.hostile.name("Provisioning Connector"));
            t.grant(sp.id, Catalog.APPLICATION_ADMIN, GrantKind.UNSCHEDULED);
            t.plant("CSP.PRIV.6", List.of(sp.id), "service principal '" + sp.name
                    + "' holds Application Administrator with no PIM schedule");
        }
    }

    private void priv7() {
        String role = rng.chance(0.6) ? Catalog.GA : Catalog.PRA;
        PimPolicy p = t.rolePolicies.get(role);
        String gap = weaken(p);
        t.plant("CSP.PRIV.7", List.of(role), Catalog.roleName(role) + ": " + gap);
    }

    /** Breaks one dual-custody rule of a PIM policy; says which. */
    private String weaken(PimPolicy p) {
        switch (pick(rng, "approval", "approver", "mfa", "justification", "duration")) {
            case "approval" -> {
                p.approval = false;
                return "activation needs no approval";
            }
            case "approver" -> {
                String user = p.approvers.stream().filter(a -> a[0].equals("user")).map(a -> a[1]).findFirst()
                        .orElseGet(() -> t.approversGroup.members.get(0));
                p.approvers.clear();
                p.approvers.add(new String[] {"user", user});
                return "a single approver";
            }
            case "mfa" -> {
                p.mfa = false;
                return "activation does not require MFA";
            }
            case "justification" -> {
                p.justification = false;
                return "activation does not require a justification";
            }
            default -> {
                p.maxDuration = pick(rng, "PT12H", "P1D", "PT10H");
                return "activation may last " + p.maxDuration;
            }
        }
    }

    private void priv8() {
        List<Relationship> active = pd().relationships.stream()
                .filter(r -> r.active() && !touchedRelationships.contains(r.id)).toList();
        if (active.isEmpty()) {
            return;
        }
        Relationship r = rng.pick(active);
        touchedRelationships.add(r.id);
        switch (pick(rng, "top", "noActive", "outside")) {
            case "top" -> {
                String role = rng.pick(List.of(Catalog.GA, Catalog.PRA, Catalog.PAA));
                r.roles.add(role);
                t.plant("CSP.PRIV.8", List.of(r.id), "the relationship with " + r.customerName + " grants "
                        + Catalog.roleName(role));
            }
            case "noActive" -> {
                for (AccessAssignment a : r.assignments) {
                    a.status = "pending";
                }
                t.plant("CSP.PRIV.8", List.of(r.id), "the relationship with " + r.customerName
                        + " has no active access assignment");
            }
            default -> {
                String role = List.of(Catalog.EXCHANGE_ADMIN, Catalog.SECURITY_ADMIN, Catalog.USER_ADMIN,
                        Catalog.INTUNE_ADMIN, Catalog.SHAREPOINT_ADMIN).stream().filter(x -> !r.roles.contains(x))
                        .findFirst().orElseThrow();
                AccessAssignment a = new AccessAssignment(rng.uuid(), pd().gdapGroups.get(0).id);
                a.roles.add(role);
                a.created = rng.daysAgo(t.now, 2, 20);
                a.modified = a.created;
                r.assignments.add(a);
                t.plant("CSP.PRIV.8", List.of(r.id), "an access assignment of the relationship with " + r.customerName
                        + " grants " + Catalog.roleName(role) + ", which the relationship does not hold");
            }
        }
    }

    private void priv10() {
        Group g = rng.pick(pimManagedAccessGroups());
        switch (pick(rng, "noSchedule", "permanent", "policy")) {
            case "noSchedule" -> {
                User u = newAgentIn(g, false);
                t.plant("CSP.PRIV.10", List.of(u.id), name(u) + " is a member of '" + g.name
                        + "' with no PIM for Groups schedule");
            }
            case "permanent" -> {
                User u = newAgentIn(g, false);
                PimSchedule s = new PimSchedule(rng.uuid(), g.id, u.id, "assigned");
                s.start = rng.daysAgo(t.now, 40, 300);
                pd().pimAssignments.get(g.id).add(s);
                t.plant("CSP.PRIV.10", List.of(u.id), name(u) + " has a permanent PIM for Groups assignment to '"
                        + g.name + "'");
            }
            default -> {
                String gap = weaken(pd().groupPolicies.get(g.id));
                t.plant("CSP.PRIV.10", List.of(g.id), "group '" + g.name + "': " + gap);
            }
        }
    }

    // ---- isolation and devices ----------------------------------------------------------------------------------

    private void iso1() {
        User u = t.newPerson(Kind.REGULAR);
        u.touched = true;
        u.licences.add(t.staffSku);
        u.licensedAt = u.created.plusSeconds(3600);
        t.regularMethods(u);
        u.device = t.newDevice(u, true);
        u.lastSeen = rng.daysAgo(t.now, 31, 60);
        t.plant("CSP.ISO.1", List.of(u.id), name(u) + " reads mail and works in the partner tenant");
    }

    private void iso2() {
        if (rng.chance(0.5)) {
            User u = newAgentIn(pd().helpdeskAgents, true);
            u.licences.clear();
            u.licences.add(t.staffSku);
            u.mail = u.upn;
            t.plant("CSP.ISO.2", List.of(u.id), name(u) + " reaches customers and has a mailbox");
            t.plant("CSP.ISO.1", List.of(u.id), name(u) + " has collaboration plans in the partner tenant");
        } else {
            User u = newAgentIn(pd().helpdeskAgents, true);
            u.upn = t.uniqueUpn("helpdesk." + Names.local(u.first, u.last), t.defaultDomain);
            t.plant("CSP.ISO.2", List.of(u.id), name(u) + " reaches customers with an account that does not follow "
                    + "the privileged-account naming");
        }
    }

    private void iso3() {
        String variant = pick(rng, "partnerGuest", "pattern", "created");
        if (variant.equals("created") && partner.agents().isEmpty()) {
            variant = "pattern";
        }
        switch (variant) {
            case "partnerGuest" -> {
                String first = rng.pick(Names.FIRST);
                String last = rng.pick(Names.LAST);
                String local = "adm-" + Names.local(first, last);
                User u = new User(rng.uuid());
                u.kind = Kind.GUEST;
                u.guest = true;
                u.first = first;
                u.last = last;
                u.mail = local + "@" + partner.domain();
                u.upn = t.uniqueUpn(local + "_" + partner.domain() + "#EXT#", t.initialDomain);
                u.displayName = t.hostile.name(first + " " + last + " (" + partner.displayName() + ")", 0.15);
                u.created = rng.daysAgo(t.now, 40, 500);
                u.place = Names.PLACES.get(0);
                u.methods.add("microsoftAuthenticatorPush");
                u.lastSeen = rng.daysAgo(t.now, 32, 80);
                u.touched = true;
                t.addUser(u);
                t.plant("CSP.ISO.3", List.of(u.id), "guest " + name(u) + " is in the partner's domain");
            }
            case "pattern" -> {
                User u = t.newPerson(Kind.REGULAR);
                u.touched = true;
                u.upn = t.uniqueUpn(pick(rng, "csp-support", "csp.admin", "csp_helpdesk"), t.defaultDomain);
                u.mail = null;
                u.displayName = t.hostile.name("CSP Support", 0.15);
                t.regularMethods(u);
                u.lastSeen = rng.daysAgo(t.now, 31, 60);
                t.plant("CSP.ISO.3", List.of(u.id), name(u) + " matches the partner's account pattern");
            }
            default -> {
                User u = t.newPerson(Kind.REGULAR);
                u.touched = true;
                u.licences.add(t.staffSku);
                t.regularMethods(u);
                Instant at = rng.daysAgo(t.now, 1.5, t.auditDays() - 1.5);
                u.created = at;
                u.licensedAt = at.plusSeconds(300);
                Plans.PartnerUser by = rng.pick(partner.agents());
                ObjectNode initiator = Json.obj();
                initiator.put("id", by.id());
                initiator.putNull("displayName");
                initiator.put("userPrincipalName", by.upn());
                initiator.put("ipAddress", by.ipPrefix() + rng.between(2, 250));
                initiator.putNull("userType");
                initiator.put("homeTenantId", partner.tenantId());
                initiator.put("homeTenantName", partner.displayName());
                t.audit("Directory", "UserManagement", "Add user", at, "Core Directory", "Add", initiator,
                        List.of(t.auditTarget(u.id, null, "User", u.upn)), List.of());
                t.plant("CSP.ISO.3", List.of(u.id), name(u) + " was created by partner user " + by.upn() + " on "
                        + Json.time(at));
            }
        }
    }

    /** A clean customer-access user of the partner (an untouched AdminAgents or HelpdeskAgents member). */
    private User cleanAgent() {
        List<String> members = new ArrayList<>(pd().adminAgents.members);
        members.addAll(pd().helpdeskAgents.members);
        List<User> clean = members.stream().map(t::user).filter(u -> u != null && u.enabled && !u.touched
                && u.kind == Kind.AGENT).distinct().toList();
        User u = clean.isEmpty() ? newAgentIn(pd().helpdeskAgents, true) : rng.pick(clean);
        u.touched = true;
        return u;
    }

    private Instant inWindow() {
        return rng.daysAgo(t.now, 0.2, TenantModel.WINDOW_DAYS - 1.5);
    }

    private void dev1() {
        if (rng.chance(0.5)) {
            User u = newAgentIn(pd().helpdeskAgents, true);
            pd().deviceExempt.members.add(u.id);
            t.plant("CSP.DEV.1", List.of(u.id), name(u) + " reaches customers and is excluded from the device "
                    + "policy by group '" + pd().deviceExempt.name + "'");
            return;
        }
        User u = cleanAgent();
        SignIns s = new SignIns(t);
        ObjectNode signIn = s.node(rng.uuid(), inWindow(), u, Catalog.AZURE_PORTAL, 0, "multiFactorAuthentication",
                "none", t.tenantId, "member", s.unmanagedDevice(pick(rng, "DESKTOP-HOME", "Personal laptop", "")),
                rng.pick(Names.PLACES), "success");
        t.extraSignIns.add(signIn);
        String id = signIn.get("id").asText();
        t.plant("CSP.DEV.1", List.of(id), name(u) + " signed in from a device that is neither compliant nor managed");
        t.plant("CSP.DEV.2", List.of(id), name(u) + " signed in from outside the privileged workstations");
    }

    private void dev2() {
        User u = cleanAgent();
        TenantModel.Device laptop = t.newDevice(u, true);
        laptop.compliant = true;
        laptop.managed = true;
        SignIns s = new SignIns(t);
        ObjectNode signIn = s.node(rng.uuid(), inWindow(), u, rng.pick(Catalog.ADMIN_APPS), 0,
                "multiFactorAuthentication", "none", t.tenantId, "member", s.detail(laptop), t.place, "success");
        t.extraSignIns.add(signIn);
        t.plant("CSP.DEV.2", List.of(signIn.get("id").asText()), name(u) + " signed in from " + laptop.name
                + ", not a privileged workstation");
    }

    // ---- monitoring ---------------------------------------------------------------------------------------------

    private void mon1() {
        if (rng.chance(0.5)) {
            TenantModel.App app = longSecretApp(t.hostile.name(t.displayName.split(" ")[0] + " Provisioning Runbooks"));
            t.plant("CSP.MON.1", List.of(app.id), "app '" + app.name + "' holds a Partner Center permission and a "
                    + "client secret valid " + days(app.secrets.get(0)) + " days");
            return;
        }
        User u = pd().sales.stream().filter(x -> x.enabled).findFirst().orElseGet(this::cleanRegular);
        SignIns s = new SignIns(t);
        ObjectNode signIn = s.node(rng.uuid(), inWindow(), u, Catalog.PARTNER_CENTER, 0, "singleFactorAuthentication",
                "none", t.tenantId, "member", s.detail(u.device), t.place, "success");
        t.extraSignIns.add(signIn);
        t.plant("CSP.MON.1", List.of(signIn.get("id").asText()), name(u) + " signed in to Partner Center with a "
                + "password only");
    }

    /** An app with a Partner Center permission and a client secret valid longer than 180 days. */
    TenantModel.App longSecretApp(String name) {
        TenantModel.App app = CommonParts.lineOfBusinessApp(t, name);
        app.audience = "AzureADMultipleOrgs";
        app.resources.add(new TenantModel.Resource(Catalog.PARTNER_CENTER.appId(),
                List.of(new TenantModel.Access(Catalog.PARTNER_CENTER_USER_IMPERSONATION, "Scope"))));
        app.secrets.clear();
        Instant start = rng.daysAgo(t.now, 30, 300);
        app.secrets.add(new TenantModel.Secret(rng.uuid(), "automation-runbook", rng.alnum(3), start,
                start.plus(Duration.ofDays(rng.pick(new Integer[] {365, 540, 730})))));
        return app;
    }

    private static long days(TenantModel.Secret s) {
        return Duration.between(s.start(), s.end()).toDays();
    }

    private void mon3() {
        List<User> gas = t.globalAdmins();
        List<User> others = gas.stream().filter(u -> u != t.breakGlass).toList();
        List<String> variants = new ArrayList<>(List.of("consumer", "none", "change"));
        if (gas.size() >= 2) {
            variants.add("shared");
        }
        User target = others.isEmpty() ? t.breakGlass : rng.pick(others);
        switch (rng.pick(variants)) {
            case "consumer" -> {
                target.recoveryEmail = Names.local(target.first == null ? "it" : target.first,
                        target.last == null ? "admin" : target.last) + rng.digits(2) + "@"
                        + pick(rng, "gmail.com", "outlook.com", "yahoo.com", "proton.me");
                t.plant("CSP.MON.3", List.of(target.id), name(target) + "'s recovery email is on a consumer domain");
            }
            case "none" -> {
                target.recoveryEmail = null;
                target.recoveryPhone = null;
                target.methods.removeIf(m -> m.equals("email") || m.equals("mobilePhone"));
                t.plant("CSP.MON.3", List.of(target.id), name(target) + " has no recovery email or phone");
            }
            case "shared" -> {
                List<User> two = rng.sample(gas, 2);
                String digits = two.get(0).recoveryPhone.replaceAll("\\D", "");
                two.get(1).recoveryPhone = "+" + digits.charAt(0) + " (" + digits.substring(1, 4) + ") "
                        + digits.substring(4, 7) + "-" + digits.substring(7);
                t.plant("CSP.MON.3", List.of(two.get(0).id, two.get(1).id), name(two.get(0)) + " and "
                        + name(two.get(1)) + " share one recovery phone");
            }
            default -> {
                Instant at = rng.daysAgo(t.now, 1, t.auditDays() - 1.5);
                t.audit("Directory", "UserManagement", pick(rng, "User registered security info",
                        "User changed default security info"), at, "Authentication Methods", "Update",
                        t.auditUser(target, null, null), List.of(t.auditTarget(target.id, null, "User", target.upn)),
                        List.<String[]>of(new String[] {"Method", "Phone"}));
                t.plant("CSP.MON.3", List.of(target.id), name(target) + "'s security info changed on " + Json.time(at)
                        + " with no review");
            }
        }
    }

    private void mon4() {
        Set<String> risky = new HashSet<>();
        t.risky.forEach(r -> risky.add(r.userId));
        List<User> candidates = t.users.stream().filter(u -> u.enabled && !risky.contains(u.id)
                && u != t.breakGlass && (u.kind == Kind.REGULAR || u.kind == Kind.SALES || u.kind == Kind.AGENT))
                .toList();
        User u = candidates.isEmpty() ? cleanRegular() : rng.pick(candidates);
        switch (pick(rng, "high", "medium", "compromised")) {
            case "high" -> t.risky.add(new TenantModel.Risky(u.id, "high", "atRisk", "none", inWindow()));
            case "medium" -> t.risky.add(new TenantModel.Risky(u.id, "medium", "atRisk", "none", inWindow()));
            default -> t.risky.add(new TenantModel.Risky(u.id, "high", "confirmedCompromised",
                    "adminConfirmedUserCompromised", inWindow()));
        }
        TenantModel.Risky r = t.risky.get(t.risky.size() - 1);
        t.plant("CSP.MON.4", List.of(u.id), name(u) + " is " + r.state + " (" + r.level + ") and not dealt with");
    }

    private void mon5() {
        List<String> variants = new ArrayList<>(List.of("singleFactor", "device"));
        if (!partner.others().isEmpty()) {
            variants.add("notAccess");
        }
        ObjectNode s;
        String note;
        switch (rng.pick(variants)) {
            case "singleFactor" -> {
                Plans.PartnerUser p = rng.pick(partner.agents());
                s = SignIns.serviceProvider(t, partner, p, inWindow(), false, true, 0);
                note = "delegated sign-in by " + p.upn() + " was single-factor";
            }
            case "device" -> {
                Plans.PartnerUser p = rng.pick(partner.agents());
                s = SignIns.serviceProvider(t, partner, p, inWindow(), true, false, 0);
                note = "delegated sign-in by " + p.upn() + " came from an unmanaged device";
            }
            default -> {
                Plans.PartnerUser p = rng.pick(partner.others());
                s = SignIns.serviceProvider(t, partner, p, inWindow(), true, true, 0);
                note = "delegated sign-in by " + p.upn() + ", who is not a customer-access user";
            }
        }
        t.extraSignIns.add(s);
        t.plant("CSP.MON.5", List.of(s.get("id").asText()), note);
    }

    private void app1() {
        TenantModel.App app = azureAdGraphApp(t.hostile.name(pick(rng, "Legacy Sync Tool", "Old Intranet SSO",
                "Directory Export v1", "Classic Provisioning")));
        t.plant("CSP.APP.1", List.of(app.id), "app '" + app.name + "' still asks for Azure AD Graph");
    }

    /** An app that still asks for Azure AD Graph permissions. */
    TenantModel.App azureAdGraphApp(String name) {
        TenantModel.App app = CommonParts.lineOfBusinessApp(t, name);
        app.resources.add(0, new TenantModel.Resource(Catalog.AAD_GRAPH.appId(), List.of(
                new TenantModel.Access(rng.chance(0.5) ? Catalog.AAD_GRAPH_DIRECTORY_READ : Catalog.AAD_GRAPH_USER_READ,
                        rng.chance(0.5) ? "Role" : "Scope"))));
        return app;
    }

    // ---- what a licence makes inevitable ------------------------------------------------------------------------

    /**
     * Without P1: Entra keeps 7 days of logs (CSP.MON.2), and Conditional Access cannot require phishing-resistant MFA
     * of the admins (CSP.MFA.4, every enabled admin but the break-glass account).
     */
    void licenceInevitable() {
        if (t.p1()) {
            return;
        }
        t.plant(MON_2, List.of(t.tenantId), "no Entra ID P1 or P2: Entra keeps 7 days of logs");
        List<String> admins = t.users.stream().filter(u -> u.enabled && u != t.breakGlass && t.isAdmin(u))
                .map(u -> u.id).toList();
        if (!admins.isEmpty()) {
            t.plant("CSP.MFA.4", admins, "no Entra ID P1: no Conditional Access can require phishing-resistant MFA "
                    + "of the admins");
        }
    }
}
