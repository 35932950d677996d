package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.generate.TenantModel.AccessAssignment;
import io.cspguard.sim.generate.TenantModel.Device;
import io.cspguard.sim.generate.TenantModel.Grant;
import io.cspguard.sim.generate.TenantModel.GrantKind;
import io.cspguard.sim.generate.TenantModel.Group;
import io.cspguard.sim.generate.TenantModel.Kind;
import io.cspguard.sim.generate.TenantModel.PartnerData;
import io.cspguard.sim.generate.TenantModel.PimPolicy;
import io.cspguard.sim.generate.TenantModel.PimSchedule;
import io.cspguard.sim.generate.TenantModel.Policy;
import io.cspguard.sim.generate.TenantModel.Relationship;
import io.cspguard.sim.generate.TenantModel.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The partner's compliant baseline: a dedicated CSP tenant (Entra ID P2) whose people are dedicated admin accounts on
 * privileged workstations, in Partner Center's agent groups and GDAP access groups held just in time through PIM for
 * Groups; one GDAP relationship per customer; Partner Center's customers, subscriptions and audit records.
 */
final class PartnerBuilder {
    /** GDAP access groups and the roles their assignments give (the first is given by every relationship). */
    record GdapGroup(String name, List<String> roles) {
    }

    static final List<GdapGroup> GDAP_GROUPS = List.of(
            new GdapGroup("GDAP-Helpdesk", List.of(Catalog.HELPDESK_ADMIN, Catalog.DIRECTORY_READERS,
                    Catalog.GLOBAL_READER)),
            new GdapGroup("GDAP-Tier2-UserAdmins", List.of(Catalog.USER_ADMIN, Catalog.GLOBAL_READER)),
            new GdapGroup("GDAP-Security-Operators", List.of(Catalog.SECURITY_ADMIN, Catalog.SECURITY_READER,
                    Catalog.GLOBAL_READER)),
            new GdapGroup("GDAP-Exchange-Admins", List.of(Catalog.EXCHANGE_ADMIN, Catalog.GLOBAL_READER)),
            new GdapGroup("GDAP-Licensing", List.of(Catalog.LICENSE_ADMIN, Catalog.BILLING_ADMIN)));

    private final TenantModel t;
    private final List<Plans.Customer> customers;
    private final int signInsPerUser;
    private final TenantModel.Key appKey;
    private final String appClientId;
    private final String appObjectId;
    private final String appName;

    PartnerBuilder(TenantModel t, List<Plans.Customer> customers, int signInsPerUser, String appClientId,
                   String appObjectId, String appName, TenantModel.Key appKey) {
        this.t = t;
        this.customers = customers;
        this.signInsPerUser = signInsPerUser;
        this.appClientId = appClientId;
        this.appObjectId = appObjectId;
        this.appName = appName;
        this.appKey = appKey;
    }

    TenantModel build(String name, String slug) {
        Rng rng = t.rng;
        PartnerData p = new PartnerData();
        t.partnerData = p;
        t.displayName = t.hostile.name(name + " Cloud Partners", 0.5);
        t.defaultDomain = slug + "-partner.com";
        t.initialDomain = slug + "partner.onmicrosoft.com";
        t.place = Names.PLACES.get(0);
        t.created = rng.daysAgo(t.now, 1500, 3000);
        t.staffSku = Catalog.E3;
        t.adminSku = Catalog.ENTRA_P2;
        t.skus.add(new TenantModel.SkuHolding(Catalog.ENTRA_P2, 50, "Enabled", rng.uuid()));
        t.skus.add(new TenantModel.SkuHolding(Catalog.E3, 10, "Enabled", rng.uuid()));
        people(p);
        groups(p);
        roles(p);
        pimForGroups(p);
        conditionalAccess(p);
        t.smsState = "disabled";
        t.voiceState = "disabled";
        t.numberMatching = "enabled";
        rolePolicies(p);
        relationships(p);
        partnerCenter(p);
        apps();
        riskyUsers();
        audits(p);
        return t;
    }

