package io.cspguard.controls;

import io.cspguard.config.Config;
import io.cspguard.coverage.CoverageEngine;
import io.cspguard.coverage.Directory;
import io.cspguard.coverage.Tri;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.TenantSnapshot;
import io.cspguard.snapshot.graph.AccessAssignment;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import io.cspguard.snapshot.graph.DirectoryObject;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a control sees of one tenant: its snapshot, the partner's view (for cross-tenant controls), the
 * configuration, and indexes derived once from them (users by id, role holdings, Conditional Access coverage,
 * customer-access users). Pure: everything comes from the snapshot and the configuration.
 */
public final class TenantView implements Directory {
    public static final List<String> AGENT_GROUPS = List.of("AdminAgents", "HelpdeskAgents", "SalesAgents");

    private final TenantSnapshot snapshot;
    private final TenantView partner;
    private final Config config;
    private final OwnRecords records;
    private final Set<String> breakGlass;
    private final Lazy<Map<String, User>> usersById;
    private final Lazy<Map<String, User>> usersByUpn;
    private final Lazy<Map<String, Group>> groupsById;
    private final Lazy<RoleIndex> roles;
    private final Lazy<CoverageEngine> coverage;
    private final Lazy<CustomerAccess> customerAccess;

    public TenantView(TenantSnapshot snapshot, TenantView partner, Config config) {
        this(snapshot, partner, config, OwnRecords.NONE);
    }

    public TenantView(TenantSnapshot snapshot, TenantView partner, Config config, OwnRecords records) {
        this.records = records;
        this.snapshot = snapshot;
        this.partner = partner;
        this.config = config;
        this.breakGlass = config.breakGlassFor(snapshot.tenantId());
        this.usersById = new Lazy<>(() -> index(true));
        this.usersByUpn = new Lazy<>(() -> index(false));
        this.groupsById = new Lazy<>(this::groupIndex);
        this.roles = new Lazy<>(() -> new RoleIndex(snapshot, config.privilegedRoles(), usersById.get()));
        this.coverage = new Lazy<>(() -> new CoverageEngine(snapshot.conditionalAccessPolicies(),
                snapshot.licences(), snapshot.securityDefaults(), this));
        this.customerAccess = new Lazy<>(this::computeCustomerAccess);
    }

    public TenantSnapshot snapshot() {
        return snapshot;
    }

    public Config config() {
        return config;
    }

    /** CSP Guard's own records (reviews); {@link OwnRecords#NONE} for a plain assess. */
    public OwnRecords records() {
        return records;
    }

    public String tenantId() {
        return snapshot.tenantId();
    }

    public Instant collectedAt() {
        return snapshot.collectedAt();
    }

    /** The partner's view, when the partner's snapshot is part of the input (it is for the partner itself). */
    public Optional<TenantView> partner() {
        return Optional.ofNullable(snapshot.isPartner() ? this : partner);
    }

    /** "Within N days" is inclusive: at or after collectedAt minus N days. */
    public boolean withinDays(Instant when, int days) {
        return when != null && !when.isBefore(collectedAt().minus(Duration.ofDays(days)));
    }

    // ---- users --------------------------------------------------------------------------------------------

    public Data<List<User>> users() {
        return snapshot.users();
    }

    public Optional<User> user(String idOrUpn) {
        if (idOrUpn == null) {
            return Optional.empty();
        }
        String key = idOrUpn.toLowerCase(Locale.ROOT);
        User u = usersById.get().get(key);
        return Optional.ofNullable(u != null ? u : usersByUpn.get().get(key));
    }

    public Map<String, User> usersById() {
        return usersById.get();
    }

    public boolean isBreakGlass(User user) {
        return (user.id() != null && breakGlass.contains(user.id().toLowerCase(Locale.ROOT)))
                || (user.userPrincipalName() != null
                && breakGlass.contains(user.userPrincipalName().toLowerCase(Locale.ROOT)));
    }

