package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.identity.AccessToken;
import io.cspguard.sim.world.SimTenant;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /roleManagement/directory/roleAssignmentScheduleRequests}: {@code adminAssign}, {@code selfActivate},
 * {@code adminRemove}, {@code selfDeactivate}. A granted request changes {@code roleAssignmentSchedules.json}
 * (assignmentType {@code Assigned} or {@code Activated}) and {@code roleAssignments.json} (the active assignment) and
 * answers 201 with the request. The role's PIM policy ({@code roleManagementPolicyAssignments.json}) is enforced as
 * PIM does: justification and ticket rules, the longest activation / assignment, permanent assignments refused
 * where expiration is required, and approval (the request stays {@code PendingApproval}, nothing is granted; the
 * simulator has no approval API). The MFA enablement rule cannot be checked (tokens here carry no {@code amr}).
 * Also {@code DELETE /roleManagement/directory/roleAssignments/{id}}, how a standing assignment is removed without PIM.
 */
final class RoleRequests {
    private static final String SCHEDULES = "roleAssignmentSchedules.json";
    private static final String ELIGIBILITIES = "roleEligibilitySchedules.json";
    private static final String ASSIGNMENTS = "roleAssignments.json";
    private static final Set<String> SUPPORTED = Set.of("adminAssign", "adminRemove", "selfActivate",
            "selfDeactivate");
    private static final Set<String> KNOWN = Set.of("adminAssign", "adminUpdate", "adminRemove", "adminExtend",
            "adminRenew", "selfActivate", "selfDeactivate", "selfExtend", "selfRenew");

    /** Requests made, by tenant and id, for {@code GET …/roleAssignmentScheduleRequests/{id}}. */
    private final Map<String, ObjectNode> made = new ConcurrentHashMap<>();

    private record Target(String action, String principalId, String roleId, String scope, String justification,
                          JsonNode ticketInfo, JsonNode scheduleInfo) {
    }

    GraphResponse get(Call c) {
        ObjectNode r = made.get(c.tenant().id() + "/" + c.param("id").toLowerCase());
        return r == null ? c.notFound(c.param("id"))
                : Pages.object(c, r, "roleManagement/directory/roleAssignmentScheduleRequests", Projection.ALL);
    }

    GraphResponse create(Call c) {
        JsonNode b = Json.parse(c.req().body());
        if (b == null || !b.isObject()) {
            return c.badRequest("Empty or malformed request body.");
        }
        Target t = new Target(b.path("action").asText(""), b.path("principalId").asText(""),
                b.path("roleDefinitionId").asText(""), b.path("directoryScopeId").asText("/"),
                b.path("justification").asText(null), b.get("ticketInfo"), b.get("scheduleInfo"));
        if (!KNOWN.contains(t.action)) {
            return c.badRequest("Invalid value for 'action': '" + t.action + "'.");
        }
        if (!SUPPORTED.contains(t.action)) {
            return c.badRequest("The action '" + t.action + "' is not supported by the simulator.");
        }
        if (t.principalId.isEmpty() || t.roleId.isEmpty()) {
            return c.badRequest("principalId and roleDefinitionId are required.");
        }
        AccessToken token = c.token();
        boolean self = t.action.startsWith("self");
        if (self && token.appOnly()) {
            return c.badRequest("The action '" + t.action + "' needs a signed-in user; it cannot be made app-only.");
        }
        if (self && !t.principalId.equalsIgnoreCase(token.userId())) {
            return GraphErrors.denied(c.req(), c.now());
        }
        if (!self && !token.appOnly() && token.wids().stream().noneMatch(Roles.ROLE_WRITE::contains)) {
            return GraphErrors.denied(c.req(), c.now());
        }
        Actor actor = Actor.of(token, c.tenants());
        return c.tenant().write(() -> apply(c, t, actor));
    }