    private void people(PartnerData p) {
        Rng rng = t.rng;
        User bg = new User(rng.uuid());
        bg.kind = Kind.BREAK_GLASS;
        bg.upn = t.uniqueUpn("bg-admin01", t.initialDomain);
        bg.displayName = "Break Glass 01 (emergency access)";
        bg.created = rng.daysAgo(t.now, 800, 2000);
        bg.methods.add("fido2SecurityKey");
        bg.recoveryEmail = "soc@" + t.defaultDomain;
        bg.recoveryPhone = t.uniquePhone();
        bg.lastSeen = rng.daysAgo(t.now, 120, 500);
        bg.place = t.place;
        t.addUser(bg);
        t.breakGlass = bg;

        int agents = 6 + Math.min(10, customers.size() / 100);
        for (int i = 0; i < agents; i++) {
            User a = newAgent(p);
            a.signIns = signIns();
        }
        for (int i = 0; i < 2; i++) {
            User s = t.newAdminAccount("sales.", Kind.SALES);
            s.licences.clear();
            s.licences.add(Catalog.ENTRA_P2);
            s.licensedAt = s.created.plusSeconds(600);
            s.methods.clear();
            s.methods.add("microsoftAuthenticatorPush");
            s.device = t.newDevice(s, true);
            s.signIns = signIns();
            p.sales.add(s);
        }
        User billing = t.newAdminAccount("adm-", Kind.ADMIN);
        billing.device = workstation(p, billing);
        billing.signIns = signIns();
        t.grant(billing.id, Catalog.BILLING_ADMIN);
    }

    /** A customer-access account: adm-first.last, no mailbox, FIDO2, a privileged workstation. */
    User newAgent(PartnerData p) {
        User a = t.newAdminAccount("adm-", Kind.AGENT);
        a.device = workstation(p, a);
        p.agents.add(a);
        return a;
    }

    Device workstation(PartnerData p, User owner) {
        Device d = new Device(t.rng.uuid(), t.rng.uuid());
        d.name = "PAW-" + owner.first.substring(0, 1).toUpperCase(Locale.ROOT)
                + owner.last.substring(0, 1).toUpperCase(Locale.ROOT) + "-" + String.format("%02d",
                p.workstations.size() + 1);
        d.os = "Windows";
        d.osVersion = "10.0.26100.2314";
        d.signInOs = "Windows11";
        d.browser = "Edge 130.0.2849";
        d.trustType = "AzureAd";
        d.compliant = true;
        d.managed = true;
        d.registered = t.rng.daysAgo(t.now, 100, 700);
        t.devices.add(d);
        p.workstations.add(d);
        return d;
    }

    private int signIns() {
        return signInsPerUser == 0 ? 0 : t.rng.between(Math.max(1, signInsPerUser / 2),
                signInsPerUser + signInsPerUser / 2);
    }

    private void groups(PartnerData p) {
        p.adminAgents = t.addGroup("AdminAgents");
        p.helpdeskAgents = t.addGroup("HelpdeskAgents");
        p.salesAgents = t.addGroup("SalesAgents");
        for (GdapGroup g : GDAP_GROUPS) {
            Group group = t.addGroup(t.hostile.name(g.name(), 0.25));
            group.description = "GDAP access group: " + String.join(", ", g.roles().stream().map(Catalog::roleName)
                    .toList());
            p.gdapGroups.add(group);
        }
        t.bgGroup = t.addGroup("CA-Exclude-BreakGlass");
        t.bgGroup.roleAssignable = true;
        t.bgGroup.members.add(t.breakGlass.id);
        t.exemptGroup = t.addGroup(t.hostile.name("CA-MFA-Exempt", 0.25));
        p.deviceExempt = t.addGroup(t.hostile.name("CA-Device-Exempt", 0.25));
        t.adminsGroup = t.addGroup(t.hostile.name("Partner-Admins", 0.25));
        t.adminsGroup.roleAssignable = true;
        p.approvers = t.addGroup(t.hostile.name("PIM-Approvers", 0.25));
        t.approversGroup = p.approvers;

        List<User> a = p.agents;
        p.adminAgents.members.addAll(List.of(a.get(0).id, a.get(1).id, a.get(2).id));
        p.helpdeskAgents.members.addAll(List.of(a.get(3).id, a.get(4).id));
        p.salesAgents.members.addAll(p.sales.stream().map(u -> u.id).toList());
        p.approvers.members.addAll(List.of(a.get(0).id, a.get(1).id));
        // GDAP groups: the helpdesk group has the helpdesk agents and one more; the others 2–3 agents each
        p.gdapGroups.get(0).members.addAll(List.of(a.get(3).id, a.get(4).id, a.get(5).id));
        List<User> pool = a.subList(2, a.size());
        for (int i = 1; i < p.gdapGroups.size(); i++) {
            for (User u : t.rng.sample(pool, t.rng.between(2, 3))) {
                p.gdapGroups.get(i).members.add(u.id);
            }
        }
        for (User u : t.users) {
            if (u.kind == Kind.ADMIN) {
                t.adminsGroup.members.add(u.id);
            }
        }
    }

