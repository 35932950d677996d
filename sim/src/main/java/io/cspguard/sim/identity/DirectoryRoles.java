package io.cspguard.sim.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The directory role template ids a user holds in a tenant: the {@code wids} of a delegated token.
 *
 * <p>In the user's home tenant: its {@code roleAssignments.json} at directory scope, to the user or a group the user is
 * in. In a customer: only what GDAP grants, read from the partner's data as Graph serves it — active
 * {@code delegatedAdminRelationships.json} for that customer → their active
 * {@code delegatedAdminAccessAssignments/<relationshipId>.json} → the access-container group → whether the user is
 * in {@code groupMembers/<groupId>.json} (transitive members) → the assignment's {@code unifiedRoles}. Computed when
 * a token is issued: like Entra, a token keeps the roles it was issued with until it expires.
 */
final class DirectoryRoles {
    private final Directory directory;

    DirectoryRoles(Directory directory) {
        this.directory = directory;
    }

    /** The roles of {@code user} in {@code tenant}; empty when a foreign tenant grants the user nothing. */
    Set<String> of(SimUser user, SimTenant tenant) {
        if (tenant.tenantId().equalsIgnoreCase(user.tenantId())) {
            return homeRoles(tenant, user.userId());
        }
        SimTenant partner = directory.partner();
        if (!partner.tenantId().equalsIgnoreCase(user.tenantId())) {
            return Set.of(); // only the partner's users reach other tenants, through GDAP
        }
        return gdapRoles(partner, user.userId(), tenant.tenantId());
    }

    static Set<String> homeRoles(SimTenant home, String userId) {
        return Directory.read(home, () -> {
            Set<String> roles = new LinkedHashSet<>();
            for (ObjectNode a : home.existingCollection("roleAssignments.json").orElse(List.of())) {
                String scope = a.path("directoryScopeId").asText("/");
                String principal = a.path("principalId").asText();
                if ("/".equals(scope) && (principal.equalsIgnoreCase(userId) || isMember(home, principal, userId))) {
                    roles.add(a.path("roleDefinitionId").asText());
                }
            }
            roles.remove("");
            return roles;
        });
    }

    static Set<String> gdapRoles(SimTenant partner, String userId, String customerTenantId) {
        return Directory.read(partner, () -> {
            Set<String> roles = new LinkedHashSet<>();
            for (ObjectNode rel : partner.existingCollection("delegatedAdminRelationships.json").orElse(List.of())) {
                if (!"active".equalsIgnoreCase(rel.path("status").asText())
                        || !customerTenantId.equalsIgnoreCase(rel.path("customer").path("tenantId").asText())) {
                    continue;
                }
                Set<String> granted = roleIds(rel.path("accessDetails"));
                String file = "delegatedAdminAccessAssignments/" + rel.path("id").asText() + ".json";
                for (ObjectNode asg : partner.existingCollection(file).orElse(List.of())) {
                    JsonNode container = asg.path("accessContainer");
                    if ("active".equalsIgnoreCase(asg.path("status").asText())
                            && isMember(partner, container.path("accessContainerId").asText(), userId)) {
                        Set<String> assigned = roleIds(asg.path("accessDetails"));
                        // Graph refuses an assignment of a role the relationship lacks; honour that on odd data too.
                        if (!granted.isEmpty()) {
                            assigned.retainAll(granted);
                        }
                        roles.addAll(assigned);
                    }
                }
            }
            return roles;
        });
    }

    private static Set<String> roleIds(JsonNode accessDetails) {
        Set<String> ids = new LinkedHashSet<>();
        Directory.stream(accessDetails.path("unifiedRoles"))
                .map(r -> r.path("roleDefinitionId").asText())
                .filter(id -> !id.isEmpty())
                .forEach(ids::add);
        return ids;
    }

    /** Caller holds the tenant's read lock. The file lists transitive members, so nested groups are covered. */
    private static boolean isMember(SimTenant tenant, String groupId, String userId) {
        if (groupId.isEmpty()) {
            return false;
        }
        return tenant.existingCollection("groupMembers/" + groupId + ".json").orElse(List.of()).stream()
                .anyMatch(m -> userId.equalsIgnoreCase(m.path("id").asText()));
    }
}