    private GraphResponse apply(Call c, Target t, Actor actor) {
        SimTenant tenant = c.tenant().tenant;
        Instant now = c.now();
        List<ObjectNode> defs = WorldFiles.list(tenant, "roleDefinitions.json");
        if (!defs.isEmpty() && defs.stream().noneMatch(d -> t.roleId.equalsIgnoreCase(WorldFiles.text(d, "id"))
                || t.roleId.equalsIgnoreCase(WorldFiles.text(d, "templateId")))) {
            return c.notFound(t.roleId);
        }
        ObjectNode principal = WorldFiles.directoryObject(tenant, t.principalId);
        if (principal == null && !WorldFiles.list(tenant, WorldFiles.USERS).isEmpty()) {
            return c.notFound(t.principalId);
        }
        String startText = t.scheduleInfo == null ? null : t.scheduleInfo.path("startDateTime").asText(null);
        Instant start = PimPolicy.instant(startText, now);
        JsonNode expiration = t.scheduleInfo == null ? null : t.scheduleInfo.get("expiration");
        JsonNode rules = PimPolicy.rules(tenant, t.roleId);
        List<String> failed = new ArrayList<>();
        String status;
        ObjectNode schedule = null;
        String requestId = RequestIds.newId();
        switch (t.action) {
            case "selfActivate" -> {
                if (!eligible(tenant, t)) {
                    return c.badRequest("The role assignment request failed: principal '" + t.principalId
                            + "' holds no eligible assignment of role '" + t.roleId + "' at scope '" + t.scope + "'.");
                }
                if (!active(tenant, t, "Activated").isEmpty()) {
                    return c.error(400, "RoleAssignmentExists", "The Role assignment already exists.");
                }
                Duration max = PimPolicy.maxDuration(rules, "Expiration_EndUser_Assignment");
                Instant end = PimPolicy.end(expiration, start, max, failed, true);
                PimPolicy.checkEnablement(rules, "Enablement_EndUser_Assignment", t.justification, t.ticketInfo,
                        failed);
                if (!failed.isEmpty()) {
                    return policyFailed(c, failed);
                }
                if (PimPolicy.approvalRequired(rules)) {
                    status = "PendingApproval";
                } else {
                    schedule = schedule(requestId, t, "Activated", start, end, now);
                    status = "Provisioned";
                }
            }
            case "adminAssign" -> {
                if (!active(tenant, t, "Assigned").isEmpty()) {
                    return c.error(400, "RoleAssignmentExists", "The Role assignment already exists.");
                }
                JsonNode adminRule = PimPolicy.rule(rules, "Expiration_Admin_Assignment");
                boolean required = adminRule != null && adminRule.path("isExpirationRequired").asBoolean(false);
                Duration max = PimPolicy.maxDuration(rules, "Expiration_Admin_Assignment");
                Instant end = PimPolicy.end(expiration, start, max, failed, required);
                PimPolicy.checkEnablement(rules, "Enablement_Admin_Assignment", t.justification, t.ticketInfo,
                        failed);
                if (!failed.isEmpty()) {
                    return policyFailed(c, failed);
                }
                schedule = schedule(requestId, t, "Assigned", start, end, now);
                status = "Provisioned";
            }
            case "adminRemove", "selfDeactivate" -> {
                String type = t.action.equals("adminRemove") ? "Assigned" : "Activated";
                List<ObjectNode> existing = active(tenant, t, type);
                boolean standing = type.equals("Assigned") && assignment(tenant, t) != null;
                if (existing.isEmpty() && !standing) {
                    return c.error(400, "RoleAssignmentDoesNotExist", "The Role assignment does not exist.");
                }
                tenant.collection(SCHEDULES).removeAll(existing);
                String other = type.equals("Assigned") ? "Activated" : "Assigned";
                if (active(tenant, t, other).isEmpty()) {
                    ObjectNode a = assignment(tenant, t);
                    if (a != null) {
                        tenant.collection(ASSIGNMENTS).remove(a);
                    }
                }
                status = "Revoked";
            }
            default -> throw new IllegalStateException(t.action);
        }
        if (schedule != null) {
            tenant.collection(SCHEDULES).add(schedule);
            if (!start.isAfter(now) && assignment(tenant, t) == null) {
                tenant.collection(ASSIGNMENTS).add(assignmentOf(t));
            }
        }
        ObjectNode request = request(requestId, t, status, now, actor, schedule, start, expiration);
        made.put(c.tenant().id() + "/" + requestId, request);
        if (!status.equals("PendingApproval")) {
            audit(c, t, actor, principal);
        }
        return GraphResponse.json(201, Json.write(g -> Projection.ALL.write(g, request,
                c.context("roleManagement/directory/roleAssignmentScheduleRequests/$entity"))));
    }