    private void roles(PartnerData p) {
        Grant bg = t.grant(t.breakGlass.id, Catalog.GA, GrantKind.PERMANENT);
        bg.start = t.breakGlass.created.plusSeconds(300);
        User a0 = p.agents.get(0);
        User a1 = p.agents.get(1);
        t.grant(a0.id, Catalog.GA);
        t.grant(a0.id, Catalog.PRA);
        t.grant(a1.id, Catalog.GA);
        if (t.rng.chance(0.6)) {
            t.grant(a0.id, Catalog.GA, GrantKind.ACTIVATED);
        }
    }

    /** AdminAgents and every GDAP group: members hold membership just in time; eligible members; strict policies. */
    private void pimForGroups(PartnerData p) {
        List<Group> managed = new ArrayList<>();
        managed.add(p.adminAgents);
        managed.addAll(p.gdapGroups);
        for (Group g : managed) {
            p.pimAssignments.put(g.id, new ArrayList<>());
            p.pimEligibility.put(g.id, new ArrayList<>());
            for (String member : g.members) {
                justInTime(p, g, member);
            }
            PimPolicy policy = new PimPolicy(t.rng.uuid());
            if (t.rng.chance(0.5)) {
                policy.approvers.add(new String[] {"group", p.approvers.id});
            } else {
                p.approvers.members.forEach(u -> policy.approvers.add(new String[] {"user", u}));
            }
            policy.maxDuration = t.rng.pick(new String[] {"PT8H", "PT4H"});
            p.groupPolicies.put(g.id, policy);
            p.ownerPolicyGuids.put(g.id, t.rng.uuid());
        }
    }

    /** An eligibility, and a membership that is activated now or assigned until a date. */
    void justInTime(PartnerData p, Group g, String principalId) {
        Rng rng = t.rng;
        PimSchedule e = new PimSchedule(rng.uuid(), g.id, principalId, "eligible");
        e.start = rng.daysAgo(t.now, 60, 500);
        e.end = rng.daysAhead(t.now, 100, 700);
        p.pimEligibility.get(g.id).add(e);
        PimSchedule s = new PimSchedule(rng.uuid(), g.id, principalId, rng.chance(0.4) ? "activated" : "assigned");
        if (s.type.equals("activated")) {
            s.start = rng.hoursAgo(t.now, 0.5, 6);
            s.end = s.start.plus(Duration.ofHours(8));
            s.duration = "PT8H";
        } else {
            s.start = rng.daysAgo(t.now, 30, 200);
            s.end = rng.daysAhead(t.now, 30, 180);
        }
        p.pimAssignments.get(g.id).add(s);
    }

