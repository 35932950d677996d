package io.cspguard.graph.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.controls.Roles;
import io.cspguard.graph.auth.AuthException;
import io.cspguard.graph.auth.Resource;
import io.cspguard.graph.http.Batch;
import io.cspguard.graph.http.FileOutput;
import io.cspguard.graph.http.ItemListener;
import io.cspguard.graph.http.PageResult;
import io.cspguard.snapshot.Json;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.graph.SubscribedSku;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Collects one tenant into its folder: {@code subscribedSkus} first (the licences decide what else can be read), then
 * every file of formats.md §1's table that the licences allow, concurrently, then the per-object reads that what was
 * read calls for, in {@code $batch}es — the same reads, derived the same way, as the simulator's {@code CollectionPlan}
 * counts as the minimum:
 * <ul>
 *   <li>partner: the access assignments of each active GDAP relationship; PIM for Groups (assignment and eligibility
 *       schedules, policies) of {@code AdminAgents} and each group an active access assignment names;</li>
 *   <li>{@code groupMembers/<id>.json} for each group (in {@code groups.json}) that a Conditional Access policy
 *       includes or excludes, that holds a role (assigned or eligible), that a PIM approval rule names, that an active
 *       access assignment names, or that is a Partner Center agent group;</li>
 *   <li>{@code authenticationMethods/<id>.json} for each user who holds a privileged role, directly or through a
 *       group;</li>
 *   <li>partner: Partner Center's customers, each one's subscriptions, and the audit records of the window.</li>
 * </ul>
 * Without P1, sign-ins are not requested (Graph refuses them: the refusal is recorded as it would be) and Conditional
 * Access policies are not read; without P2, PIM and risky users are not read. When {@code subscribedSkus} could not be
 * read, everything is tried and a licence refusal is recorded as expected. When {@code users.json} or
 * {@code groups.json} could not be read whole, the ids they would have confirmed are read anyway, and a 404 then means
 * "not that kind of object" rather than a failure.
 */
final class TenantCollector {
    static final String NON_PREMIUM = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";
    static final String NON_PREMIUM_MESSAGE = "Neither tenant is B2C or tenant doesn't have premium license";
    private static final Set<String> LICENCE_CODES = Set.of("authentication_requestfromnonpremiumtenantorb2ctenant",
            "aadpremiumlicenserequired");

    @FunctionalInterface
    interface Task {
        void run() throws InterruptedException;
    }

    private final Collector.Run run;
    private final String tenantId;
    private final boolean partner;
    private final String fallbackName;
    private final Consumer<List<Facts.Customer>> onDiscovery;
    private final AtomicBoolean discoveryReported = new AtomicBoolean();
    private final Facts facts = new Facts();
    private final Map<String, MissingRead> errors = new ConcurrentHashMap<>();
    private final AtomicInteger files = new AtomicInteger();
    private final String v1;
    private final String beta;
    private final String pc;
    private SnapshotWriter.TenantFolder folder;
    private volatile Licences licences = Licences.unknown("subscribedSkus.json was not read");
    private volatile boolean intune = true;
    private volatile boolean usersComplete;
    private volatile boolean groupsComplete;
    private String since;

    TenantCollector(Collector.Run run, String tenantId, boolean partner, String fallbackName,
                    Consumer<List<Facts.Customer>> onDiscovery) {
        this.run = run;
        this.tenantId = tenantId;
        this.partner = partner;
        this.fallbackName = fallbackName;
        this.onDiscovery = onDiscovery;
        this.v1 = run.settings().graph() + "/v1.0";
        this.beta = run.settings().graph() + "/beta";
        this.pc = run.settings().partnerCenter() + "/v1";
    }

