package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.Planted;
import io.cspguard.snapshot.Licences;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One tenant while it is being made: a compliant baseline is built into it, violations are planted into it, and
 * {@link GraphRenderer} turns it into Graph's JSON. Everything that two files must agree on (a user's methods and the
 * registration report, a group's members and its PIM schedules) is held once here.
 */
final class TenantModel {
    static final int WINDOW_DAYS = 30;

    enum Kind { REGULAR, ADMIN, BREAK_GLASS, GUEST, AGENT, SALES }

    /** How a principal holds a directory role (P2 tenants have PIM schedules; others plain assignments). */
    enum GrantKind {
        /** A plain active assignment (tenants without P2: there are no schedules). */
        ACTIVE,
        /** P2: Assigned with noExpiration. */
        PERMANENT,
        /** P2: Activated from an eligibility, with an end. */
        ACTIVATED,
        /** P2: Assigned with an end. */
        ASSIGNED_TIMEBOUND,
        /** P2: eligible until a date. */
        ELIGIBLE,
        /** P2: eligible with no end. */
        ELIGIBLE_PERMANENT,
        /** P2: an active assignment that no schedule explains. */
        UNSCHEDULED;

        boolean active() {
            return this != ELIGIBLE && this != ELIGIBLE_PERMANENT;
        }
    }

    static final class User {
        final String id;
        String upn;
        String displayName;
        String mail;
        boolean enabled = true;
        boolean guest;
        Kind kind;
        Instant created;
        Boolean synced;
        final List<Catalog.Sku> licences = new ArrayList<>();
        Instant licensedAt;
        /** Collaboration plans that were removed (capabilityStatus Deleted): they must not count. */
        final List<Catalog.Plan> deletedPlans = new ArrayList<>();
        /** Last sign-in before the window, when the user has no sign-in in it (null: never). */
        Instant lastSeen;
        /** The last successful one, when it differs (stale admins whose later attempts failed). */
        Instant lastSeenSuccess;
        Instant lastSignIn;
        Instant lastSuccess;
        int signIns;
        Device device;
        Names.Place place;
        boolean mfaRegistered = true;
        boolean inRegistrationReport = true;
        final List<String> methods = new ArrayList<>();
        String recoveryEmail;
        String recoveryPhone;
        /** Used by a planted violation: later plants pick someone else. */
        boolean touched;
        /** Partner: whether CSP Guard's configuration lists this AdminAgents member as approved. */
        boolean approvedAgent = true;
        String first;
        String last;

        User(String id) {
            this.id = id;
        }

        boolean member() {
            return !guest;
        }

        boolean collaborates() {
            return enabled && licences.stream().anyMatch(Catalog.Sku::collaboration);
        }
    }

    static final class Group {
        final String id;
        String name;
        String description;
        boolean security = true;
        boolean mail;
        boolean unified;
        boolean roleAssignable;
        /** Direct members in order: user, group or service principal ids. */
        final List<String> members = new ArrayList<>();

