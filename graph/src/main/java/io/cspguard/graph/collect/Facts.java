package io.cspguard.graph.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.graph.http.ItemListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one tenant's reads have taught the collector, as far as later reads depend on it (the per-object reads of
 * formats.md §1): learned item by item while the files stream to disk, so nothing is read twice. Thread-safe.
 */
final class Facts {
    /** The Partner Center agent groups (formats.md §1). */
    static final List<String> AGENT_GROUPS = List.of("AdminAgents", "HelpdeskAgents", "SalesAgents");

    record Group(String id, String displayName, JsonNode securityEnabled) {
    }

    record Holder(String principalId, String roleDefinitionId) {
    }

    record Relationship(String id, String status, String customerTenantId, String customerName) {
    }

    record Customer(String tenantId, String name) {
    }

    record Member(String type, String id) {
    }

    final Map<String, String> users = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Group> groups = Collections.synchronizedMap(new LinkedHashMap<>());
    final Set<String> servicePrincipals = Collections.synchronizedSet(new LinkedHashSet<>());
    final Map<String, String> templateById = Collections.synchronizedMap(new LinkedHashMap<>());
    final Set<String> privilegedTemplates = Collections.synchronizedSet(new LinkedHashSet<>());
    final List<Holder> holders = Collections.synchronizedList(new ArrayList<>());
    final Set<String> caGroups = Collections.synchronizedSet(new LinkedHashSet<>());
    final Set<String> approverGroups = Collections.synchronizedSet(new LinkedHashSet<>());
    final List<Relationship> relationships = Collections.synchronizedList(new ArrayList<>());
    final List<Customer> pcCustomers = Collections.synchronizedList(new ArrayList<>());
    final Set<String> gdapGroups = Collections.synchronizedSet(new LinkedHashSet<>());
    final Map<String, List<Member>> members = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<JsonNode> skus = Collections.synchronizedList(new ArrayList<>());
    volatile String organizationName;

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    ItemListener users() {
        return u -> {
            String id = text(u, "id");
            if (id != null) {
                users.putIfAbsent(lower(id), id);
            }
        };
    }

    ItemListener groups() {
        return g -> {
            String id = text(g, "id");
            if (id != null) {
                groups.putIfAbsent(lower(id), new Group(id, text(g, "displayName"), g.get("securityEnabled")));
            }
        };
    }

    ItemListener servicePrincipals() {
        return sp -> {
            String id = text(sp, "id");
            if (id != null) {
                servicePrincipals.add(lower(id));
            }
        };
    }

    ItemListener roleDefinitions() {
        return d -> {
            String id = text(d, "id");
            String template = text(d, "templateId") != null ? text(d, "templateId") : id;
            if (id != null && template != null) {
                templateById.put(lower(id), lower(template));
            }
            if (template != null && d.path("isPrivileged").asBoolean(false)) {
                privilegedTemplates.add(lower(template));
            }
        };
    }

    ItemListener roleHolders() {
        return a -> {
            String principal = text(a, "principalId");
            String role = text(a, "roleDefinitionId");
            if (principal != null) {
                holders.add(new Holder(principal, role));
            }
        };
    }

    ItemListener conditionalAccess() {
        return p -> {
            JsonNode u = p.path("conditions").path("users");
            for (String list : List.of("includeGroups", "excludeGroups")) {
                for (JsonNode g : u.path(list)) {
                    if (g.isTextual()) {
                        caGroups.add(g.asText());
                    }
                }
            }
        };
    }

    /** Groups a PIM policy's approval rule names ({@code #microsoft.graph.groupMembers} approvers). */
    ItemListener approvers() {
        return a -> {
            for (JsonNode rule : a.path("policy").path("rules")) {
                for (JsonNode stage : rule.path("setting").path("approvalStages")) {
                    for (String list : List.of("primaryApprovers", "escalationApprovers")) {
                        for (JsonNode approver : stage.path(list)) {
                            String type = approver.path("@odata.type").asText("");
                            String group = text(approver, "groupId");
                            if (group != null && type.equalsIgnoreCase("#microsoft.graph.groupMembers")) {
                                approverGroups.add(group);
                            }
                        }
                    }
                }
            }
        };
    }

    ItemListener relationships() {
        return r -> {
            String id = text(r, "id");
            if (id != null) {
                relationships.add(new Relationship(id, text(r, "status"), text(r.path("customer"), "tenantId"),
                        text(r.path("customer"), "displayName")));
            }
        };
    }

    ItemListener accessAssignments() {
        return a -> {
            String group = text(a.path("accessContainer"), "accessContainerId");
            if (group != null && "active".equalsIgnoreCase(text(a, "status"))) {
                gdapGroups.add(group);
            }
        };
    }

    ItemListener customers() {
        return c -> {
            String id = text(c, "id");
            if (id == null) {
                id = text(c.path("companyProfile"), "tenantId");
            }
            if (id != null) {
                pcCustomers.add(new Customer(id, text(c.path("companyProfile"), "companyName")));
            }
        };
    }

    ItemListener members(String groupId) {
        List<Member> list = Collections.synchronizedList(new ArrayList<>());
        members.put(lower(groupId), list);
        return m -> {
            String id = text(m, "id");
            if (id != null) {
                list.add(new Member(text(m, "@odata.type"), id));
            }
        };
    }
}