    GraphResponse deleteAssignment(Call c) {
        Actor actor = Actor.of(c.token(), c.tenants());
        return c.tenant().write(() -> {
            SimTenant tenant = c.tenant().tenant;
            ObjectNode a = WorldFiles.byId(tenant, ASSIGNMENTS, c.param("id"));
            if (a == null) {
                return c.notFound(c.param("id"));
            }
            tenant.collection(ASSIGNMENTS).remove(a);
            Target t = new Target("adminRemove", WorldFiles.text(a, "principalId"), WorldFiles.text(a,
                    "roleDefinitionId"), scopeOf(a), null, null, null);
            tenant.collection(SCHEDULES).removeAll(active(tenant, t, "Assigned"));
            ObjectNode principal = WorldFiles.directoryObject(tenant, t.principalId);
            DirectoryAuditLog.append(c.tenant(), c.now(), actor, "RoleManagement", "Core Directory",
                    "Remove member from role", "Unassign", roleTarget(t, principal));
            return GraphResponse.noContent();
        });
    }

    private static void audit(Call c, Target t, Actor actor, ObjectNode principal) {
        String activity = switch (t.action) {
            case "selfActivate" -> "Add member to role completed (PIM activation)";
            case "adminAssign" -> "Add member to role in PIM completed (permanent)";
            case "adminRemove" -> "Remove member from role in PIM completed (permanent)";
            default -> "Remove member from role (PIM activation deactivated)";
        };
        DirectoryAuditLog.append(c.tenant(), c.now(), actor, "RoleManagement", "PIM", activity,
                t.action.endsWith("Remove") || t.action.endsWith("Deactivate") ? "Unassign" : "Assign",
                roleTarget(t, principal));
    }

    private static ObjectNode roleTarget(Target t, ObjectNode principal) {
        ObjectNode target = DirectoryAuditLog.target(t.principalId,
                principal == null ? null : WorldFiles.text(principal, "displayName"), "User",
                principal == null ? null : WorldFiles.text(principal, "userPrincipalName"));
        target.putArray("modifiedProperties").addObject().put("displayName", "Role.TemplateId").putNull("oldValue")
                .put("newValue", "\"" + t.roleId + "\"");
        return target;
    }

    private static GraphResponse policyFailed(Call c, List<String> failed) {
        return c.error(400, "RoleAssignmentRequestPolicyValidationFailed", "The following policy rules failed: ["
                + String.join(",", failed.stream().map(f -> "\"" + f + "\"").toList()) + "]");
    }

    private static ObjectNode schedule(String requestId, Target t, String type, Instant start, Instant end,
                                       Instant now) {
        ObjectNode s = Json.object();
        s.put("id", RequestIds.newId());
        s.put("principalId", t.principalId);
        s.put("roleDefinitionId", t.roleId);
        s.put("directoryScopeId", t.scope);
        s.putNull("appScopeId");
        s.put("createdUsing", requestId);
        s.put("createdDateTime", now.toString());
        s.putNull("modifiedDateTime");
        s.put("status", "Provisioned");
        s.put("assignmentType", type);
        s.put("memberType", "Direct");
        ObjectNode info = s.putObject("scheduleInfo");
        info.put("startDateTime", start.toString());
        info.putNull("recurrence");
        ObjectNode exp = info.putObject("expiration");
        exp.put("type", end == null ? "noExpiration" : "afterDateTime");
        exp.put("endDateTime", end == null ? null : end.toString());
        exp.putNull("duration");
        return s;
    }

    private static ObjectNode assignmentOf(Target t) {
        ObjectNode a = Json.object();
        a.put("id", assignmentId(t.roleId, t.principalId));
        a.put("principalId", t.principalId);
        a.put("resourceScope", t.scope);
        a.put("directoryScopeId", t.scope);
        a.putNull("appScopeId");
        a.put("roleDefinitionId", t.roleId);
        return a;
    }

