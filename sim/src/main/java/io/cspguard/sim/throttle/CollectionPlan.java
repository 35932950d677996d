package io.cspguard.sim.throttle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cspguard.sim.throttle.GraphLimits.TenantSize;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.TenantRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fewest requests a full collection of a world needs (formats.md §1's snapshot table), read by read, per tenant:
 * for each file the collector must read, ceil(objects ÷ the endpoint's largest page, {@link PageSizes}), at least 1;
 * the per-object reads derived from the world's own data, as a collector derives them from what it has read:
 * <ul>
 *   <li>{@code groupMembers/<id>.json} ({@code transitiveMembers}) for each group in {@code groups.json} that a
 *       Conditional Access policy includes or excludes, that holds a role ({@code roleAssignments},
 *       {@code roleEligibilitySchedules}), that a PIM approval rule names (directory role policies, and in the
 *       partner the PIM for Groups policies), that an active access assignment of an active GDAP relationship
 *       names, or that is a Partner Center agent group ({@code AdminAgents}, {@code HelpdeskAgents},
 *       {@code SalesAgents}, found by display name);</li>
 *   <li>{@code authenticationMethods/<id>.json} for each user who holds a privileged role (the built-in list of
 *       controls.md, the configuration's {@code privilegedRoles}, and role definitions marked {@code isPrivileged}),
 *       active or eligible, directly or through a group (its members from the world's {@code groupMembers});</li>
 *   <li>in the partner: {@code delegatedAdminAccessAssignments/<id>.json} for each active GDAP relationship, the
 *       three {@code pimGroup…/<id>.json} files for {@code AdminAgents} and each GDAP access group, and Partner
 *       Center's customers (paged), one subscriptions read per customer, and audit records (paged).</li>
 * </ul>
 * A file that the tenant's licence makes impossible (P2 files without P2, sign-ins without P1) or that the world's
 * {@code readErrors} refuse costs the one request that learns so, and what it would have named is not known to the
 * collector (so names no further reads). A customer tenant the collector cannot reach (app-only: the partner's app
 * was not consented there, and the token request fails) costs no Graph request. Nothing is counted for tokens, for
 * {@code $batch} envelopes (each request inside a batch counts as one), or for the optional
 * {@code azureRoleAssignments.json} (Azure Resource Manager).
 */
public final class CollectionPlan {
    /** The Partner Center agent groups (formats.md §1). */
    public static final List<String> AGENT_GROUPS = List.of("AdminAgents", "HelpdeskAgents", "SalesAgents");

    /** The built-in privileged roles of controls.md, by template id (the same list as core's {@code Roles}). */
    public static final Set<String> PRIVILEGED_ROLES = Set.of(
            "62e90394-69f5-4237-9190-012177145e10", "e8611ab8-c189-46e8-94e1-60213ab1f814",
            "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "194ae4cb-b126-40b2-bd5b-6091b380977d",
            "fe930be7-5e62-47db-91af-98c3a49a38b1", "29232cdf-9323-42fd-ade2-1d097af3e4de",
            "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
            "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "158c047a-c907-4556-b7ef-446551a6b5f7",
            "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "c4e39bd9-1100-46d3-8c65-fb160da0071f",
            "3a2c62db-5318-420d-8d74-23affee5d9d5", "b0f54661-2d74-4c50-afa3-1ec803f12efe",
            "729827e3-9c14-49f7-bb1b-9608f156bbb8", "4ba39ca4-527c-499a-b93d-d9b492c50246",
            "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8");

    private static final Set<String> P2_FILES = Set.of("roleAssignmentSchedules.json", "roleEligibilitySchedules.json",
            "roleManagementPolicyAssignments.json", "riskyUsers.json");
    private static final Set<String> P1_FILES = Set.of("signIns.json");

    /**
     * One read: a snapshot file and the requests it takes.
     *
     * @param path            the request path (no version prefix, no query) as the simulated Graph sees it
     * @param resourceUnits   for a directory read: the least each of its requests costs; 0 for the other families
     * @param objects         the objects the world holds for it (0 when refused)
     * @param refused         whether the licence or the world's {@code readErrors} refuse it (one request learns so)
     */
    public record Read(String file, String path, Category category, long requests, int resourceUnits, long objects,
                       boolean refused) {
        public long totalResourceUnits() {
            return category == Category.DIRECTORY ? requests * resourceUnits : 0;
        }
    }

    /**
     * The reads of one tenant.
     *
     * @param reachable false for a customer the collector cannot reach (no reads at all)
     * @param users     objects in the world's {@code users.json} (the size class of the directory budget)
     */
    public record TenantPlan(String tenantId, boolean partner, boolean reachable, long users, TenantSize size,
                             List<Read> reads) {
        public TenantPlan {
            reads = List.copyOf(reads);
        }

        public long requests(Category category) {
            return reads.stream().filter(r -> r.category() == category).mapToLong(Read::requests).sum();
        }

        public long graphRequests() {
            return reads.stream().filter(r -> r.category() != Category.PARTNER_CENTER).mapToLong(Read::requests).sum();
        }

        public long directoryResourceUnits() {
            return reads.stream().mapToLong(Read::totalResourceUnits).sum();
        }

        /** The read of a file, if the plan holds one. */
        public java.util.Optional<Read> read(String file) {
            return reads.stream().filter(r -> r.file().equals(file)).findFirst();
        }
    }

    private final List<TenantPlan> tenants;

    private CollectionPlan(List<TenantPlan> tenants) {
        this.tenants = List.copyOf(tenants);
    }

    /** App-only access ({@code mode: app}): customers are reachable where the partner's app was consented. */
    public static CollectionPlan of(World world) {
        return of(world, SimTenant::appConsented);
    }

    /**
     * @param reachable which customer tenants a collector can get a token for (app-only: {@link
     *                  SimTenant#appConsented()}; delegated: where the signed-in user's GDAP roles reach); the
     *                  partner is always reachable
     */
    public static CollectionPlan of(World world, Predicate<SimTenant> reachable) {
        Set<String> configured = configuredPrivilegedRoles(world.configYaml());
        List<TenantPlan> plans = new ArrayList<>();
        for (SimTenant t : world.tenants()) {
            boolean partner = t.role() == TenantRole.PARTNER || t.tenantId().equalsIgnoreCase(world.partnerTenantId());
            t.lock().readLock().lock();
            try {
                long users = size(t, "users.json");
                boolean canReach = partner || reachable.test(t);
                List<Read> reads = canReach ? new TenantReads(t, partner, configured).reads() : List.of();
                plans.add(new TenantPlan(t.tenantId(), partner, canReach, users, TenantSize.ofUsers(users), reads));
            } finally {
                t.lock().readLock().unlock();
            }
        }
        return new CollectionPlan(plans);
    }

    public List<TenantPlan> tenants() {
        return tenants;
    }

    public java.util.Optional<TenantPlan> tenant(String tenantId) {
        return tenants.stream().filter(t -> t.tenantId().equalsIgnoreCase(tenantId)).findFirst();
    }

    private static long size(SimTenant t, String file) {
        List<ObjectNode> c = t.collections().get(file);
        return c == null ? 0 : c.size();
    }

    private static Set<String> configuredPrivilegedRoles(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return Set.of();
        }
        try {
            JsonNode roles = new YAMLMapper().readTree(yaml).path("privilegedRoles");
            Set<String> ids = new HashSet<>();
            roles.forEach(r -> {
                if (r.isTextual()) {
                    ids.add(r.asText().toLowerCase(Locale.ROOT));
                }
            });
            return ids;
        } catch (Exception e) {
            return Set.of(); // an unreadable configuration adds no role; the built-in list still applies
        }
    }

    /** Works out one tenant's reads, in the order of formats.md §1's table. Called under the tenant's read lock. */
    private static final class TenantReads {
        private final SimTenant t;
        private final boolean partner;
        private final Set<String> configuredRoles;
        private final List<Read> reads = new ArrayList<>();
        private final Map<String, String> groupIds = new LinkedHashMap<>(); // lower → as written
        private final Map<String, String> userIds = new LinkedHashMap<>();

        TenantReads(SimTenant t, boolean partner, Set<String> configuredRoles) {
            this.t = t;
            this.partner = partner;
            this.configuredRoles = configuredRoles;
        }

        List<Read> reads() {
            boolean p1 = t.licence() == Licences.Tier.P1 || t.licence() == Licences.Tier.P2;
            if (readable("groups.json")) {
                for (ObjectNode g : objects("groups.json")) {
                    String id = text(g, "id");
                    if (id != null) {
                        groupIds.putIfAbsent(lower(id), id);
                    }
                }
            }
            if (readable("users.json")) {
                for (ObjectNode u : objects("users.json")) {
                    String id = text(u, "id");
                    if (id != null) {
                        userIds.putIfAbsent(lower(id), id);
                    }
                }
            }
            collection("organization.json", "/organization", PageSizes.DIRECTORY);
            collection("subscribedSkus.json", "/subscribedSkus", PageSizes.DIRECTORY);
            collection("users.json", "/users", p1 ? PageSizes.USERS_WITH_SIGN_IN_ACTIVITY : PageSizes.DIRECTORY);
            collection("userRegistrationDetails.json", "/reports/authenticationMethods/userRegistrationDetails",
                    PageSizes.USER_REGISTRATION_DETAILS);
            collection("groups.json", "/groups", PageSizes.DIRECTORY);
            collection("roleDefinitions.json", "/roleManagement/directory/roleDefinitions", PageSizes.DIRECTORY);
            collection("roleAssignments.json", "/roleManagement/directory/roleAssignments", PageSizes.DIRECTORY);
            collection("roleAssignmentSchedules.json", "/roleManagement/directory/roleAssignmentSchedules",
                    PageSizes.DIRECTORY);
            collection("roleEligibilitySchedules.json", "/roleManagement/directory/roleEligibilitySchedules",
                    PageSizes.DIRECTORY);
            collection("roleManagementPolicyAssignments.json", "/policies/roleManagementPolicyAssignments",
                    PageSizes.DIRECTORY, true);
            collection("conditionalAccessPolicies.json", "/identity/conditionalAccess/policies", PageSizes.DIRECTORY);
            single("securityDefaults.json", "/policies/identitySecurityDefaultsEnforcementPolicy");
            single("authenticationMethodsPolicy.json", "/policies/authenticationMethodsPolicy");
            collection("signIns.json", "/auditLogs/signIns", PageSizes.SIGN_INS);
            collection("directoryAudits.json", "/auditLogs/directoryAudits", PageSizes.DIRECTORY_AUDITS);
            collection("riskyUsers.json", "/identityProtection/riskyUsers", PageSizes.RISKY_USERS);
            collection("applications.json", "/applications", PageSizes.DIRECTORY);
            collection("servicePrincipals.json", "/servicePrincipals", PageSizes.DIRECTORY);
            collection("devices.json", "/devices", PageSizes.DIRECTORY);
            collection("managedDevices.json", "/deviceManagement/managedDevices", PageSizes.MANAGED_DEVICES);

            Set<String> pimGroups = new LinkedHashSet<>();
            Set<String> needed = new LinkedHashSet<>();
            if (partner) {
                collection("delegatedAdminRelationships.json", "/tenantRelationships/delegatedAdminRelationships",
                        PageSizes.GDAP);
                Set<String> gdapGroups = new LinkedHashSet<>();
                for (ObjectNode r : readableObjects("delegatedAdminRelationships.json")) {
                    String id = text(r, "id");
                    if (id == null || !"active".equalsIgnoreCase(text(r, "status"))) {
                        continue;
                    }
                    String file = "delegatedAdminAccessAssignments/" + id + ".json";
                    collection(file, "/tenantRelationships/delegatedAdminRelationships/" + id + "/accessAssignments",
                            PageSizes.GDAP);
                    for (ObjectNode a : readableObjects(file)) {
                        String group = text(a.path("accessContainer"), "accessContainerId");
                        if (group != null && "active".equalsIgnoreCase(text(a, "status"))) {
                            gdapGroups.add(group);
                        }
                    }
                }
                String adminAgents = null;
                for (ObjectNode g : readableObjects("groups.json")) {
                    String name = text(g, "displayName");
                    boolean notSecurity = g.path("securityEnabled").isBoolean() && !g.path("securityEnabled").asBoolean();
                    if (name != null && AGENT_GROUPS.contains(name) && !notSecurity) {
                        needed.add(text(g, "id"));
                        if (name.equals("AdminAgents") && adminAgents == null) {
                            adminAgents = text(g, "id");
                        }
                    }
                }
                if (adminAgents != null) {
                    pimGroups.add(adminAgents);
                }
                pimGroups.addAll(gdapGroups);
                needed.addAll(gdapGroups);
            }

            for (ObjectNode p : readableObjects("conditionalAccessPolicies.json")) {
                JsonNode users = p.path("conditions").path("users");
                addTexts(users.path("includeGroups"), needed);
                addTexts(users.path("excludeGroups"), needed);
            }
            for (String file : List.of("roleAssignments.json", "roleEligibilitySchedules.json")) {
                for (ObjectNode a : readableObjects(file)) {
                    String principal = text(a, "principalId");
                    if (principal != null && groupIds.containsKey(lower(principal))) {
                        needed.add(principal);
                    }
                }
            }
            for (ObjectNode a : readableObjects("roleManagementPolicyAssignments.json")) {
                approverGroups(a, needed);
            }

            // PIM for Groups of AdminAgents and the GDAP access groups (partner): their policies name approvers too.
            List<String> pim = pimGroups.stream().filter(g -> groupIds.containsKey(lower(g)))
                    .map(g -> groupIds.get(lower(g))).distinct().toList();
            for (String g : pim) {
                collection("pimGroupAssignmentSchedules/" + g + ".json",
                        "/identityGovernance/privilegedAccess/group/assignmentSchedules", PageSizes.DIRECTORY);
                collection("pimGroupEligibilitySchedules/" + g + ".json",
                        "/identityGovernance/privilegedAccess/group/eligibilitySchedules", PageSizes.DIRECTORY);
                collection("pimGroupPolicyAssignments/" + g + ".json", "/policies/roleManagementPolicyAssignments",
                        PageSizes.DIRECTORY, true);
                for (ObjectNode a : readableObjects("pimGroupPolicyAssignments/" + g + ".json")) {
                    approverGroups(a, needed);
                }
            }

            Set<String> members = new LinkedHashSet<>();
            for (String g : needed) {
                if (g != null && groupIds.containsKey(lower(g))) {
                    members.add(groupIds.get(lower(g)));
                }
            }
            for (String g : members) {
                collection("groupMembers/" + g + ".json", "/groups/" + g + "/transitiveMembers", PageSizes.DIRECTORY);
            }

            for (String u : privilegedUsers()) {
                collection("authenticationMethods/" + u + ".json", "/users/" + u + "/authentication/methods",
                        PageSizes.UNPAGED);
            }

            if (partner) {
                collection("partnerCenter/customers.json", "/v1/customers", PageSizes.PARTNER_CENTER_CUSTOMERS);
                int index = 0;
                for (ObjectNode c : readableObjects("partnerCenter/customers.json")) {
                    String id = text(c, "id");
                    if (id == null) {
                        id = text(c.path("companyProfile"), "tenantId");
                    }
                    if (id == null) {
                        id = "#" + index;
                    }
                    index++;
                    collection("partnerCenter/subscriptions/" + id + ".json", "/v1/customers/" + id + "/subscriptions",
                            PageSizes.UNPAGED);
                }
                collection("partnerCenter/auditRecords.json", "/v1/auditrecords", PageSizes.PARTNER_CENTER_AUDIT_RECORDS);
            }
            return Collections.unmodifiableList(reads);
        }

        /** Users who hold a privileged role, active or eligible, directly or through a group. */
        private Set<String> privilegedUsers() {
            Map<String, String> templateById = new LinkedHashMap<>();
            Set<String> privileged = new HashSet<>(PRIVILEGED_ROLES);
            privileged.addAll(configuredRoles);
            for (ObjectNode d : readableObjects("roleDefinitions.json")) {
                String id = text(d, "id");
                String template = text(d, "templateId") != null ? text(d, "templateId") : id;
                if (id != null && template != null) {
                    templateById.put(lower(id), lower(template));
                }
                if (template != null && d.path("isPrivileged").asBoolean(false)) {
                    privileged.add(lower(template));
                }
            }
            Set<String> holders = new LinkedHashSet<>();
            for (String file : List.of("roleAssignments.json", "roleEligibilitySchedules.json")) {
                for (ObjectNode a : readableObjects(file)) {
                    String role = text(a, "roleDefinitionId");
                    String principal = text(a, "principalId");
                    if (role == null || principal == null
                            || !privileged.contains(templateById.getOrDefault(lower(role), lower(role)))) {
                        continue;
                    }
                    if (userIds.containsKey(lower(principal))) {
                        holders.add(userIds.get(lower(principal)));
                    } else if (groupIds.containsKey(lower(principal))) {
                        String membersFile = "groupMembers/" + groupIds.get(lower(principal)) + ".json";
                        for (ObjectNode m : readableObjects(membersFile)) {
                            String type = text(m, "@odata.type");
                            String id = text(m, "id");
                            if (id != null && (type == null || type.equalsIgnoreCase("#microsoft.graph.user"))
                                    && userIds.containsKey(lower(id))) {
                                holders.add(userIds.get(lower(id)));
                            }
                        }
                    }
                }
            }
            return holders;
        }

        private void approverGroups(ObjectNode assignment, Set<String> into) {
            for (JsonNode rule : assignment.path("policy").path("rules")) {
                for (JsonNode stage : rule.path("setting").path("approvalStages")) {
                    for (String list : List.of("primaryApprovers", "escalationApprovers")) {
                        for (JsonNode approver : stage.path(list)) {
                            String type = approver.path("@odata.type").asText("");
                            String group = text(approver, "groupId");
                            if (group != null && type.equalsIgnoreCase("#microsoft.graph.groupMembers")) {
                                into.add(group);
                            }
                        }
                    }
                }
            }
        }

        private void collection(String file, String path, int pageSize) {
            collection(file, path, pageSize, false);
        }

        private void collection(String file, String path, int pageSize, boolean expand) {
            Category category = RequestCosts.category(path);
            int ru = category == Category.DIRECTORY ? RequestCosts.minimumResourceUnits(path, expand) : 0;
            if (refused(file)) {
                reads.add(new Read(file, path, category, 1, ru, 0, true));
                return;
            }
            long objects = size(t, file);
            reads.add(new Read(file, path, category, PageSizes.pages(objects, pageSize), ru, objects, false));
        }

        private void single(String file, String path) {
            Category category = RequestCosts.category(path);
            int ru = category == Category.DIRECTORY ? RequestCosts.minimumResourceUnits(path, false) : 0;
            boolean refused = refused(file);
            reads.add(new Read(file, path, category, 1, ru, refused || !t.objects().containsKey(file) ? 0 : 1, refused));
        }

        private boolean refused(String file) {
            if (t.readErrors().containsKey(file)) {
                return true;
            }
            boolean p2 = t.licence() == Licences.Tier.P2;
            boolean p1 = p2 || t.licence() == Licences.Tier.P1;
            if (!p2 && (P2_FILES.contains(file) || file.startsWith("pimGroup"))) {
                return true;
            }
            return !p1 && P1_FILES.contains(file);
        }

        private boolean readable(String file) {
            return !refused(file);
        }

        private List<ObjectNode> objects(String file) {
            List<ObjectNode> c = t.collections().get(file);
            return c == null ? List.of() : c;
        }

        private List<ObjectNode> readableObjects(String file) {
            return readable(file) ? objects(file) : List.of();
        }

        private static void addTexts(JsonNode array, Set<String> into) {
            for (JsonNode n : array) {
                if (n.isTextual()) {
                    into.add(n.asText());
                }
            }
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || !v.isTextual() ? null : v.asText();
        }

        private static String lower(String s) {
            return s.toLowerCase(Locale.ROOT);
        }
    }
}
