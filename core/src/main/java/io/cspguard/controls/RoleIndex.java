package io.cspguard.controls;

import io.cspguard.coverage.Tri;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.TenantSnapshot;
import io.cspguard.snapshot.graph.DirectoryObject;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.RoleAssignment;
import io.cspguard.snapshot.graph.RoleDefinition;
import io.cspguard.snapshot.graph.RoleSchedule;
import io.cspguard.snapshot.graph.ServicePrincipal;
import io.cspguard.snapshot.graph.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who holds which directory role, and how: an active assignment ({@code roleAssignments}) or an eligibility
 * ({@code roleEligibilitySchedules}), directly or through a group. Whatever could not be read is kept as a reason,
 * per role, so controls can report a definite failure and still say what they could not decide.
 */
public final class RoleIndex {
    /** How a principal holds a role. {@code viaGroupId} is null for a direct assignment. */
    public record Holding(String roleTemplateId, boolean active, String viaGroupId) {
    }

    private final Map<String, List<Holding>> byUser = new HashMap<>();
    private final Map<String, Set<String>> servicePrincipalsByRole = new HashMap<>();
    private final Map<String, String> roleNames = new HashMap<>();
    private final Map<String, String> templateById = new HashMap<>();
    private final Set<String> customPrivileged = new HashSet<>();
    private final Set<String> configuredPrivileged = new HashSet<>();
    private final Map<String, Set<String>> unknownByRole = new HashMap<>();
    private final Set<String> unknownForAll = new LinkedHashSet<>();
    private final Set<String> activeUnknownForAll = new LinkedHashSet<>();
    private final Map<String, Set<String>> activeUnknownByRole = new HashMap<>();
    private final boolean definitionsKnown;

    RoleIndex(TenantSnapshot t, List<String> configuredPrivilegedRoles, Map<String, User> usersById) {
        configuredPrivilegedRoles.forEach(r -> configuredPrivileged.add(r.toLowerCase(Locale.ROOT)));
        Roles.PRIVILEGED.forEach(roleNames::put);
        definitionsKnown = t.roleDefinitions().isPresent();
        if (definitionsKnown) {
            for (RoleDefinition d : t.roleDefinitions().orNull()) {
                String template = lower(d.templateId() != null ? d.templateId() : d.id());
                if (d.id() != null) {
                    templateById.put(lower(d.id()), template);
                }
                if (d.displayName() != null) {
                    roleNames.put(template, d.displayName());
                }
                if (Boolean.TRUE.equals(d.isPrivileged())) {
                    customPrivileged.add(template);
                }
            }
        }
        Set<String> groupIds = new HashSet<>();
        if (t.groups().isPresent()) {
            t.groups().orNull().stream().map(Group::id).filter(java.util.Objects::nonNull).map(RoleIndex::lower)
                    .forEach(groupIds::add);
        }
        Set<String> spIds = new HashSet<>();
        if (t.servicePrincipals().isPresent()) {
            t.servicePrincipals().orNull().stream().map(ServicePrincipal::id).filter(java.util.Objects::nonNull)
                    .map(RoleIndex::lower).forEach(spIds::add);
        }
        Resolver resolver = new Resolver(t, usersById, groupIds, spIds);
        if (t.roleAssignments() instanceof Data.Missing<List<RoleAssignment>> m) {
            unknownForAll.add(m.reason());
            activeUnknownForAll.add(m.reason());
        } else {
            for (RoleAssignment a : t.roleAssignments().orNull()) {
                resolver.add(a.principalId(), template(a.roleDefinitionId()), true);
            }
        }
        if (t.roleEligibilitySchedules() instanceof Data.Missing<List<RoleSchedule>> m) {
            unknownForAll.add(m.reason());
        } else {
            for (RoleSchedule s : t.roleEligibilitySchedules().orNull()) {
                resolver.add(s.principalId(), template(s.roleDefinitionId()), false);
            }
        }
    }

    /** Resolves a principal id to users (through group members), service principals, or unknowns. */
    private final class Resolver {
        private final TenantSnapshot t;
        private final Map<String, User> usersById;
        private final Set<String> groupIds;
        private final Set<String> spIds;

        Resolver(TenantSnapshot t, Map<String, User> usersById, Set<String> groupIds, Set<String> spIds) {
            this.t = t;
            this.usersById = usersById;
            this.groupIds = groupIds;
            this.spIds = spIds;
        }