    private void conditionalAccess(PartnerData p) {
        Rng rng = t.rng;
        List<String> accessGroups = new ArrayList<>(List.of(p.adminAgents.id, p.helpdeskAgents.id));
        p.gdapGroups.forEach(g -> accessGroups.add(g.id));

        Policy legacy = new Policy(rng.uuid(), t.hostile.name("CA000 - Block legacy authentication"));
        legacy.includeUsers.add("All");
        legacy.excludeGroups.add(t.bgGroup.id);
        legacy.clientAppTypes.clear();
        legacy.clientAppTypes.addAll(List.of("exchangeActiveSync", "other"));
        legacy.controls.add("block");

        Policy mfa = new Policy(rng.uuid(), t.hostile.name("CA001 - Require MFA for all users"));
        mfa.includeUsers.add("All");
        mfa.excludeGroups.addAll(List.of(t.bgGroup.id, t.exemptGroup.id));
        mfa.controls.add("mfa");
        t.mfaPolicy = mfa;

        Policy admins = new Policy(rng.uuid(),
                t.hostile.name("CA002 - Admins and customer-access accounts: phishing-resistant MFA"));
        admins.includeGroups.addAll(accessGroups);
        admins.includeGroups.add(t.adminsGroup.id);
        admins.includeRoles.addAll(Catalog.PRIVILEGED_ROLE_IDS);
        admins.excludeGroups.addAll(List.of(t.bgGroup.id, t.exemptGroup.id));
        admins.strength = Catalog.STRENGTH_PHISHING_RESISTANT;
        admins.signInFrequency = true;
        t.adminPolicy = admins;

        Policy device = new Policy(rng.uuid(),
                t.hostile.name("CA003 - Customer access: compliant or hybrid-joined device"));
        device.includeGroups.addAll(accessGroups);
        device.excludeGroups.addAll(List.of(t.bgGroup.id, p.deviceExempt.id));
        device.controls.addAll(List.of("compliantDevice", "domainJoinedDevice"));
        t.devicePolicy = device;

        Policy pilot = new Policy(rng.uuid(), t.hostile.name("CA004 - Helpdesk agents: compliant device (pilot)"));
        pilot.state = "enabledForReportingButNotEnforced";
        pilot.includeGroups.add(p.helpdeskAgents.id);
        pilot.excludeGroups.add(t.bgGroup.id);
        pilot.controls.add("compliantDevice");

        Policy risk = new Policy(rng.uuid(), t.hostile.name("CA005 - Block risky sign-ins"));
        risk.includeUsers.add("All");
        risk.excludeGroups.add(t.bgGroup.id);
        risk.signInRiskLevels.addAll(List.of("medium", "high"));
        risk.controls.add("block");

        for (Policy policy : List.of(legacy, mfa, admins, device, pilot, risk)) {
            policy.created = rng.daysAgo(t.now, 200, 1200);
            policy.modified = rng.daysAgo(t.now, 31, 190);
            t.policies.add(policy);
        }
    }

    private void rolePolicies(PartnerData p) {
        for (String role : List.of(Catalog.GA, Catalog.PRA)) {
            PimPolicy policy = new PimPolicy(t.rng.uuid());
            p.approvers.members.forEach(u -> policy.approvers.add(new String[] {"user", u}));
            policy.maxDuration = "PT8H";
            t.rolePolicies.put(role, policy);
        }
        PimPolicy billing = new PimPolicy(t.rng.uuid());
        billing.approval = false;
        t.rolePolicies.put(Catalog.BILLING_ADMIN, billing);
    }