        Group(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static final class Grant {
        final String id;
        final String scheduleId;
        String principalId;
        String roleId;
        GrantKind kind;
        Instant start;
        Instant end;
        String duration;

        Grant(String id, String scheduleId, String principalId, String roleId, GrantKind kind) {
            this.id = id;
            this.scheduleId = scheduleId;
            this.principalId = principalId;
            this.roleId = roleId;
            this.kind = kind;
        }
    }

    static final class Device {
        final String id;
        final String deviceId;
        String name;
        String os;
        String osVersion;
        String signInOs;
        String browser;
        String trustType;
        boolean compliant;
        boolean managed;
        Instant registered;
        Instant lastSignIn;
        /** The shared deviceDetail of this device's sign-ins (built once). */
        ObjectNode detail;

        Device(String id, String deviceId) {
            this.id = id;
            this.deviceId = deviceId;
        }
    }

    record Access(String id, String type) {
    }

    record Resource(String resourceAppId, List<Access> access) {
    }

    record Secret(String keyId, String displayName, String hint, Instant start, Instant end) {
    }

    record Key(String keyId, String displayName, Instant start, Instant end, String thumbprint) {
    }

    static final class App {
        final String id;
        final String appId;
        String name;
        Instant created;
        String audience = "AzureADMyOrg";
        String notes;
        final List<Resource> resources = new ArrayList<>();
        final List<Secret> secrets = new ArrayList<>();
        final List<Key> keys = new ArrayList<>();

        App(String id, String appId, String name) {
            this.id = id;
            this.appId = appId;
            this.name = name;
        }
    }

    static final class Sp {
        final String id;
        final String appId;
        String name;
        String type = "Application";
        String owner;
        final List<String> tags = new ArrayList<>();

        Sp(String id, String appId, String name, String owner) {
            this.id = id;
            this.appId = appId;
            this.name = name;
            this.owner = owner;
        }
    }

    /** A Conditional Access policy, rendered in Graph's full shape. */
    static final class Policy {
        final String id;
        String name;
        String state = "enabled";
        Instant created;
        Instant modified;
        final List<String> includeUsers = new ArrayList<>();
        final List<String> excludeUsers = new ArrayList<>();
        final List<String> includeGroups = new ArrayList<>();
        final List<String> excludeGroups = new ArrayList<>();
        final List<String> includeRoles = new ArrayList<>();
        final List<String> excludeRoles = new ArrayList<>();
        boolean includeGuests;
        boolean excludeGuests;
        final List<String> includeApps = new ArrayList<>(List.of("All"));
        final List<String> excludeApps = new ArrayList<>();
        final List<String> userActions = new ArrayList<>();
        final List<String> clientAppTypes = new ArrayList<>(List.of("all"));
        /** Locations: include / exclude, or null. */
        List<String> includeLocations;
        List<String> excludeLocations;
        List<String> includePlatforms;
        List<String> excludePlatforms;
        final List<String> signInRiskLevels = new ArrayList<>();
        final List<String> userRiskLevels = new ArrayList<>();
        String operator = "OR";
        final List<String> controls = new ArrayList<>();
        /** Authentication strength id, or null. */
        String strength;
        boolean signInFrequency;

        Policy(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static final class Risky {
        final String userId;
        String level;
        String state;
        String detail;
        Instant updated;

        Risky(String userId, String level, String state, String detail, Instant updated) {
            this.userId = userId;
            this.level = level;
            this.state = state;
            this.detail = detail;
            this.updated = updated;
        }
    }

    /** A PIM policy's end-user rules (directory role or PIM for Groups membership). */
    static final class PimPolicy {
        final String policyGuid;
        boolean approval = true;
        /** Approvers of the first stage: {"user", id} or {"group", id}. */
        final List<String[]> approvers = new ArrayList<>();
        boolean mfa = true;
        boolean justification = true;
        String maxDuration = "PT8H";

        PimPolicy(String policyGuid) {
            this.policyGuid = policyGuid;
        }
    }

    /** A PIM for Groups schedule (partner): {@code activated} or {@code assigned}; end null means noExpiration. */
    static final class PimSchedule {
        final String id;
        final String groupId;
        final String principalId;
        String type;
        Instant start;
        Instant end;
        String duration;

        PimSchedule(String id, String groupId, String principalId, String type) {
            this.id = id;
            this.groupId = groupId;
            this.principalId = principalId;
            this.type = type;
        }
    }

    static final class AccessAssignment {
        final String id;
        final String groupId;
        final List<String> roles = new ArrayList<>();
        String status = "active";
        Instant created;
        Instant modified;

        AccessAssignment(String id, String groupId) {
            this.id = id;
            this.groupId = groupId;
        }
    }

    static final class Relationship {
        final String id;
        String displayName;
        final String customerId;
        final String customerName;
        String status;
        final List<String> roles = new ArrayList<>();
        Instant created;
        Instant activated;
        Instant end;
        String autoExtend;
        final List<AccessAssignment> assignments = new ArrayList<>();

        Relationship(String id, String customerId, String customerName) {
            this.id = id;
            this.customerId = customerId;
            this.customerName = customerName;
        }

        boolean active() {
            return "active".equals(status);
        }
    }

    /** What only the partner tenant has. */
    static final class PartnerData {
        Group adminAgents;
        Group helpdeskAgents;
        Group salesAgents;
        Group approvers;
        Group deviceExempt;
        /** GDAP access groups; the first is given by every relationship. */
        final List<Group> gdapGroups = new ArrayList<>();
        final List<Relationship> relationships = new ArrayList<>();
        final Map<String, List<PimSchedule>> pimAssignments = new LinkedHashMap<>();
        final Map<String, List<PimSchedule>> pimEligibility = new LinkedHashMap<>();
        final Map<String, PimPolicy> groupPolicies = new LinkedHashMap<>();
        final Map<String, String> ownerPolicyGuids = new LinkedHashMap<>();
        final List<Device> workstations = new ArrayList<>();
        final List<ObjectNode> pcCustomers = new ArrayList<>();
        final Map<String, List<ObjectNode>> pcSubscriptions = new LinkedHashMap<>();
        final List<ObjectNode> pcAuditRecords = new ArrayList<>();
        final List<User> agents = new ArrayList<>();
        final List<User> sales = new ArrayList<>();
    }

    final String tenantId;
    final boolean partner;
    final Licences.Tier tier;
    final Instant now;
    final Rng rng;
    final Hostile hostile;

    String displayName;
    String initialDomain;
    String defaultDomain;
    String country = "US";
    String city = "Seattle";
    Instant created;
    Names.Place place;

    final List<User> users = new ArrayList<>();
    final Map<String, User> usersById = new HashMap<>();
    final List<Group> groups = new ArrayList<>();
    final Map<String, Group> groupsById = new HashMap<>();
    final List<Grant> grants = new ArrayList<>();
    final List<App> apps = new ArrayList<>();
    final List<Sp> sps = new ArrayList<>();
    final List<Device> devices = new ArrayList<>();
    final List<Policy> policies = new ArrayList<>();
    final List<Risky> risky = new ArrayList<>();
    final List<ObjectNode> extraSignIns = new ArrayList<>();
    final List<ObjectNode> audits = new ArrayList<>();
    /** Subscribed SKUs: sku, units, status, subscription id. */
    final List<SkuHolding> skus = new ArrayList<>();
    final Map<String, PimPolicy> rolePolicies = new LinkedHashMap<>();
    final List<Planted> planted = new ArrayList<>();

    boolean securityDefaults;
    /** Authentication methods policy: SMS and voice states (null: absent), number matching state. */
    String smsState = "disabled";
    String voiceState = "disabled";
    String numberMatching = "enabled";

    User breakGlass;
    Group bgGroup;
    Group exemptGroup;
    Group adminsGroup;
    Group approversGroup;
    Policy mfaPolicy;
    Policy adminPolicy;
    Policy devicePolicy;
    /** The non-privileged role that the MFA policy excludes (null: none). */
    String excludedRole;
    PartnerData partnerData;

    /** Staff SKU (what regular users get) and admin SKU (Entra only, no collaboration), or null. */
    Catalog.Sku staffSku;
    Catalog.Sku adminSku;

    private final Set<String> upns = new HashSet<>();
    private final Set<String> phones = new HashSet<>();
    private int uniqueCounter;

    record SkuHolding(Catalog.Sku sku, int units, String status, String subscriptionId) {
    }

    TenantModel(String tenantId, boolean partner, Licences.Tier tier, Instant now, Rng rng, Hostile hostile) {
        this.tenantId = tenantId;
        this.partner = partner;
        this.tier = tier;
        this.now = now;
        this.rng = rng;
        this.hostile = hostile;
    }

    boolean p1() {
        return tier == Licences.Tier.P1 || tier == Licences.Tier.P2;
    }

    boolean p2() {
        return tier == Licences.Tier.P2;
    }

    Instant windowStart() {
        return now.minus(Duration.ofDays(WINDOW_DAYS));
    }

    /** The window of directory audits the tenant keeps: 30 days with P1, 7 without. */
    int auditDays() {
        return p1() ? WINDOW_DAYS : 7;
    }

    // ---- users ------------------------------------------------------------------------------------------------

    /** A UPN made unique in this tenant (a counter, never the random stream, resolves a clash). */
    String uniqueUpn(String local, String domain) {
        String candidate = local + "@" + domain;
        while (!upns.add(candidate.toLowerCase(Locale.ROOT))) {
            candidate = local + (++uniqueCounter) + "@" + domain;
        }
        return candidate;
    }

    String uniquePhone() {
        String phone;
        do {
            phone = "+1 425555" + rng.digits(4);
        } while (!phones.add(phone.replaceAll("\\D", "")));
        return phone;
    }

    User addUser(User u) {
        users.add(u);
        usersById.put(u.id, u);
        return u;
    }

    User user(String id) {
        return usersById.get(id);
    }

    Group addGroup(String name) {
        Group g = new Group(rng.uuid(), name);
        groups.add(g);
        groupsById.put(g.id, g);
        return g;
    }

    Group group(String id) {
        return groupsById.get(id);
    }

    /** A person: random name, UPN {@code <first>.<last>@defaultDomain} (hostile: sometimes formula-like). */
    User newPerson(Kind kind) {
        String first = rng.pick(Names.FIRST);
        String last = rng.pick(Names.LAST);
        User u = new User(rng.uuid());
        u.first = first;
        u.last = last;
        u.kind = kind;
        u.upn = uniqueUpn(hostile.upnLocal(Names.local(first, last)), defaultDomain);
        u.displayName = hostile.name(first + " " + last, 0.15);
        u.mail = u.upn;
        u.created = rng.daysAgo(now, 60, 1500);
        u.place = rng.chance(0.85) ? place : rng.pick(Names.PLACES);
        return addUser(u);
    }

    /** A dedicated admin account named {@code <prefix><first>.<last>}: no mailbox, strong methods, unique recovery. */
    User newAdminAccount(String prefix, Kind kind) {
        String first = rng.pick(Names.FIRST);
        String last = rng.pick(Names.LAST);
        User u = new User(rng.uuid());
        u.first = first;
        u.last = last;
        u.kind = kind;
        u.upn = uniqueUpn(prefix + Names.local(first, last), defaultDomain);
        u.displayName = hostile.name(first + " " + last + (kind == Kind.SALES ? "" : " (admin)"), 0.15);
        u.mail = null;
        u.created = rng.daysAgo(now, 90, 1200);
        u.place = place;
        if (adminSku != null) {
            u.licences.add(adminSku);
            u.licensedAt = u.created.plusSeconds(600);
        }
        u.methods.addAll(List.of("fido2SecurityKey", "microsoftAuthenticatorPush"));
        if (rng.chance(0.4)) {
            u.methods.add(1, "windowsHelloForBusiness");
        }
        u.recoveryEmail = Names.local(first, last) + ".recovery" + (++uniqueCounter) + "@" + defaultDomain;
        u.recoveryPhone = uniquePhone();
        u.lastSeen = rng.daysAgo(now, 32, 80);
        return addUser(u);
    }

    /** Regular methods: the Authenticator app, and a phone or a one-time passcode app. */
    void regularMethods(User u) {
        u.methods.add("microsoftAuthenticatorPush");
        if (rng.chance(0.5)) {
            u.methods.add("softwareOneTimePasscode");
        }
        if (rng.chance(0.6)) {
            u.methods.add("mobilePhone");
            u.recoveryPhone = uniquePhone();
        }
        if (rng.chance(0.3)) {
            u.methods.add("email");
            u.recoveryEmail = (u.first == null ? "user" : Names.local(u.first, u.last)) + ".home"
                    + (++uniqueCounter) + "@" + rng.pick(Names.GUEST_DOMAINS);
        }
    }

    Device newDevice(User owner, boolean corporate) {
        Device d = new Device(rng.uuid(), rng.uuid());
        boolean mobile = !corporate && rng.chance(0.3);
        String slug = Names.slug(defaultDomain == null ? "dev" : defaultDomain);
        String prefix = slug.substring(0, Math.min(3, slug.length())).toUpperCase(Locale.ROOT);
        if (mobile) {
            boolean ios = rng.chance(0.6);
            d.name = hostile.name((owner.first == null ? "Phone" : owner.first + "'s ") + (ios ? "iPhone" : "Android"),
                    0.1);
            d.os = ios ? "iOS" : "Android";
            d.osVersion = ios ? "18.1" : "15";
            d.signInOs = d.os;
            d.browser = ios ? "Mobile Safari" : "Chrome Mobile 130.0.0";
            d.trustType = "Workplace";
            d.compliant = rng.chance(0.7);
            d.managed = d.compliant;
        } else {
            d.name = hostile.name(prefix + "-LT-" + rng.alnum(5).toUpperCase(Locale.ROOT), 0.1);
            boolean mac = rng.chance(0.15);
            d.os = mac ? "MacMDM" : "Windows";
            d.osVersion = mac ? "15.1" : rng.chance(0.6) ? "10.0.26100.2314" : "10.0.22631.4460";
            d.signInOs = mac ? "MacOs" : d.osVersion.startsWith("10.0.26") ? "Windows11" : "Windows10";
            d.browser = rng.chance(0.7) ? "Edge 130.0.2849" : "Chrome 130.0.0";
            d.trustType = mac ? "Workplace" : rng.chance(0.2) ? "ServerAd" : "AzureAd";
            d.compliant = corporate || rng.chance(0.8);
            d.managed = corporate || d.compliant || rng.chance(0.5);
        }
        d.registered = rng.daysAgo(now, 60, 900);
        devices.add(d);
        return d;
    }

    // ---- roles ------------------------------------------------------------------------------------------------

    /** The usual way this tenant holds a role: eligible (P2) or a plain assignment. */
    Grant grant(String principalId, String roleId) {
        return grant(principalId, roleId, p2() ? GrantKind.ELIGIBLE : GrantKind.ACTIVE);
    }

    Grant grant(String principalId, String roleId, GrantKind kind) {
        if (!p2()) {
            kind = GrantKind.ACTIVE; // without PIM every assignment is a plain active one
        }
        Grant g = new Grant(rng.base64url(43) + "-1", rng.uuid(), principalId, roleId, kind);
        switch (kind) {
            case ACTIVE, PERMANENT, UNSCHEDULED -> g.start = rng.daysAgo(now, 40, 900);
            case ACTIVATED -> {
                g.start = rng.hoursAgo(now, 0.5, 6);
                g.end = g.start.plus(Duration.ofHours(8));
                g.duration = "PT8H";
            }
            case ASSIGNED_TIMEBOUND -> {
                g.start = rng.daysAgo(now, 40, 200);
                g.end = rng.daysAhead(now, 30, 300);
            }
            case ELIGIBLE -> {
                g.start = rng.daysAgo(now, 40, 600);
                g.end = rng.daysAhead(now, 60, 700);
            }
            case ELIGIBLE_PERMANENT -> g.start = rng.daysAgo(now, 40, 600);
        }
        grants.add(g);
        return g;
    }

    /** Ids of the users holding a role (or any role when null), directly or through a group, active or eligible. */
    Set<String> holders(String roleId, boolean privilegedOnly) {
        Set<String> out = new LinkedHashSet<>();
        for (Grant g : grants) {
            if (roleId != null && !g.roleId.equals(roleId)) {
                continue;
            }
            if (privilegedOnly && !Catalog.PRIVILEGED_ROLE_IDS.contains(g.roleId)) {
                continue;
            }
            if (usersById.containsKey(g.principalId)) {
                out.add(g.principalId);
            } else if (groupsById.containsKey(g.principalId)) {
                out.addAll(transitiveUsers(g.principalId));
            }
        }
        return out;
    }

    boolean isAdmin(User u) {
        return holders(null, true).contains(u.id);
    }

    /** The user ids among a group's transitive members. */
    List<String> transitiveUsers(String groupId) {
        Set<String> out = new LinkedHashSet<>();
        collect(groupId, out, new HashSet<>(), false);
        return new ArrayList<>(out);
    }

    /** Every transitive member id: nested groups, their users, service principals (each once, in order). */
    List<String> transitiveMembers(String groupId) {
        Set<String> out = new LinkedHashSet<>();
        collect(groupId, out, new HashSet<>(), true);
        return new ArrayList<>(out);
    }

    private void collect(String groupId, Set<String> out, Set<String> seen, boolean all) {
        Group g = groupsById.get(groupId);
        if (g == null || !seen.add(groupId)) {
            return;
        }
        for (String m : g.members) {
            if (groupsById.containsKey(m)) {
                if (all) {
                    out.add(m);
                }
                collect(m, out, seen, all);
            } else if (all || usersById.containsKey(m)) {
                out.add(m);
            }
        }
    }

    List<User> globalAdmins() {
        return holders(Catalog.GA, false).stream().map(usersById::get).toList();
    }

    /** Regular enabled members no violation has used yet (never admins or break-glass accounts). */
    List<User> cleanRegulars() {
        Set<String> roleHolders = holders(null, false);
        return users.stream().filter(u -> u.kind == Kind.REGULAR && u.enabled && !u.touched
                && !roleHolders.contains(u.id)).toList();
    }

    // ---- audits -----------------------------------------------------------------------------------------------

    /** A directory audit entry, in Graph's shape. */
    ObjectNode audit(String idPrefix, String category, String activity, Instant at, String service, String operation,
                     ObjectNode initiatedByUser, List<ObjectNode> targets, List<String[]> details) {
        ObjectNode a = Json.obj();
        a.put("id", idPrefix + "_" + rng.uuid());
        a.put("category", category);
        a.put("correlationId", rng.uuid());
        a.put("result", "success");
        a.put("resultReason", "");
        a.put("activityDisplayName", activity);
        a.put("activityDateTime", Json.time(at));
        a.put("loggedByService", service);
        a.put("operationType", operation);
        ObjectNode by = a.putObject("initiatedBy");
        by.putNull("app");
        by.set("user", initiatedByUser);
        var t = a.putArray("targetResources");
        targets.forEach(t::add);
        var d = a.putArray("additionalDetails");
        for (String[] kv : details) {
            d.addObject().put("key", kv[0]).put("value", kv[1]);
        }
        audits.add(a);
        return a;
    }

    ObjectNode auditUser(User u, String homeTenantId, String homeTenantName) {
        ObjectNode n = Json.obj();
        n.put("id", u.id);
        n.putNull("displayName");
        n.put("userPrincipalName", u.upn);
        n.put("ipAddress", ip(u.place));
        n.putNull("userType");
        n.put("homeTenantId", homeTenantId);
        n.put("homeTenantName", homeTenantName);
        return n;
    }

    ObjectNode auditTarget(String id, String displayName, String type, String upn) {
        ObjectNode n = Json.obj();
        n.put("id", id);
        n.put("displayName", displayName);
        n.put("type", type);
        n.put("userPrincipalName", upn);
        n.putNull("groupType");
        n.putArray("modifiedProperties");
        return n;
    }

    String ip(Names.Place p) {
        Names.Place place = p == null ? Names.PLACES.get(0) : p;
        return place.ipPrefix() + rng.between(2, 250);
    }

    void plant(String controlId, List<String> objectIds, String note) {
        planted.add(new Planted(tenantId, controlId, objectIds, note));
    }
}