    TenantOutcome collect() throws InterruptedException {
        String role = partner ? "partner" : "customer";
        try {
            try {
                run.tokens().token(tenantId, Resource.GRAPH);
            } catch (AuthException e) {
                return TenantOutcome.failed(tenantId, fallbackName, role, "no token for the tenant: "
                        + e.getMessage());
            }
            try {
                folder = run.writer().begin(tenantId);
            } catch (IOException e) {
                return TenantOutcome.failed(tenantId, fallbackName, role, "cannot write the tenant's folder: "
                        + e.getMessage());
            }
            try {
                collectAll();
                String name = facts.organizationName != null ? facts.organizationName : fallbackName;
                Instant at = run.http().latestDate() != null ? run.http().latestDate()
                        : Instant.now().truncatedTo(ChronoUnit.SECONDS);
                Map<String, SnapshotWriter.ErrorEntry> entries = new LinkedHashMap<>();
                errors.forEach((f, m) -> entries.put(f, new SnapshotWriter.ErrorEntry(m.status(), m.code(),
                        m.message())));
                folder.commit(name, role, at, entries);
                List<MissingRead> missing = errors.values().stream().filter(m -> !m.expected())
                        .sorted(java.util.Comparator.comparing(MissingRead::file)).toList();
                List<MissingRead> expected = errors.values().stream().filter(MissingRead::expected)
                        .sorted(java.util.Comparator.comparing(MissingRead::file)).toList();
                TenantOutcome.Status status = files.get() == 0 ? TenantOutcome.Status.FAILED
                        : missing.isEmpty() ? TenantOutcome.Status.COMPLETE : TenantOutcome.Status.PARTIAL;
                return new TenantOutcome(tenantId, name, role, status, missing, expected,
                        files.get() == 0 ? "no file could be read" : null, files.get());
            } catch (IOException | RuntimeException e) {
                folder.abandon();
                return TenantOutcome.failed(tenantId, fallbackName, role, "collection failed: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                folder.abandon();
                throw e;
            }
        } finally {
            reportDiscovery();
        }
    }

    private void reportDiscovery() {
        if (partner && onDiscovery != null && discoveryReported.compareAndSet(false, true)) {
            List<Facts.Customer> customers = new ArrayList<>();
            synchronized (facts.relationships) {
                for (Facts.Relationship r : facts.relationships) {
                    if (r.customerTenantId() != null) {
                        customers.add(new Facts.Customer(r.customerTenantId(), r.customerName()));
                    }
                }
            }
            synchronized (facts.pcCustomers) {
                customers.addAll(facts.pcCustomers);
            }
            onDiscovery.accept(customers);
        }
    }

    private void collectAll() throws InterruptedException {
        // 1. licences (and, in the partner, the customers)
        List<Task> first = new ArrayList<>();
        first.add(() -> {
            PageResult r = collection("subscribedSkus.json", v1 + "/subscribedSkus", facts.skus::add);
            if (r.complete()) {
                decideLicences();
            }
        });
        if (partner) {
            first.add(() -> collection("delegatedAdminRelationships.json",
                    v1 + Requests.top("/tenantRelationships/delegatedAdminRelationships", Requests.TOP_GDAP),
                    facts.relationships()));
            first.add(() -> partnerCenter("partnerCenter/customers.json",
                    pc + "/customers" + Requests.query("size", Integer.toString(Requests.PC_CUSTOMERS)),
                    facts.customers()));
        }
        parallel(first);
        reportDiscovery();
        Instant now = run.http().latestDate() != null ? run.http().latestDate()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        since = now.minus(Duration.ofDays(run.signInWindowDays())).toString();

        // 2. the tenant's own files
        boolean p1 = !licences.known() || licences.hasP1();
        boolean p2 = !licences.known() || licences.hasP2();
        List<Task> tasks = new ArrayList<>();
        tasks.add(() -> collection("organization.json", v1 + "/organization", o -> {
            if (facts.organizationName == null) {
                facts.organizationName = Facts.text(o, "displayName");
            }
        }));
        tasks.add(this::users);
        tasks.add(() -> collection("userRegistrationDetails.json",
                v1 + "/reports/authenticationMethods/userRegistrationDetails", null));
        tasks.add(() -> groupsComplete = collection("groups.json", v1 + Requests.groups(), facts.groups()).complete());
        tasks.add(() -> collection("roleDefinitions.json", v1 + "/roleManagement/directory/roleDefinitions",
                facts.roleDefinitions()));
        tasks.add(() -> collection("roleAssignments.json", v1 + "/roleManagement/directory/roleAssignments",
                facts.roleHolders()));
        if (p2) {
            tasks.add(() -> collection("roleAssignmentSchedules.json",
                    v1 + "/roleManagement/directory/roleAssignmentSchedules", null));
            tasks.add(() -> collection("roleEligibilitySchedules.json",
                    v1 + "/roleManagement/directory/roleEligibilitySchedules", facts.roleHolders()));
            tasks.add(() -> collection("roleManagementPolicyAssignments.json", v1 + Requests.rolePolicies(),
                    facts.approvers()));
            tasks.add(() -> collection("riskyUsers.json",
                    v1 + Requests.top("/identityProtection/riskyUsers", Requests.TOP_RISKY), null));
        }
        if (p1) {
            tasks.add(() -> collection("conditionalAccessPolicies.json",
                    v1 + Requests.top("/identity/conditionalAccess/policies", Requests.TOP),
                    facts.conditionalAccess()));
            tasks.add(() -> collection("signIns.json", beta + Requests.signIns(since), null));
        } else {
            record("signIns.json", new MissingRead("signIns.json", 403, NON_PREMIUM, NON_PREMIUM_MESSAGE, true));
        }
        tasks.add(() -> single("securityDefaults.json", v1 + "/policies/identitySecurityDefaultsEnforcementPolicy"));
        tasks.add(() -> single("authenticationMethodsPolicy.json", v1 + "/policies/authenticationMethodsPolicy"));
        tasks.add(() -> collection("directoryAudits.json", v1 + Requests.directoryAudits(since), null));
        tasks.add(() -> collection("applications.json", v1 + Requests.top("/applications", Requests.TOP), null));
        tasks.add(() -> collection("servicePrincipals.json", v1 + Requests.top("/servicePrincipals", Requests.TOP),
                facts.servicePrincipals()));
        tasks.add(() -> collection("devices.json", v1 + Requests.top("/devices", Requests.TOP), null));
        if (intune) {
            tasks.add(() -> collection("managedDevices.json", v1 + "/deviceManagement/managedDevices", null));
        }
        if (partner) {
            tasks.add(this::accessAssignments);
            tasks.add(() -> partnerCenter("partnerCenter/auditRecords.json", pc + "/auditrecords"
                    + Requests.query("startDate", since, "size", Integer.toString(Requests.PC_AUDIT)), null));
            List<Facts.Customer> customers;
            synchronized (facts.pcCustomers) {
                customers = List.copyOf(facts.pcCustomers);
            }
            Set<String> seen = new HashSet<>();
            for (Facts.Customer c : customers) {
                if (!seen.add(Facts.lower(c.tenantId()))) {
                    continue;
                }
                String file = "partnerCenter/subscriptions/" + c.tenantId() + ".json";
                if (!SnapshotWriter.safeSegment(c.tenantId())) {
                    invalidId(file);
                    continue;
                }
                tasks.add(() -> partnerCenter(file, pc + "/customers/" + c.tenantId() + "/subscriptions", null));
            }
        }
        parallel(tasks);

        // 3. partner: PIM for Groups of AdminAgents and the GDAP access groups
        if (partner && p2) {
            pimForGroups();
        }

        // 4. members of the groups that matter, and the authentication methods of direct privileged users
        Set<String> methodsDone = new HashSet<>();
        List<Batch.Item> items = new ArrayList<>();
        for (Map.Entry<String, Boolean> g : neededGroups().entrySet()) {
            String file = "groupMembers/" + g.getKey() + ".json";
            item(items, file, Requests.members(g.getKey()), facts.members(g.getKey()), g.getValue());
        }
        Privileged privileged = privilegedPrincipals();
        for (Map.Entry<String, Boolean> u : privileged.users().entrySet()) {
            if (methodsDone.add(Facts.lower(u.getKey()))) {
                item(items, "authenticationMethods/" + u.getKey() + ".json", Requests.methods(u.getKey()), null,
                        u.getValue());
            }
        }
        batch(items);

        // 5. the authentication methods of users who hold a privileged role through a group
        items = new ArrayList<>();
        for (String groupId : privileged.groups()) {
            List<Facts.Member> members = facts.members.get(Facts.lower(groupId));
            if (members == null) {
                continue;
            }
            List<Facts.Member> copy;
            synchronized (members) {
                copy = List.copyOf(members);
            }
            for (Facts.Member m : copy) {
                boolean user = m.type() == null || m.type().equalsIgnoreCase("#microsoft.graph.user");
                String known = facts.users.get(Facts.lower(m.id()));
                if (!user || (known == null && usersComplete)) {
                    continue;
                }
                String id = known != null ? known : m.id();
                if (methodsDone.add(Facts.lower(id))) {
                    item(items, "authenticationMethods/" + id + ".json", Requests.methods(id), null, known == null);
                }
            }
        }
        batch(items);
    }

    private void decideLicences() {
        try {
            List<SubscribedSku> skus = new ArrayList<>();
            synchronized (facts.skus) {
                for (JsonNode n : facts.skus) {
                    skus.add(Json.MAPPER.treeToValue(n, SubscribedSku.class));
                }
            }
            licences = Licences.of(skus);
            intune = skus.stream().anyMatch(s -> s.isActive() && s.servicePlans().stream()
                    .anyMatch(p -> p.servicePlanName() != null
                            && p.servicePlanName().toUpperCase(Locale.ROOT).startsWith("INTUNE")));
        } catch (IOException | IllegalArgumentException e) {
            licences = Licences.unknown("subscribedSkus.json is unreadable: " + e.getMessage());
            intune = true;
        }
    }

    /**
     * {@code users.json}: with {@code signInActivity} where there is P1 (without it, Graph refuses the whole read);
     * when the licences are unknown, tried with it first and again without it if Graph refuses for want of P1.
     */
    private void users() throws InterruptedException {
        boolean activity = !licences.known() || licences.hasP1();
        FileOutput out = folder.file("users.json");
        PageResult r = run.pager().collection(tenantId, v1 + Requests.users(activity), out, facts.users());
        if (!r.complete() && activity && !licences.known() && licenceRefusal(r.code())) {
            facts.users.clear();
            r = run.pager().collection(tenantId, v1 + Requests.users(false), out, facts.users());
        }
        record("users.json", r);
        usersComplete = r.complete();
        if (r.complete()) {
            run.http().throttle().tenantUsers(tenantId, r.items());
        }
    }

    private void accessAssignments() throws InterruptedException {
        List<Facts.Relationship> rels;
        synchronized (facts.relationships) {
            rels = List.copyOf(facts.relationships);
        }
        List<Batch.Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Facts.Relationship r : rels) {
            if (!"active".equalsIgnoreCase(r.status()) || !seen.add(Facts.lower(r.id()))) {
                continue;
            }
            String file = "delegatedAdminAccessAssignments/" + r.id() + ".json";
            item(items, file, Requests.accessAssignments(r.id()), facts.accessAssignments(), false);
        }
        batch(items);
    }