    /** One GDAP relationship per customer: active (least privilege, assigned to groups) or terminated. */
    private void relationships(PartnerData p) {
        Rng rng = t.rng;
        for (Plans.Customer c : customers) {
            Relationship r = new Relationship(rng.uuid() + "-" + rng.uuid(), c.tenantId(), c.displayName());
            String shortName = c.name().split(" ")[0];
            r.roles.addAll(List.of(Catalog.HELPDESK_ADMIN, Catalog.DIRECTORY_READERS, Catalog.GLOBAL_READER));
            List<Integer> extras = rng.sample(List.of(1, 2, 3, 4), rng.between(0, 2));
            for (int i : extras) {
                for (String role : GDAP_GROUPS.get(i).roles()) {
                    if (!r.roles.contains(role)) {
                        r.roles.add(role);
                    }
                }
            }
            String template = extras.isEmpty() ? "Helpdesk" : GDAP_GROUPS.get(extras.get(0)).name().substring(5);
            if (c.gdapActive()) {
                r.status = "active";
                r.created = rng.daysAgo(t.now, 40, 650);
                r.activated = r.created.plus(Duration.ofHours(rng.between(2, 72)));
                r.end = r.activated.plus(Duration.ofDays(730));
                r.autoExtend = rng.chance(0.5) ? "P180D" : "PT0S";
                r.displayName = t.hostile.name(shortName + "-" + template + "-" + r.created.toString().substring(0, 4),
                        0.2);
                AccessAssignment core = assignment(r, p.gdapGroups.get(0), GDAP_GROUPS.get(0).roles(), "active");
                r.assignments.add(core);
                for (int i : extras) {
                    r.assignments.add(assignment(r, p.gdapGroups.get(i), GDAP_GROUPS.get(i).roles(), "active"));
                }
                if (rng.chance(0.15)) {
                    AccessAssignment pending = assignment(r, p.gdapGroups.get(0), List.of(Catalog.HELPDESK_ADMIN),
                            "pending");
                    pending.created = rng.daysAgo(t.now, 0.1, 2);
                    pending.modified = pending.created;
                    r.assignments.add(pending);
                }
            } else {
                r.status = "terminated";
                r.created = rng.daysAgo(t.now, 800, 1300);
                r.activated = r.created.plus(Duration.ofHours(rng.between(2, 72)));
                r.end = r.activated.plus(Duration.ofDays(730));
                r.autoExtend = "PT0S";
                r.displayName = t.hostile.name(shortName + "-Onboarding-" + r.created.toString().substring(0, 4), 0.2);
                AccessAssignment old = assignment(r, p.gdapGroups.get(0), GDAP_GROUPS.get(0).roles(), "deleted");
                old.modified = r.end;
                r.assignments.add(old);
            }
            p.relationships.add(r);
        }
    }

    AccessAssignment assignment(Relationship r, Group g, List<String> roles, String status) {
        AccessAssignment a = new AccessAssignment(t.rng.uuid(), g.id);
        roles.stream().filter(r.roles::contains).forEach(a.roles::add);
        a.status = status;
        a.created = r.activated.plus(Duration.ofMinutes(t.rng.between(10, 600)));
        a.modified = a.created.plus(Duration.ofSeconds(t.rng.between(30, 300)));
        return a;
    }

    /** Partner Center's view: every customer, its subscriptions, and the audit trail of the window. */
    private void partnerCenter(PartnerData p) {
        Rng rng = t.rng;
        for (Plans.Customer c : customers) {
            ObjectNode customer = Json.obj();
            customer.put("id", c.tenantId());
            customer.put("commerceId", rng.uuid());
            ObjectNode profile = customer.putObject("companyProfile");
            profile.put("tenantId", c.tenantId());
            profile.put("domain", c.initialDomain());
            profile.put("companyName", c.displayName());
            profile.putObject("attributes").put("objectType", "CustomerCompanyProfile");
            customer.put("relationshipToPartner", "reseller");
            customer.put("allowDelegatedAccess", false);
            link(customer, "/customers/" + c.tenantId());
            customer.putObject("attributes").put("objectType", "Customer");
            p.pcCustomers.add(customer);

            List<ObjectNode> subs = new ArrayList<>();
            for (Plans.Subscription s : c.subscriptions()) {
                subs.add(subscription(c, s));
            }
            p.pcSubscriptions.put(c.tenantId(), subs);
        }
        List<ObjectNode> records = new ArrayList<>();
        List<User> actors = new ArrayList<>(p.agents.subList(0, 3));
        actors.addAll(p.sales);
        for (Plans.Customer c : customers) {
            int n = rng.between(0, 2);
            for (int i = 0; i < n; i++) {
                Plans.Subscription s = rng.pick(c.subscriptions());
                User by = rng.pick(actors);
                ObjectNode r = Json.obj();
                r.put("partnerId", t.tenantId);
                r.put("customerId", c.tenantId());
                r.put("customerName", c.displayName());
                r.put("userPrincipalName", by.upn);
                r.put("resourceType", "subscription"); // Partner Center writes its enums in snake case
                r.putNull("resourceOldValue");
                r.putNull("resourceNewValue");
                r.put("operationType", rng.chance(0.6) ? "update_subscription" : "create_order");
                r.put("operationDate", Json.time(rng.daysAgo(t.now, 0.2, TenantModel.WINDOW_DAYS - 1.2)));
                r.put("operationStatus", "succeeded");
                var data = r.putArray("customizedData");
                data.addObject().put("key", "SubscriptionId").put("value", s.subscriptionId());
                data.addObject().put("key", "Quantity").put("value", Integer.toString(s.units()));
                r.putObject("attributes").put("objectType", "AuditRecord");
                records.add(r);
            }
        }
        records.sort(java.util.Comparator.comparing((ObjectNode r) -> r.get("operationDate").asText())
                .thenComparing(r -> r.get("customerId").asText()));
        p.pcAuditRecords.addAll(records);
    }