        void add(String principalId, String role, boolean active) {
            if (principalId == null || role == null) {
                return;
            }
            String id = lower(principalId);
            if (usersById.containsKey(id)) {
                holding(id, new Holding(role, active, null));
                return;
            }
            if (spIds.contains(id)) {
                servicePrincipalsByRole.computeIfAbsent(role, k -> new LinkedHashSet<>()).add(principalId);
                return;
            }
            Data<List<DirectoryObject>> members = t.groupMembers().get(principalId);
            if (groupIds.contains(id) || members.isPresent()) {
                if (members instanceof Data.Missing<List<DirectoryObject>> m) {
                    unknown(role, m.reason(), active);
                    return;
                }
                for (DirectoryObject o : members.orNull()) {
                    if (o.isServicePrincipal()) {
                        servicePrincipalsByRole.computeIfAbsent(role, k -> new LinkedHashSet<>()).add(o.id());
                    } else if (o.id() != null && (o.isUser() || usersById.containsKey(lower(o.id())))) {
                        holding(lower(o.id()), new Holding(role, active, principalId));
                    }
                }
                return;
            }
            // Neither a known user, group nor service principal: a deleted object, unless a list is missing.
            List<String> missing = new ArrayList<>();
            if (!t.users().isPresent()) {
                missing.add("users.json");
            }
            if (!t.groups().isPresent()) {
                missing.add("groups.json");
            }
            if (!t.servicePrincipals().isPresent()) {
                missing.add("servicePrincipals.json");
            }
            if (!missing.isEmpty()) {
                unknown(role, "principal " + principalId + " holding role '" + roleName(role)
                        + "' cannot be resolved (" + String.join(", ", missing) + " missing)", active);
            }
        }

        private void holding(String userId, Holding h) {
            byUser.computeIfAbsent(userId, k -> new ArrayList<>()).add(h);
        }

        private void unknown(String role, String reason, boolean active) {
            unknownByRole.computeIfAbsent(role, k -> new LinkedHashSet<>()).add(reason);
            if (active) {
                activeUnknownByRole.computeIfAbsent(role, k -> new LinkedHashSet<>()).add(reason);
            }
        }
    }



    private String template(String roleDefinitionId) {
        if (roleDefinitionId == null) {
            return null;
        }
        String id = lower(roleDefinitionId);
        return templateById.getOrDefault(id, id);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Whether a role (template id) is privileged: built-in list, configuration, or {@code isPrivileged}. */
    public Tri privileged(String roleTemplateId) {
        String id = lower(roleTemplateId);
        if (Roles.PRIVILEGED.containsKey(id) || configuredPrivileged.contains(id) || customPrivileged.contains(id)) {
            return Tri.TRUE;
        }
        return definitionsKnown ? Tri.FALSE : Tri.UNKNOWN;
    }

    public List<Holding> holdings(User user) {
        return byUser.getOrDefault(lower(user.id()), List.of());
    }

    /** The privileged roles the user certainly holds. */
    public List<Holding> privilegedHoldings(User user) {
        return holdings(user).stream().filter(h -> privileged(h.roleTemplateId()) == Tri.TRUE).toList();
    }

    public boolean holds(User user, String roleTemplateId) {
        return holdings(user).stream().anyMatch(h -> h.roleTemplateId().equalsIgnoreCase(roleTemplateId));
    }

    public boolean holdsActive(User user, String roleTemplateId) {
        return holdings(user).stream().anyMatch(h -> h.active() && h.roleTemplateId().equalsIgnoreCase(roleTemplateId));
    }

    /** Why "who holds this role" may be incomplete; empty when it is complete. */
    public Set<String> unknowns(String roleTemplateId) {
        Set<String> out = new LinkedHashSet<>(unknownForAll);
        out.addAll(unknownByRole.getOrDefault(lower(roleTemplateId), Set.of()));
        return out;
    }

    /** Why "who holds this role through an active assignment" may be incomplete. */
    public Set<String> activeUnknowns(String roleTemplateId) {
        Set<String> out = new LinkedHashSet<>(activeUnknownForAll);
        out.addAll(activeUnknownByRole.getOrDefault(lower(roleTemplateId), Set.of()));
        return out;
    }

    /** Why "who is an admin" may be incomplete: missing role data, or roles whose privilege is unknown. */
    public Set<String> adminUnknowns() {
        Set<String> out = new LinkedHashSet<>(unknownForAll);
        unknownByRole.forEach((role, reasons) -> {
            if (privileged(role) != Tri.FALSE) {
                out.addAll(reasons);
            }
        });
        boolean unresolvedPrivilege = byUser.values().stream().flatMap(List::stream)
                .anyMatch(h -> privileged(h.roleTemplateId()) == Tri.UNKNOWN);
        if (unresolvedPrivilege) {
            out.add("roleDefinitions.json is missing, so whether custom roles are privileged is unknown");
        }
        return out;
    }

    public Set<String> servicePrincipalsHolding(String roleTemplateId) {
        return servicePrincipalsByRole.getOrDefault(lower(roleTemplateId), Set.of());
    }

    public String roleName(String roleTemplateId) {
        return roleNames.getOrDefault(lower(roleTemplateId), roleTemplateId);
    }

    /** Ids (lower case) of the users who hold the role, active or eligible, directly or through a group. */
    public Set<String> usersHolding(String roleTemplateId) {
        Set<String> out = new java.util.TreeSet<>();
        byUser.forEach((user, hs) -> {
            if (hs.stream().anyMatch(h -> h.roleTemplateId().equalsIgnoreCase(roleTemplateId))) {
                out.add(user);
            }
        });
        return out;
    }

    /** Every user id holding some role. */
    public Set<String> holders() {
        return byUser.keySet();
    }
}