    private void pimForGroups() throws InterruptedException {
        Set<String> wanted = new LinkedHashSet<>();
        String adminAgents = null;
        for (Facts.Group g : groupsInOrder()) {
            if ("AdminAgents".equals(g.displayName()) && securityGroup(g) && adminAgents == null) {
                adminAgents = g.id();
            }
        }
        if (adminAgents != null) {
            wanted.add(adminAgents);
        }
        synchronized (facts.gdapGroups) {
            wanted.addAll(facts.gdapGroups);
        }
        Map<String, Boolean> groups = resolveGroups(wanted);
        List<Batch.Item> items = new ArrayList<>();
        for (Map.Entry<String, Boolean> g : groups.entrySet()) {
            String id = g.getKey();
            item(items, "pimGroupAssignmentSchedules/" + id + ".json", Requests.pimGroupAssignments(id), null, false);
            item(items, "pimGroupEligibilitySchedules/" + id + ".json", Requests.pimGroupEligibilities(id), null,
                    false);
            item(items, "pimGroupPolicyAssignments/" + id + ".json", Requests.pimGroupPolicies(id),
                    facts.approvers(), false);
        }
        batch(items);
    }

    /**
     * The groups whose transitive members are read, as written in {@code groups.json} → whether the read is
     * speculative (the group could not be confirmed because {@code groups.json} is incomplete).
     */
    private Map<String, Boolean> neededGroups() {
        Set<String> named = new LinkedHashSet<>();
        if (partner) {
            for (Facts.Group g : groupsInOrder()) {
                if (g.displayName() != null && Facts.AGENT_GROUPS.contains(g.displayName()) && securityGroup(g)) {
                    named.add(g.id());
                }
            }
            synchronized (facts.gdapGroups) {
                named.addAll(facts.gdapGroups);
            }
        }
        synchronized (facts.caGroups) {
            named.addAll(facts.caGroups);
        }
        Set<String> principals = new LinkedHashSet<>();
        synchronized (facts.holders) {
            for (Facts.Holder h : facts.holders) {
                principals.add(h.principalId());
            }
        }
        synchronized (facts.approverGroups) {
            named.addAll(facts.approverGroups);
        }
        Map<String, Boolean> out = resolveGroups(named);
        for (String p : principals) {
            Facts.Group g = facts.groups.get(Facts.lower(p));
            if (g != null) {
                out.putIfAbsent(g.id(), false);
            } else if (!groupsComplete && possiblyGroup(p)) {
                if (SnapshotWriter.safeSegment(p)) {
                    out.putIfAbsent(p, true);
                }
            }
        }
        return out;
    }