    private ObjectNode subscription(Plans.Customer c, Plans.Subscription s) {
        Rng rng = t.rng;
        Instant created = rng.daysAgo(t.now, 40, 700);
        ObjectNode n = Json.obj();
        n.put("id", s.subscriptionId());
        n.put("entitlementId", rng.uuid());
        n.put("offerId", s.sku().offerId());
        n.put("offerName", s.sku().offerName() + (s.trial() ? " Trial" : ""));
        n.put("friendlyName", s.sku().offerName() + (s.trial() ? " Trial" : ""));
        n.put("quantity", s.units());
        n.put("unitType", "Licenses");
        n.put("hasPurchasableAddons", false);
        n.put("creationDate", Json.time(created));
        n.put("effectiveStartDate", Json.time(created));
        n.put("commitmentEndDate", Json.time(s.trial() ? created.plus(Duration.ofDays(30))
                : created.plus(Duration.ofDays(365 * (1 + (int) Duration.between(created, t.now).toDays() / 365)))));
        n.put("status", s.suspended() ? "suspended" : "active");
        n.put("autoRenewEnabled", !s.trial());
        n.put("isTrial", s.trial());
        n.put("billingType", "license");
        n.put("billingCycle", s.trial() ? "none" : "monthly");
        n.put("termDuration", s.trial() ? "P1M" : "P1Y");
        n.put("isMicrosoftProduct", true);
        n.put("partnerId", "");
        n.put("contractType", "subscription");
        n.put("orderId", rng.alnum(26).toLowerCase(Locale.ROOT));
        n.put("publisherName", "Microsoft Corporation");
        ObjectNode type = n.putObject("productType");
        type.put("id", "OnlineServicesNCE");
        type.put("displayName", "OnlineServicesNCE");
        link(n, "/customers/" + c.tenantId() + "/subscriptions/" + s.subscriptionId());
        ObjectNode attributes = n.putObject("attributes");
        attributes.put("etag", java.util.Base64.getEncoder().encodeToString(("{\"id\":\"" + s.subscriptionId()
                + "\",\"version\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        attributes.put("objectType", "Subscription");
        return n;
    }

    static void link(ObjectNode n, String uri) {
        ObjectNode self = n.putObject("links").putObject("self");
        self.put("uri", uri);
        self.put("method", "GET");
        self.putArray("headers");
    }

    private void apps() {
        Rng rng = t.rng;
        CommonParts.firstPartyServicePrincipals(t, true);
        // CSP Guard's own multi-tenant app: Microsoft Graph application permissions, Partner Center, a certificate
        TenantModel.App guard = new TenantModel.App(appObjectId, appClientId, appName);
        guard.created = rng.daysAgo(t.now, 60, 300);
        guard.audience = "AzureADMultipleOrgs";
        guard.notes = "CSP Guard: reads the partner's and its customers' security posture.";
        List<TenantModel.Access> graph = Catalog.GRAPH_APP_ROLES.stream()
                .map(id -> new TenantModel.Access(id, "Role")).toList();
        guard.resources.add(new TenantModel.Resource(Catalog.GRAPH.appId(), graph));
        guard.resources.add(new TenantModel.Resource(Catalog.PARTNER_CENTER.appId(),
                List.of(new TenantModel.Access(Catalog.PARTNER_CENTER_USER_IMPERSONATION, "Scope"))));
        Instant start = rng.daysAgo(t.now, 2, TenantModel.WINDOW_DAYS - 2); // its audit entry falls in the window
        guard.secrets.add(new TenantModel.Secret(rng.uuid(), "cspguard-sim", rng.alnum(3), start,
                start.plus(Duration.ofDays(120))));
        if (appKey != null) {
            guard.keys.add(appKey);
        }
        t.apps.add(guard);
        TenantModel.Sp guardSp = new TenantModel.Sp(rng.uuid(), appClientId, appName, t.tenantId);
        guardSp.tags.add("WindowsAzureActiveDirectoryIntegratedApp");
        t.sps.add(guardSp);
        // a Partner Center integration with a short-lived secret
        TenantModel.App billing = CommonParts.lineOfBusinessApp(t, t.hostile.name(t.displayName.split(" ")[0]
                + " Billing Export", 0.3));
        billing.resources.add(new TenantModel.Resource(Catalog.PARTNER_CENTER.appId(),
                List.of(new TenantModel.Access(Catalog.PARTNER_CENTER_USER_IMPERSONATION, "Scope"))));
        billing.secrets.clear();
        Instant s2 = rng.daysAgo(t.now, 5, 60);
        billing.secrets.add(new TenantModel.Secret(rng.uuid(), "export-job", rng.alnum(3), s2,
                s2.plus(Duration.ofDays(90))));
    }

    private void riskyUsers() {
        Rng rng = t.rng;
        List<User> candidates = new ArrayList<>(t.partnerData.sales);
        User u = rng.pick(candidates);
        t.risky.add(new TenantModel.Risky(u.id, "none", "remediated", "userPerformedSecuredPasswordReset",
                rng.daysAgo(t.now, 3, 25)));
        User v = rng.pick(t.partnerData.agents.subList(2, t.partnerData.agents.size()));
        t.risky.add(new TenantModel.Risky(v.id, "low", "atRisk", "none", rng.daysAgo(t.now, 1, 10)));
    }

    private void audits(PartnerData p) {
        Rng rng = t.rng;
        for (Grant g : t.grants) {
            User u = t.user(g.principalId);
            if (g.kind == GrantKind.ACTIVATED && u != null) {
                t.audit("PIM", "RoleManagement", "Add member to role completed (PIM activation)", g.start, "PIM",
                        "Add", t.auditUser(u, null, null), List.of(t.auditTarget(g.roleId, Catalog.roleName(g.roleId),
                                "Role", null), t.auditTarget(u.id, null, "User", u.upn)),
                        List.<String[]>of(new String[] {"Justification", "CHG-" + rng.digits(5)
                                + " customer escalation"}));
            }
        }
        for (var e : p.pimAssignments.entrySet()) {
            Group g = t.group(e.getKey());
            for (PimSchedule s : e.getValue()) {
                User u = t.user(s.principalId);
                if (u != null && s.type.equals("activated")) {
                    t.audit("PIM", "GroupManagement", "Add member to group completed (PIM activation)", s.start, "PIM",
                            "Add", t.auditUser(u, null, null), List.of(t.auditTarget(g.id, g.name, "Group", null),
                                    t.auditTarget(u.id, null, "User", u.upn)),
                            List.<String[]>of(new String[] {"Justification", "Ticket " + rng.digits(6)}));
                }
            }
        }
        // security info registered by people who are not Global Administrators (CSP.MON.3 reads GAs' changes)
        List<User> notGa = new ArrayList<>(p.agents.subList(2, p.agents.size()));
        notGa.addAll(p.sales);
        for (User u : rng.sample(notGa, 2)) {
            t.audit("Directory", "UserManagement", "User registered security info",
                    rng.daysAgo(t.now, 1, TenantModel.WINDOW_DAYS - 1.5), "Authentication Methods", "Add",
                    t.auditUser(u, null, null), List.of(t.auditTarget(u.id, null, "User", u.upn)),
                    List.<String[]>of(new String[] {"Method", "FIDO2 security key"}));
        }
        User admin = p.agents.get(0);
        TenantModel.App guard = t.apps.get(0);
        t.audit("Directory", "ApplicationManagement", "Update application – Certificates and secrets management ",
                guard.secrets.get(0).start(), "Core Directory", "Update", t.auditUser(admin, null, null),
                List.of(t.auditTarget(guard.id, guard.name, "Application", null)), List.of());
    }
}
