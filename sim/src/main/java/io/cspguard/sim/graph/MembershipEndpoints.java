package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * {@code /groups/{id}/members} and {@code /transitiveMembers} (optionally cast: {@code …/microsoft.graph.user}), and
 * member add ({@code POST …/members/$ref}) and remove ({@code DELETE …/members/{id}/$ref}), graph-reference.md §8.
 * Members of a role-assignable group need RoleManagement.ReadWrite.Directory (or a Privileged Role Administrator) too.
 */
final class MembershipEndpoints {
    static final Permission READ = Permission.of(Roles.DIRECTORY_READ, "GroupMember.Read.All", "Group.Read.All",
            "Directory.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All");
    static final Permission WRITE = Permission.of(Roles.GROUP_WRITE, "GroupMember.ReadWrite.All",
            "Group.ReadWrite.All", "Directory.ReadWrite.All");
    static final Permission ROLE_GROUP_WRITE = Permission.of(Roles.ROLE_GROUP_WRITE,
            "RoleManagement.ReadWrite.Directory");

    private MembershipEndpoints() {
    }

    static void register(Router r) {
        r.add(Endpoint.read("/groups/{id}/transitiveMembers", READ, Licence.NONE, MembershipEndpoints::file,
                c -> members(c, true, null)));
        r.add(Endpoint.read("/groups/{id}/transitiveMembers/{cast}", READ, Licence.NONE, MembershipEndpoints::file,
                c -> members(c, true, c.param("cast"))));
        r.add(Endpoint.read("/groups/{id}/members", READ, Licence.NONE, MembershipEndpoints::file,
                c -> members(c, false, null)));
        r.add(Endpoint.read("/groups/{id}/members/{cast}", READ, Licence.NONE, MembershipEndpoints::file,
                c -> members(c, false, c.param("cast"))));
        r.add(Endpoint.write("POST", "/groups/{id}/members/$ref", WRITE, Licence.NONE, MembershipEndpoints::add));
        r.add(Endpoint.write("DELETE", "/groups/{id}/members/{memberId}/$ref", WRITE, Licence.NONE,
                MembershipEndpoints::remove));
    }

    private static String file(Call c) {
        return c.tenant().read(() -> WorldFiles.keyed(c.tenant().tenant, Membership.FOLDER, c.param("id")));
    }

    private static GraphResponse members(Call c, boolean transitive, String cast) {
        String type = null;
        if (cast != null) {
            if (!cast.toLowerCase(Locale.ROOT).startsWith("microsoft.graph.")) {
                return c.badRequest("Resource not found for the segment '" + cast + "'.");
            }
            type = "#" + cast;
        }
        String groupId = c.param("id");
        boolean exists = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, WorldFiles.GROUPS, groupId) != null
                || c.tenant().tenant.collections().containsKey(WorldFiles.keyed(c.tenant().tenant, Membership.FOLDER,
                groupId)));
        if (!exists) {
            return c.notFound(groupId);
        }
        String castType = type;
        String context = castType == null ? "directoryObjects" : castType.substring(1).replace("microsoft.graph.", "")
                + "s";
        Pages.Size size = DirectoryEndpoints.size(c, DirectoryEndpoints.DEFAULT_PAGE, false);
        Projection projection = Projection.select(c.query().select());
        if (transitive && castType == null) {
            return Pages.collection(c, file(c), context, size, projection);
        }
        String cacheKey = (transitive ? "transitive:" : "direct:") + groupId + ":" + castType;
        return Pages.list(c, cacheKey, () -> {
            List<ObjectNode> all = transitive ? Membership.transitive(c.tenant().tenant, groupId)
                    : Membership.direct(c.tenant().tenant, groupId);
            return castType == null ? all
                    : all.stream().filter(m -> castType.equalsIgnoreCase(WorldFiles.text(m, "@odata.type"))).toList();
        }, context, size, projection);
    }

    private static GraphResponse add(Call c) {
        JsonNode body = Json.parse(c.req().body());
        String ref = body == null ? "" : body.path("@odata.id").asText("");
        int slash = ref.lastIndexOf('/');
        String memberId = slash < 0 ? ref : ref.substring(slash + 1);
        if (memberId.isEmpty()) {
            return c.badRequest("Invalid request body: expected {\"@odata.id\":\"https://graph.microsoft.com/v1.0/"
                    + "directoryObjects/{id}\"}.");
        }
        return change(c, memberId, true);
    }

    private static GraphResponse remove(Call c) {
        return change(c, c.param("memberId"), false);
    }

    private static GraphResponse change(Call c, String memberId, boolean add) {
        String groupId = c.param("id");
        Actor actor = Actor.of(c.token(), c.tenants());
        return c.tenant().write(() -> {
            var t = c.tenant().tenant;
            ObjectNode group = WorldFiles.byId(t, WorldFiles.GROUPS, groupId);
            if (group == null) {
                return c.notFound(groupId);
            }
            if (group.path("isAssignableToRole").asBoolean(false) && !ROLE_GROUP_WRITE.allows(c.token())) {
                return GraphErrors.denied(c.req(), c.now());
            }
            ObjectNode member = WorldFiles.directoryObject(t, memberId);
            boolean done;
            if (add) {
                if (member == null) {
                    return c.notFound(memberId);
                }
                if (WorldFiles.isGroup(member) && Membership.wouldCycle(t, groupId, memberId)) {
                    return c.badRequest("A group cannot be a member of itself.");
                }
                done = Membership.add(t, groupId, member);
                if (!done) {
                    return c.error(400, "Request_BadRequest", "One or more added object references already exist "
                            + "for the following modified properties: 'members'.");
                }
            } else {
                done = Membership.remove(t, groupId, memberId);
                if (!done) {
                    return c.notFound(memberId);
                }
            }
            ObjectNode target = DirectoryAuditLog.target(memberId,
                    member == null ? null : WorldFiles.text(member, "displayName"),
                    member == null ? "User" : typeName(member),
                    member == null ? null : WorldFiles.text(member, "userPrincipalName"));
            target.putArray("modifiedProperties").addObject().put("displayName", "Group.DisplayName")
                    .putNull("oldValue").put("newValue", "\"" + WorldFiles.text(group, "displayName") + "\"");
            DirectoryAuditLog.append(c.tenant(), c.now(), actor, "GroupManagement", "Core Directory",
                    add ? "Add member to group" : "Remove member from group", add ? "Assign" : "Unassign", target);
            return GraphResponse.noContent();
        });
    }

    private static String typeName(ObjectNode member) {
        String t = WorldFiles.text(member, "@odata.type").replace("#microsoft.graph.", "");
        return t.isEmpty() ? "Other" : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
}