    /** Whether an object id or UPN is configured as a break-glass account of this tenant. */
    public boolean isBreakGlassId(String idOrUpn) {
        return idOrUpn != null && breakGlass.contains(idOrUpn.toLowerCase(Locale.ROOT));
    }

    private Map<String, User> index(boolean byId) {
        if (!snapshot.users().isPresent()) {
            return Map.of();
        }
        Map<String, User> map = new HashMap<>();
        for (User u : snapshot.users().orNull()) {
            String key = byId ? u.id() : u.userPrincipalName();
            if (key != null) {
                map.put(key.toLowerCase(Locale.ROOT), u);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    // ---- groups -------------------------------------------------------------------------------------------

    private Map<String, Group> groupIndex() {
        if (!snapshot.groups().isPresent()) {
            return Map.of();
        }
        Map<String, Group> map = new HashMap<>();
        for (Group g : snapshot.groups().orNull()) {
            if (g.id() != null) {
                map.put(g.id().toLowerCase(Locale.ROOT), g);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The security group with this display name (Partner Center's agent groups are found this way). */
    public Data<Optional<Group>> groupNamed(String displayName) {
        return snapshot.groups().map(groups -> groups.stream()
                .filter(g -> displayName.equals(g.displayName()))
                .filter(g -> !Boolean.FALSE.equals(g.securityEnabled()))
                .findFirst());
    }

    /** The users among a group's transitive members. */
    public Data<List<User>> memberUsers(String groupId) {
        return snapshot.groupMembers().get(groupId).map(members -> {
            List<User> users = new ArrayList<>();
            for (DirectoryObject o : members) {
                if (o.id() == null || !(o.isUser() || o.odataType() == null)) {
                    continue;
                }
                User u = usersById.get().get(o.id().toLowerCase(Locale.ROOT));
                users.add(u != null ? u : new User(o.id(), o.userPrincipalName(), o.displayName(), null, null, null,
                        List.of(), null));
            }
            return users;
        });
    }

    @Override
    public Tri memberOf(String groupId, User user) {
        Data<List<DirectoryObject>> members = snapshot.groupMembers().get(groupId);
        if (!members.isPresent()) {
            return Tri.UNKNOWN;
        }
        return Tri.of(members.orNull().stream().anyMatch(o -> o.id() != null && o.id().equalsIgnoreCase(user.id())));
    }

    @Override
    public String membersMissingReason(String groupId) {
        return snapshot.groupMembers().get(groupId) instanceof Data.Missing<?> m ? m.reason() : null;
    }

    @Override
    public String groupName(String groupId) {
        Group g = groupsById.get().get(groupId == null ? "" : groupId.toLowerCase(Locale.ROOT));
        return g != null && g.displayName() != null ? g.displayName() : groupId;
    }

    // ---- roles and coverage -------------------------------------------------------------------------------

    public RoleIndex roles() {
        return roles.get();
    }

    @Override
    public Tri holdsActiveRole(String roleTemplateId, User user) {
        if (roles().holdsActive(user, roleTemplateId)) {
            return Tri.TRUE;
        }
        return roles().activeUnknowns(roleTemplateId).isEmpty() ? Tri.FALSE : Tri.UNKNOWN;
    }

    @Override
    public String activeRolesMissingReason() {
        return String.join("; ", roles().activeUnknowns(""));
    }

    @Override
    public String roleName(String roleTemplateId) {
        return roles().roleName(roleTemplateId);
    }

    public CoverageEngine coverage() {
        return coverage.get();
    }

    /** Users who certainly hold a privileged role (active or eligible, directly or through a group). */
    public List<User> admins() {
        if (!snapshot.users().isPresent()) {
            return List.of();
        }
        return snapshot.users().orNull().stream().filter(u -> !roles().privilegedHoldings(u).isEmpty()).toList();
    }

    /** "Admin 'x' (Global Administrator, Security Administrator)". */
    public String rolesOf(User user) {
        Set<String> names = new LinkedHashSet<>();
        for (RoleIndex.Holding h : roles().privilegedHoldings(user)) {
            names.add(roles().roleName(h.roleTemplateId()) + (h.active() ? "" : " (eligible)")
                    + (h.viaGroupId() == null ? "" : " via group '" + groupName(h.viaGroupId()) + "'"));
        }
        return String.join(", ", names);
    }

    /** Users who hold Global Administrator, active or eligible, directly or through a group. */
    public List<User> globalAdmins() {
        if (!snapshot.users().isPresent()) {
            return List.of();
        }
        return snapshot.users().orNull().stream().filter(u -> roles().holds(u, Roles.GLOBAL_ADMINISTRATOR)).toList();
    }

    // ---- the partner's customer access ----------------------------------------------------------------------

    public CustomerAccess customerAccess() {
        return customerAccess.get();
    }

    /**
     * Group ids named by active access assignments of active GDAP relationships (each with the relationship named),
     * and what could not be read: one relationship's missing assignments file hides only that relationship's groups.
     */
    public record GdapGroups(Map<String, String> groups, Set<String> unknowns) {
    }

    public GdapGroups gdapAccessGroups() {
        Data<List<DelegatedAdminRelationship>> rels = snapshot.delegatedAdminRelationships();
        if (rels instanceof Data.Missing<List<DelegatedAdminRelationship>> m) {
            return new GdapGroups(Map.of(), Set.of(m.reason()));
        }
        Map<String, String> groups = new LinkedHashMap<>();
        Set<String> unknowns = new LinkedHashSet<>();
        for (DelegatedAdminRelationship r : rels.orNull()) {
            if (!r.active()) {
                continue;
            }
            Data<List<AccessAssignment>> assignments = snapshot.delegatedAdminAccessAssignments().get(r.id());
            if (assignments instanceof Data.Missing<List<AccessAssignment>> m) {
                unknowns.add(m.reason());
                continue;
            }
            for (AccessAssignment a : assignments.orNull()) {
                if (a.active() && a.groupId() != null) {
                    groups.putIfAbsent(a.groupId(), "GDAP relationship '" + r.displayName() + "' with "
                            + r.customerName());
                }
            }
        }
        return new GdapGroups(Collections.unmodifiableMap(groups), Collections.unmodifiableSet(unknowns));
    }

    private CustomerAccess computeCustomerAccess() {
        Map<String, User> users = new LinkedHashMap<>();
        Map<String, List<String>> via = new HashMap<>();
        Set<String> unknowns = new LinkedHashSet<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (String agentGroup : List.of("AdminAgents", "HelpdeskAgents")) {
            Data<Optional<Group>> g = groupNamed(agentGroup);
            if (g instanceof Data.Missing<Optional<Group>> m) {
                unknowns.add(m.reason());
            } else if (g.orNull().isPresent()) {
                groups.put(g.orNull().get().id(), agentGroup);
            }
        }
        GdapGroups gdap = gdapAccessGroups();
        unknowns.addAll(gdap.unknowns());
        gdap.groups().forEach((id, why) -> groups.merge(id, "group '" + groupName(id) + "' (" + why + ")",
                (a, b) -> a + ", " + b));
        groups.forEach((groupId, label) -> {
            Data<List<User>> members = memberUsers(groupId);
            if (members instanceof Data.Missing<List<User>> m) {
                unknowns.add(m.reason());
                return;
            }
            for (User u : members.orNull()) {
                String key = u.id().toLowerCase(Locale.ROOT);
                users.putIfAbsent(key, u);
                via.computeIfAbsent(key, k -> new ArrayList<>()).add(label);
            }
        });
        return new CustomerAccess(Collections.unmodifiableMap(users), Collections.unmodifiableMap(via),
                Collections.unmodifiableSet(unknowns));
    }
}