    private static ObjectNode request(String id, Target t, String status, Instant now, Actor actor,
                                      ObjectNode schedule, Instant start, JsonNode expiration) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("status", status);
        r.put("createdDateTime", now.toString());
        r.put("completedDateTime", status.equals("PendingApproval") ? null : now.toString());
        r.put("approvalId", status.equals("PendingApproval") ? RequestIds.newId() : null);
        r.putNull("customData");
        r.put("action", t.action);
        r.put("principalId", t.principalId);
        r.put("roleDefinitionId", t.roleId);
        r.put("directoryScopeId", t.scope);
        r.putNull("appScopeId");
        r.put("isValidationOnly", false);
        r.put("targetScheduleId", schedule == null ? null : WorldFiles.text(schedule, "id"));
        r.put("justification", t.justification);
        ObjectNode by = r.putObject("createdBy");
        by.putNull("application");
        by.putNull("device");
        if (actor.userId() != null) {
            by.putObject("user").putNull("displayName").put("id", actor.userId());
        } else {
            by.putNull("user");
            by.putObject("application").putNull("displayName").put("id", actor.appId());
        }
        if (schedule != null) {
            r.set("scheduleInfo", schedule.get("scheduleInfo").deepCopy());
        } else {
            ObjectNode info = r.putObject("scheduleInfo");
            info.put("startDateTime", start.toString());
            info.putNull("recurrence");
            info.set("expiration", expiration == null ? Json.MAPPER.nullNode() : expiration.deepCopy());
        }
        r.set("ticketInfo", t.ticketInfo == null ? Json.object().putNull("ticketNumber").putNull("ticketSystem")
                : t.ticketInfo.deepCopy());
        return r;
    }

    private static boolean eligible(SimTenant tenant, Target t) {
        for (ObjectNode e : WorldFiles.list(tenant, ELIGIBILITIES)) {
            if (!matches(e, t)) {
                continue;
            }
            String p = WorldFiles.text(e, "principalId");
            if (p.equalsIgnoreCase(t.principalId) || Membership.transitive(tenant, p).stream()
                    .anyMatch(m -> t.principalId.equalsIgnoreCase(WorldFiles.text(m, "id")))) {
                return true;
            }
        }
        return false;
    }

    private static List<ObjectNode> active(SimTenant tenant, Target t, String assignmentType) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : WorldFiles.list(tenant, SCHEDULES)) {
            if (matches(s, t) && t.principalId.equalsIgnoreCase(WorldFiles.text(s, "principalId"))
                    && assignmentType.equalsIgnoreCase(WorldFiles.text(s, "assignmentType"))) {
                out.add(s);
            }
        }
        return out;
    }

    private static ObjectNode assignment(SimTenant tenant, Target t) {
        for (ObjectNode a : WorldFiles.list(tenant, ASSIGNMENTS)) {
            if (matches(a, t) && t.principalId.equalsIgnoreCase(WorldFiles.text(a, "principalId"))) {
                return a;
            }
        }
        return null;
    }

    private static boolean matches(ObjectNode o, Target t) {
        return t.roleId.equalsIgnoreCase(WorldFiles.text(o, "roleDefinitionId")) && t.scope.equals(scopeOf(o));
    }

    private static String scopeOf(ObjectNode o) {
        String s = WorldFiles.text(o, "directoryScopeId");
        return s.isEmpty() ? "/" : s;
    }

    /** Graph's role assignment id: the role and principal GUIDs in .NET byte order, base64url, then "-1". */
    static String assignmentId(String roleId, String principalId) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            dotNetBytes(b, UUID.fromString(roleId));
            dotNetBytes(b, UUID.fromString(principalId));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array()) + "-1";
        } catch (IllegalArgumentException e) {
            return RequestIds.newId();
        }
    }

    private static void dotNetBytes(ByteBuffer b, UUID u) {
        long hi = u.getMostSignificantBits();
        int a = (int) (hi >>> 32);
        short s1 = (short) (hi >>> 16);
        short s2 = (short) hi;
        b.putInt(Integer.reverseBytes(a)).putShort(Short.reverseBytes(s1)).putShort(Short.reverseBytes(s2))
                .putLong(u.getLeastSignificantBits());
    }
}