    /** Ids as {@code groups.json} writes them; those it does not hold are dropped, or read speculatively. */
    private Map<String, Boolean> resolveGroups(Set<String> ids) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String id : ids) {
            if (id == null) {
                continue;
            }
            Facts.Group g = facts.groups.get(Facts.lower(id));
            if (g != null) {
                out.putIfAbsent(g.id(), false);
            } else if (!groupsComplete) {
                out.putIfAbsent(id, true);
            }
        }
        return out;
    }

    /** A role principal that is neither a known user nor a known service principal. */
    private boolean possiblyGroup(String principal) {
        String id = Facts.lower(principal);
        if (facts.users.containsKey(id)) {
            return false;
        }
        if (facts.servicePrincipals.contains(id)) {
            return false;
        }
        return usersComplete;
    }

    /** Who holds a privileged role: users directly (→ speculative), and groups (whose user members do). */
    private record Privileged(Map<String, Boolean> users, List<String> groups) {
    }

    private Privileged privilegedPrincipals() {
        Set<String> privileged = new HashSet<>(Roles.PRIVILEGED.keySet());
        privileged.addAll(run.settings().privilegedRoles());
        privileged.addAll(facts.privilegedTemplates);
        Map<String, Boolean> users = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        List<Facts.Holder> holders;
        synchronized (facts.holders) {
            holders = List.copyOf(facts.holders);
        }
        for (Facts.Holder h : holders) {
            String role = h.roleDefinitionId();
            if (role == null) {
                continue;
            }
            String template = facts.templateById.getOrDefault(Facts.lower(role), Facts.lower(role));
            if (!privileged.contains(template)) {
                continue;
            }
            String p = Facts.lower(h.principalId());
            if (facts.users.containsKey(p)) {
                users.putIfAbsent(facts.users.get(p), false);
            } else if (facts.groups.containsKey(p) || facts.members.containsKey(p)) {
                Facts.Group g = facts.groups.get(p);
                groups.add(g != null ? g.id() : h.principalId());
            } else if (!usersComplete && !facts.servicePrincipals.contains(p) && groupsComplete
                    && SnapshotWriter.safeSegment(h.principalId())) {
                users.putIfAbsent(h.principalId(), true);
            }
        }
        return new Privileged(users, groups);
    }

    private List<Facts.Group> groupsInOrder() {
        synchronized (facts.groups) {
            return List.copyOf(facts.groups.values());
        }
    }

    private static boolean securityGroup(Facts.Group g) {
        JsonNode s = g.securityEnabled();
        return !(s != null && s.isBoolean() && !s.asBoolean());
    }

    // ---- reads

    private PageResult collection(String file, String url, ItemListener listener) throws InterruptedException {
        PageResult r = run.pager().collection(tenantId, url, folder.file(file), listener);
        record(file, r);
        return r;
    }

    private void single(String file, String url) throws InterruptedException {
        record(file, run.pager().single(tenantId, url, folder.file(file), null));
    }

    private void partnerCenter(String file, String url, ItemListener listener) throws InterruptedException {
        record(file, run.pager().partnerCenter(tenantId, pc, url, folder.file(file), listener));
    }

    private void item(List<Batch.Item> items, String file, String url, ItemListener listener, boolean speculative) {
        String[] parts = file.split("/");
        if (!SnapshotWriter.safeSegment(parts[parts.length - 1].replaceFirst("\\.json$", ""))) {
            invalidId(file);
            return;
        }
        items.add(new Batch.Item(file, url, folder.file(file), listener, speculative));
    }

    private void batch(List<Batch.Item> items) throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        run.batch().run(tenantId, items).forEach(this::record);
    }

    private void invalidId(String file) {
        record(file, new MissingRead(file, null, "InvalidIdentifier", "the id cannot name a file", false));
    }

    private void record(String file, PageResult r) {
        if (r == null || r.notFound()) {
            return;
        }
        if (r.complete()) {
            files.incrementAndGet();
            errors.remove(file);
            return;
        }
        record(file, new MissingRead(file, r.status() == 0 ? null : r.status(), r.code(), r.message(),
                licenceRefusal(r.code())));
    }

    private void record(String file, MissingRead m) {
        errors.put(file, m);
        run.progress(c -> new ProgressEvent.ReadFailed(tenantId, m, c));
    }

    static boolean licenceRefusal(String code) {
        return code != null && LICENCE_CODES.contains(code.toLowerCase(Locale.ROOT));
    }

    static void parallel(List<Task> tasks) throws InterruptedException {
        if (tasks.isEmpty()) {
            return;
        }
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(ex.submit(() -> {
                    t.run();
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    Throwable c = e.getCause();
                    if (c instanceof InterruptedException ie) {
                        throw ie;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        }
    }
}
