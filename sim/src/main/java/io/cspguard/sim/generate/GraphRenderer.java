package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.generate.TenantModel.AccessAssignment;
import io.cspguard.sim.generate.TenantModel.Device;
import io.cspguard.sim.generate.TenantModel.Grant;
import io.cspguard.sim.generate.TenantModel.GrantKind;
import io.cspguard.sim.generate.TenantModel.Group;
import io.cspguard.sim.generate.TenantModel.PartnerData;
import io.cspguard.sim.generate.TenantModel.PimPolicy;
import io.cspguard.sim.generate.TenantModel.PimSchedule;
import io.cspguard.sim.generate.TenantModel.Policy;
import io.cspguard.sim.generate.TenantModel.Relationship;
import io.cspguard.sim.generate.TenantModel.User;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.snapshot.ReadError;
import io.cspguard.snapshot.TenantRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a {@link TenantModel} into a {@link SimTenant}: every file of formats.md §1 in Graph's JSON shape. */
final class GraphRenderer {
    static final String PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
    static final String EMAIL_METHOD_ID = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";
    static final String MOBILE_METHOD_ID = "3179e48a-750b-4051-897c-87b9720928f7";

    private final TenantModel t;
    private final Rng rng;
    private SimTenant out;

    GraphRenderer(TenantModel t) {
        this.t = t;
        this.rng = t.rng;
    }

    SimTenant render() {
        out = new SimTenant(t.tenantId, t.displayName, t.partner ? TenantRole.PARTNER : TenantRole.CUSTOMER, t.tier);
        List<ObjectNode> signIns = new ArrayList<>();
        if (t.p1()) {
            SignIns s = new SignIns(t);
            signIns.addAll(s.generate());
            for (ObjectNode extra : t.extraSignIns) {
                User u = t.user(extra.get("userId").asText());
                Instant at = Instant.parse(extra.get("createdDateTime").asText());
                if (u != null) {
                    if (u.lastSignIn == null || at.isAfter(u.lastSignIn)) {
                        u.lastSignIn = at;
                    }
                    if (extra.get("status").get("errorCode").asInt() == 0
                            && (u.lastSuccess == null || at.isAfter(u.lastSuccess))) {
                        u.lastSuccess = at;
                    }
                }
            }
            signIns.addAll(t.extraSignIns);
            SignIns.sortNewestFirst(signIns);
        }
        Set<String> roleHolders = t.holders(null, false);
        Set<String> admins = t.holders(null, true);

        put("organization.json", List.of(organization()));
        put("subscribedSkus.json", skus());
        put("users.json", t.users.stream().map(this::user).toList());
        put("userRegistrationDetails.json", t.users.stream().filter(u -> u.inRegistrationReport)
                .map(u -> registration(u, admins.contains(u.id))).toList());
        put("groups.json", t.groups.stream().map(this::group).toList());
        for (Group g : t.groups) {
            put("groupMembers/" + g.id + ".json", members(g));
        }
        put("roleDefinitions.json", Catalog.ROLES.stream().map(GraphRenderer::roleDefinition).toList());
        put("roleAssignments.json", t.grants.stream().filter(g -> g.kind.active()).map(this::roleAssignment).toList());
        if (t.p2()) {
            put("roleAssignmentSchedules.json", t.grants.stream().filter(g -> g.kind == GrantKind.PERMANENT
                    || g.kind == GrantKind.ACTIVATED || g.kind == GrantKind.ASSIGNED_TIMEBOUND)
                    .map(g -> roleSchedule(g, true)).toList());
            put("roleEligibilitySchedules.json", t.grants.stream().filter(g -> !g.kind.active())
                    .map(g -> roleSchedule(g, false)).toList());
            List<ObjectNode> policies = new ArrayList<>();
            t.rolePolicies.forEach((role, p) -> policies.add(policyAssignment("DirectoryRole", "/", role, p)));
            put("roleManagementPolicyAssignments.json", policies);
        }
        if (t.partnerData != null) {
            pimForGroups(t.partnerData);
        }
        if (t.p1()) {
            put("conditionalAccessPolicies.json", t.policies.stream().map(this::caPolicy).toList());
        }
        out.objects().put("securityDefaults.json", securityDefaults());
        out.objects().put("authenticationMethodsPolicy.json", methodsPolicy());
        for (User u : t.users) {
            if (roleHolders.contains(u.id)) {
                put("authenticationMethods/" + u.id + ".json", methods(u));
            }
        }
        if (t.p1()) {
            put("signIns.json", signIns);
        } else {
            out.readErrors().put("signIns.json", new ReadError(403,
                    "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                    "Neither tenant is B2C or tenant doesn't have premium license"));
        }
        List<ObjectNode> audits = new ArrayList<>(t.audits);
        audits.sort(Comparator.comparing((ObjectNode a) -> a.get("activityDateTime").asText()).reversed()
                .thenComparing(a -> a.get("id").asText()));
        put("directoryAudits.json", audits);
        if (t.p2()) {
            put("riskyUsers.json", t.risky.stream().map(this::risky).toList());
        }
        put("applications.json", t.apps.stream().map(this::application).toList());
        put("servicePrincipals.json", t.sps.stream().map(GraphRenderer::servicePrincipal).toList());
        put("devices.json", t.devices.stream().map(this::device).toList());
        if (t.partnerData != null) {
            gdap(t.partnerData);
            partnerCenter(t.partnerData);
        }
        return out;
    }

    private void put(String file, List<ObjectNode> nodes) {
        out.collections().put(file, new ArrayList<>(nodes));
    }

    // ---- directory ----------------------------------------------------------------------------------------------

    private ObjectNode organization() {
        ObjectNode o = Json.obj();
        o.put("id", t.tenantId);
        o.put("displayName", t.displayName);
        o.put("tenantType", "AAD");
        o.put("createdDateTime", Json.time(t.created));
        o.put("countryLetterCode", t.country);
        o.put("city", t.city);
        o.putNull("onPremisesSyncEnabled");
        o.putNull("onPremisesLastSyncDateTime");
        o.putArray("technicalNotificationMails").add("it@" + t.defaultDomain);
        ArrayNode domains = o.putArray("verifiedDomains");
        domain(domains, t.defaultDomain, true, false);
        domain(domains, t.initialDomain, false, true);
        return o;
    }

    private static void domain(ArrayNode domains, String name, boolean isDefault, boolean initial) {
        ObjectNode d = domains.addObject();
        d.put("capabilities", "Email, OfficeCommunicationsOnline");
        d.put("isDefault", isDefault);
        d.put("isInitial", initial);
        d.put("name", name);
        d.put("type", "Managed");
    }

    private List<ObjectNode> skus() {
        List<ObjectNode> list = new ArrayList<>();
        for (TenantModel.SkuHolding h : t.skus) {
            long consumed = t.users.stream().filter(u -> u.licences.contains(h.sku())).count();
            boolean suspended = h.status().equals("Suspended");
            ObjectNode s = Json.obj();
            s.put("accountName", t.displayName);
            s.put("accountId", t.tenantId);
            s.put("appliesTo", "User");
            s.put("capabilityStatus", h.status());
            s.put("consumedUnits", (int) consumed);
            s.put("id", t.tenantId + "_" + h.sku().id());
            ObjectNode units = s.putObject("prepaidUnits");
            units.put("enabled", suspended ? 0 : Math.max(h.units(), (int) consumed));
            units.put("lockedOut", 0);
            units.put("suspended", suspended ? h.units() : 0);
            units.put("warning", 0);
            ArrayNode plans = s.putArray("servicePlans");
            for (Catalog.Plan p : h.sku().plans()) {
                ObjectNode plan = plans.addObject();
                plan.put("servicePlanId", p.id());
                plan.put("servicePlanName", p.name());
                plan.put("provisioningStatus", "Success");
                plan.put("appliesTo", "User");
            }
            s.put("skuId", h.sku().id());
            s.put("skuPartNumber", h.sku().partNumber());
            s.putArray("subscriptionIds").add(h.subscriptionId());
            list.add(s);
        }
        return list;
    }

    private ObjectNode user(User u) {
        ObjectNode n = Json.obj();
        n.put("id", u.id);
        n.put("userPrincipalName", u.upn);
        n.put("displayName", u.displayName);
        n.put("mail", u.mail);
        n.put("accountEnabled", u.enabled);
        n.put("userType", u.guest ? "Guest" : "Member");
        n.put("createdDateTime", Json.time(u.created));
        n.putNull("onPremisesSyncEnabled");
        ArrayNode licences = n.putArray("assignedLicenses");
        ArrayNode plans = n.putArray("assignedPlans");
        for (Catalog.Sku sku : u.licences) {
            ObjectNode l = licences.addObject();
            l.putArray("disabledPlans");
            l.put("skuId", sku.id());
            for (Catalog.Plan p : sku.plans()) {
                plan(plans, u.licensedAt != null ? u.licensedAt : u.created, "Enabled", p);
            }
        }
        for (Catalog.Plan p : u.deletedPlans) {
            plan(plans, u.created, "Deleted", p);
        }
        if (t.p1()) {
            Instant last = u.lastSignIn != null ? u.lastSignIn : u.lastSeen;
            Instant success = u.lastSignIn != null ? (u.lastSuccess != null ? u.lastSuccess : u.lastSeen)
                    : u.lastSeenSuccess != null ? u.lastSeenSuccess : u.lastSeen;
            if (last == null) {
                n.putNull("signInActivity");
            } else {
                ObjectNode a = n.putObject("signInActivity");
                Json.putTime(a, "lastSignInDateTime", last);
                a.put("lastSignInRequestId", rng.uuid());
                Json.putTime(a, "lastNonInteractiveSignInDateTime", success);
                if (success == null) {
                    a.putNull("lastNonInteractiveSignInRequestId");
                } else {
                    a.put("lastNonInteractiveSignInRequestId", rng.uuid());
                }
                Json.putTime(a, "lastSuccessfulSignInDateTime", success);
                if (success == null) {
                    a.putNull("lastSuccessfulSignInRequestId");
                } else {
                    a.put("lastSuccessfulSignInRequestId", rng.uuid());
                }
            }
        }
        return n;
    }

    private static void plan(ArrayNode plans, Instant at, String status, Catalog.Plan p) {
        ObjectNode n = plans.addObject();
        n.put("assignedDateTime", Json.time(at));
        n.put("capabilityStatus", status);
        n.put("service", p.service());
        n.put("servicePlanId", p.id());
    }

    /** The methods a user has registered, with their recovery email and phone. */
    private static List<String> registeredMethods(User u) {
        List<String> m = new ArrayList<>(u.methods);
        if (u.recoveryPhone != null && !m.contains("mobilePhone")) {
            m.add("mobilePhone");
        }
        if (u.recoveryEmail != null && !m.contains("email")) {
            m.add("email");
        }
        if (!u.mfaRegistered) {
            m.removeIf(x -> !x.equals("email"));
        }
        return m;
    }

    private ObjectNode registration(User u, boolean admin) {
        List<String> methods = registeredMethods(u);
        boolean strong = methods.contains("fido2SecurityKey") || methods.contains("windowsHelloForBusiness");
        ObjectNode n = Json.obj();
        n.put("id", u.id);
        n.put("userPrincipalName", u.upn);
        n.put("userDisplayName", u.displayName);
        n.put("userType", u.guest ? "guest" : "member");
        n.put("isAdmin", admin);
        n.put("isSsprRegistered", u.mfaRegistered && !methods.isEmpty());
        n.put("isSsprEnabled", true);
        n.put("isSsprCapable", u.mfaRegistered && !methods.isEmpty());
        n.put("isMfaRegistered", u.mfaRegistered);
        n.put("isMfaCapable", u.mfaRegistered);
        n.put("isPasswordlessCapable", strong);
        n.put("lastUpdatedDateTime", Json.time(u.created.plusSeconds(86_400)));
        n.set("methodsRegistered", Json.strings(methods));
        n.put("isSystemPreferredAuthenticationMethodEnabled", true);
        ArrayNode preferred = n.putArray("systemPreferredAuthenticationMethods");
        if (methods.contains("fido2SecurityKey")) {
            preferred.add("Fido2");
        } else if (methods.contains("microsoftAuthenticatorPush")) {
            preferred.add("push");
        }
        n.put("userPreferredMethodForSecondaryAuthentication", methods.contains("microsoftAuthenticatorPush") ? "push"
                : "none");
        return n;
    }

    private ObjectNode group(Group g) {
        ObjectNode n = Json.obj();
        n.put("id", g.id);
        n.put("displayName", g.name);
        n.put("securityEnabled", g.security);
        n.put("mailEnabled", g.mail);
        n.put("isAssignableToRole", g.roleAssignable);
        return n;
    }

    /** {@code GET /groups/{id}/transitiveMembers}: users, nested groups, service principals. */
    private List<ObjectNode> members(Group g) {
        Map<String, TenantModel.Sp> sps = new HashMap<>();
        t.sps.forEach(sp -> sps.put(sp.id, sp));
        List<ObjectNode> list = new ArrayList<>();
        for (String id : t.transitiveMembers(g.id)) {
            ObjectNode n = Json.obj();
            User u = t.user(id);
            Group nested = t.group(id);
            if (u != null) {
                n.put("@odata.type", "#microsoft.graph.user");
                n.put("id", u.id);
                n.put("displayName", u.displayName);
                n.put("userPrincipalName", u.upn);
                n.put("accountEnabled", u.enabled);
                n.put("userType", u.guest ? "Guest" : "Member");
            } else if (nested != null) {
                n.put("@odata.type", "#microsoft.graph.group");
                n.put("id", nested.id);
                n.put("displayName", nested.name);
            } else if (sps.containsKey(id)) {
                n.put("@odata.type", "#microsoft.graph.servicePrincipal");
                n.put("id", id);
                n.put("displayName", sps.get(id).name);
                n.put("appId", sps.get(id).appId);
            } else {
                continue;
            }
            list.add(n);
        }
        return list;
    }

    private static ObjectNode roleDefinition(Catalog.Role r) {
        ObjectNode n = Json.obj();
        n.put("id", r.id());
        n.put("templateId", r.id());
        n.put("displayName", r.name());
        n.put("description", "Built-in role: " + r.name() + ".");
        n.put("isBuiltIn", true);
        n.put("isEnabled", true);
        n.put("isPrivileged", r.privileged());
        n.putArray("resourceScopes").add("/");
        ObjectNode perm = n.putArray("rolePermissions").addObject();
        perm.putArray("allowedResourceActions").add("microsoft.directory/...");
        perm.putNull("condition");
        n.put("version", "1");
        return n;
    }

    private ObjectNode roleAssignment(Grant g) {
        ObjectNode n = Json.obj();
        n.put("id", g.id);
        n.put("principalId", g.principalId);
        n.put("resourceScope", "/");
        n.put("directoryScopeId", "/");
        n.put("roleDefinitionId", g.roleId);
        return n;
    }

    private ObjectNode roleSchedule(Grant g, boolean assignment) {
        ObjectNode n = Json.obj();
        n.put("id", g.scheduleId);
        n.put("principalId", g.principalId);
        n.put("roleDefinitionId", g.roleId);
        n.put("directoryScopeId", "/");
        n.putNull("appScopeId");
        n.put("createdUsing", g.scheduleId);
        n.put("createdDateTime", Json.time(g.start));
        n.putNull("modifiedDateTime");
        n.put("status", "Provisioned");
        if (assignment) {
            n.put("assignmentType", g.kind == GrantKind.ACTIVATED ? "Activated" : "Assigned");
        }
        n.put("memberType", "Direct");
        n.set("scheduleInfo", scheduleInfo(g.start, g.end, g.duration, g.kind == GrantKind.ACTIVATED));
        return n;
    }

    private static ObjectNode scheduleInfo(Instant start, Instant end, String duration, boolean afterDuration) {
        ObjectNode info = Json.obj();
        info.put("startDateTime", Json.time(start));
        info.putNull("recurrence");
        ObjectNode e = info.putObject("expiration");
        if (end == null) {
            e.put("type", "noExpiration");
            e.putNull("endDateTime");
            e.putNull("duration");
        } else {
            e.put("type", afterDuration && duration != null ? "afterDuration" : "afterDateTime");
            e.put("endDateTime", Json.time(end));
            if (afterDuration && duration != null) {
                e.put("duration", duration);
            } else {
                e.putNull("duration");
            }
        }
        return info;
    }

    // ---- PIM policies -------------------------------------------------------------------------------------------

    /** A role management policy assignment with its policy and 17 rules, as {@code $expand=policy($expand=rules)}. */
    private ObjectNode policyAssignment(String scopeType, String scopeId, String roleDefinitionId, PimPolicy p) {
        boolean group = scopeType.equals("Group");
        String policyId = group ? "Group_" + scopeId + "_" + p.policyGuid
                : "DirectoryRole_" + t.tenantId + "_" + p.policyGuid;
        ObjectNode n = Json.obj();
        n.put("id", policyId + "_" + roleDefinitionId);
        n.put("policyId", policyId);
        n.put("scopeId", scopeId);
        n.put("scopeType", scopeType);
        n.put("roleDefinitionId", roleDefinitionId);
        ObjectNode policy = n.putObject("policy");
        policy.put("id", policyId);
        policy.put("displayName", scopeType);
        policy.put("description", scopeType);
        policy.put("isOrganizationDefault", false);
        policy.put("scopeId", scopeId);
        policy.put("scopeType", scopeType);
        policy.putNull("lastModifiedDateTime");
        ObjectNode by = policy.putObject("lastModifiedBy");
        by.putNull("displayName");
        by.putNull("id");
        ArrayNode rules = policy.putArray("rules");
        rules.add(expiration("Expiration_Admin_Eligibility", "Admin", "Eligibility", false, "P365D"));
        rules.add(enablement("Enablement_Admin_Eligibility", "Admin", "Eligibility", List.of()));
        notifications(rules, "Admin", "Eligibility", "Admin");
        rules.add(expiration("Expiration_Admin_Assignment", "Admin", "Assignment", false, "P180D"));
        rules.add(enablement("Enablement_Admin_Assignment", "Admin", "Assignment", List.of("Justification")));
        notifications(rules, "Admin", "Assignment", "Admin");
        rules.add(expiration("Expiration_EndUser_Assignment", "EndUser", "Assignment", true, p.maxDuration));
        List<String> enabled = new ArrayList<>();
        if (p.mfa) {
            enabled.add("MultiFactorAuthentication");
        }
        if (p.justification) {
            enabled.add("Justification");
        }
        rules.add(enablement("Enablement_EndUser_Assignment", "EndUser", "Assignment", enabled));
        rules.add(approval(p));
        ObjectNode context = rule("#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule",
                "AuthenticationContext_EndUser_Assignment");
        context.put("isEnabled", false);
        context.putNull("claimValue");
        context.set("target", target("EndUser", "Assignment"));
        rules.add(context);
        notifications(rules, "EndUser", "Assignment", "EndUser");
        return n;
    }

    private static ObjectNode rule(String type, String id) {
        ObjectNode r = Json.obj();
        r.put("@odata.type", type);
        r.put("id", id);
        return r;
    }

    private static ObjectNode target(String caller, String level) {
        ObjectNode t = Json.obj();
        t.put("caller", caller);
        t.putArray("operations").add("all");
        t.put("level", level);
        t.putArray("inheritableSettings");
        t.putArray("enforcedSettings");
        return t;
    }

    private static ObjectNode expiration(String id, String caller, String level, boolean required, String max) {
        ObjectNode r = rule("#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", id);
        r.put("isExpirationRequired", required);
        r.put("maximumDuration", max);
        r.set("target", target(caller, level));
        return r;
    }

    private static ObjectNode enablement(String id, String caller, String level, List<String> enabled) {
        ObjectNode r = rule("#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", id);
        r.set("enabledRules", Json.strings(enabled));
        r.set("target", target(caller, level));
        return r;
    }

    private static void notifications(ArrayNode rules, String caller, String level, String prefixCaller) {
        for (String recipient : List.of("Admin", "Requestor", "Approver")) {
            ObjectNode r = rule("#microsoft.graph.unifiedRoleManagementPolicyNotificationRule",
                    "Notification_" + recipient + "_" + prefixCaller + "_" + level);
            r.put("notificationType", "Email");
            r.put("recipientType", recipient);
            r.put("notificationLevel", "All");
            r.put("isDefaultRecipientsEnabled", true);
            r.putArray("notificationRecipients");
            r.set("target", target(caller, level));
            rules.add(r);
        }
    }

    private ObjectNode approval(PimPolicy p) {
        ObjectNode r = rule("#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "Approval_EndUser_Assignment");
        r.set("target", target("EndUser", "Assignment"));
        ObjectNode s = r.putObject("setting");
        s.put("isApprovalRequired", p.approval);
        s.put("isApprovalRequiredForExtension", false);
        s.put("isRequestorJustificationRequired", true);
        s.put("approvalMode", p.approval ? "SingleStage" : "NoApproval");
        ArrayNode stages = s.putArray("approvalStages");
        if (p.approval) {
            ObjectNode stage = stages.addObject();
            stage.put("approvalStageTimeOutInDays", 1);
            stage.put("isApproverJustificationRequired", true);
            stage.put("escalationTimeInMinutes", 0);
            stage.put("isEscalationEnabled", false);
            ArrayNode primary = stage.putArray("primaryApprovers");
            for (String[] a : p.approvers) {
                ObjectNode subject = primary.addObject();
                if (a[0].equals("group")) {
                    Group g = t.group(a[1]);
                    subject.put("@odata.type", "#microsoft.graph.groupMembers");
                    subject.put("groupId", a[1]);
                    subject.put("description", g == null ? a[1] : g.name);
                } else {
                    User u = t.user(a[1]);
                    subject.put("@odata.type", "#microsoft.graph.singleUser");
                    subject.put("userId", a[1]);
                    subject.put("description", u == null ? a[1] : u.displayName);
                }
            }
            stage.putArray("escalationApprovers");
        }
        return r;
    }

    private void pimForGroups(PartnerData p) {
        for (String groupId : p.pimAssignments.keySet()) {
            put("pimGroupAssignmentSchedules/" + groupId + ".json", p.pimAssignments.get(groupId).stream()
                    .map(s -> pimSchedule(s, true)).toList());
            put("pimGroupEligibilitySchedules/" + groupId + ".json", p.pimEligibility.get(groupId).stream()
                    .map(s -> pimSchedule(s, false)).toList());
            PimPolicy owner = new PimPolicy(p.ownerPolicyGuids.get(groupId));
            owner.approval = false;
            owner.mfa = false;
            put("pimGroupPolicyAssignments/" + groupId + ".json", List.of(
                    policyAssignment("Group", groupId, "member", p.groupPolicies.get(groupId)),
                    policyAssignment("Group", groupId, "owner", owner)));
        }
    }

    private ObjectNode pimSchedule(PimSchedule s, boolean assignment) {
        ObjectNode n = Json.obj();
        n.put("id", s.id);
        n.put("createdDateTime", Json.time(s.start));
        n.put("modifiedDateTime", Json.time(s.start));
        n.put("createdUsing", s.id);
        n.put("status", "Provisioned");
        n.set("scheduleInfo", scheduleInfo(s.start, s.end, s.duration, "activated".equals(s.type)));
        n.put("accessId", "member");
        n.put("principalId", s.principalId);
        n.put("groupId", s.groupId);
        n.put("memberType", "direct");
        if (assignment) {
            n.put("assignmentType", s.type);
        }
        return n;
    }

    // ---- policies -----------------------------------------------------------------------------------------------

    private ObjectNode caPolicy(Policy p) {
        ObjectNode n = Json.obj();
        n.put("id", p.id);
        n.putNull("templateId");
        n.put("displayName", p.name);
        n.put("createdDateTime", Json.time(p.created));
        Json.putTime(n, "modifiedDateTime", p.modified);
        n.put("state", p.state);
        if (p.signInFrequency) {
            ObjectNode session = n.putObject("sessionControls");
            session.putNull("applicationEnforcedRestrictions");
            session.putNull("cloudAppSecurity");
            ObjectNode browser = session.putObject("persistentBrowser");
            browser.put("isEnabled", true);
            browser.put("mode", "never");
            ObjectNode frequency = session.putObject("signInFrequency");
            frequency.put("isEnabled", true);
            frequency.put("type", "hours");
            frequency.put("value", 4);
            frequency.put("authenticationType", "primaryAndSecondaryAuthentication");
            frequency.put("frequencyInterval", "timeBased");
            session.put("disableResilienceDefaults", false);
        } else {
            n.putNull("sessionControls");
        }
        ObjectNode c = n.putObject("conditions");
        c.set("userRiskLevels", Json.strings(p.userRiskLevels));
        c.set("signInRiskLevels", Json.strings(p.signInRiskLevels));
        c.set("clientAppTypes", Json.strings(p.clientAppTypes));
        c.putArray("servicePrincipalRiskLevels");
        c.putNull("insiderRiskLevels");
        if (p.includePlatforms != null) {
            ObjectNode platforms = c.putObject("platforms");
            platforms.set("includePlatforms", Json.strings(p.includePlatforms));
            platforms.set("excludePlatforms", Json.strings(p.excludePlatforms));
        } else {
            c.putNull("platforms");
        }
        if (p.includeLocations != null) {
            ObjectNode locations = c.putObject("locations");
            locations.set("includeLocations", Json.strings(p.includeLocations));
            locations.set("excludeLocations", Json.strings(p.excludeLocations));
        } else {
            c.putNull("locations");
        }
        c.putNull("devices");
        c.putNull("clientApplications");
        c.putNull("authenticationFlows");
        ObjectNode apps = c.putObject("applications");
        apps.set("includeApplications", Json.strings(p.includeApps));
        apps.set("excludeApplications", Json.strings(p.excludeApps));
        apps.set("includeUserActions", Json.strings(p.userActions));
        apps.putArray("includeAuthenticationContextClassReferences");
        apps.putNull("applicationFilter");
        ObjectNode users = c.putObject("users");
        users.set("includeUsers", Json.strings(p.includeUsers));
        users.set("excludeUsers", Json.strings(p.excludeUsers));
        users.set("includeGroups", Json.strings(p.includeGroups));
        users.set("excludeGroups", Json.strings(p.excludeGroups));
        users.set("includeRoles", Json.strings(p.includeRoles));
        users.set("excludeRoles", Json.strings(p.excludeRoles));
        users.set("includeGuestsOrExternalUsers", p.includeGuests ? guests() : null);
        users.set("excludeGuestsOrExternalUsers", p.excludeGuests ? guests() : null);
        ObjectNode grant = n.putObject("grantControls");
        grant.put("operator", p.operator);
        grant.set("builtInControls", Json.strings(p.controls));
        grant.putArray("customAuthenticationFactors");
        grant.putArray("termsOfUse");
        grant.put("authenticationStrength@odata.context", "https://graph.microsoft.com/v1.0/$metadata#identity/"
                + "conditionalAccess/policies('" + p.id + "')/grantControls/authenticationStrength/$entity");
        if (p.strength == null) {
            grant.putNull("authenticationStrength");
        } else {
            boolean pr = p.strength.equals(Catalog.STRENGTH_PHISHING_RESISTANT);
            ObjectNode s = grant.putObject("authenticationStrength");
            s.put("id", p.strength);
            s.put("displayName", pr ? "Phishing-resistant MFA" : "Multifactor authentication");
            s.put("description", pr ? "Phishing-resistant, Passwordless methods for the strongest authentication, "
                    + "such as a FIDO2 security key" : "Combinations of methods that satisfy strong authentication, "
                    + "such as a password + SMS");
            s.put("policyType", "builtIn");
            s.put("requirementsSatisfied", "mfa");
            s.set("allowedCombinations", Json.strings(pr ? Catalog.PHISHING_RESISTANT_COMBINATIONS
                    : Catalog.MFA_COMBINATIONS));
            s.put("combinationConfigurations@odata.context", "https://graph.microsoft.com/v1.0/$metadata#identity/"
                    + "conditionalAccess/policies('" + p.id + "')/grantControls/authenticationStrength/"
                    + "combinationConfigurations");
            s.putArray("combinationConfigurations");
            s.put("createdDateTime", "2021-12-01T08:00:00Z");
            s.put("modifiedDateTime", "2021-12-01T08:00:00Z");
        }
        return n;
    }

    private static ObjectNode guests() {
        ObjectNode g = Json.obj();
        g.put("guestOrExternalUserTypes", "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,"
                + "b2bDirectConnectUser,otherExternalUser,serviceProvider");
        ObjectNode tenants = g.putObject("externalTenants");
        tenants.put("@odata.type", "#microsoft.graph.conditionalAccessAllExternalTenants");
        tenants.put("membershipKind", "all");
        return g;
    }

    private ObjectNode securityDefaults() {
        ObjectNode n = Json.obj();
        n.put("id", "00000000-0000-0000-0000-000000000005");
        n.put("displayName", "Security Defaults");
        n.put("description", "Security defaults is a set of basic identity security mechanisms recommended by "
                + "Microsoft. When enabled, these recommendations will be automatically enforced in your organization. "
                + "Administrators and users will be better protected from common identity related attacks.");
        n.put("isEnabled", t.securityDefaults);
        return n;
    }

    private ObjectNode methodsPolicy() {
        ObjectNode n = Json.obj();
        n.put("id", "authenticationMethodsPolicy");
        n.put("displayName", "Authentication Methods Policy");
        n.put("description", "The tenant-wide policy that controls which authentication methods are allowed in the "
                + "tenant, authentication method registration requirements, and self-service password reset settings");
        n.put("lastModifiedDateTime", Json.time(t.created.plusSeconds(86_400L * 30)));
        n.put("policyVersion", "1.5");
        n.put("policyMigrationState", "migrationComplete");
        ObjectNode campaign = n.putObject("registrationEnforcement")
                .putObject("authenticationMethodsRegistrationCampaign");
        campaign.put("snoozeDurationInDays", 1);
        campaign.put("enforceRegistrationAfterAllowedSnoozes", true);
        campaign.put("state", "default");
        campaign.putArray("excludeTargets");
        ObjectNode ct = campaign.putArray("includeTargets").addObject();
        ct.put("id", "all_users");
        ct.put("targetType", "group");
        ct.put("targetedAuthenticationMethod", "microsoftAuthenticator");
        ArrayNode configs = n.putArray("authenticationMethodConfigurations");

        ObjectNode fido = method(configs, "#microsoft.graph.fido2AuthenticationMethodConfiguration", "Fido2",
                "enabled");
        fido.put("isSelfServiceRegistrationAllowed", true);
        fido.put("isAttestationEnforced", true);
        ObjectNode restrictions = fido.putObject("keyRestrictions");
        restrictions.put("isEnforced", false);
        restrictions.put("enforcementType", "block");
        restrictions.putArray("aaGuids");
        targets(fido, null);

        ObjectNode auth = method(configs, "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
                "MicrosoftAuthenticator", "enabled");
        auth.put("isSoftwareOathEnabled", false);
        ObjectNode fs = auth.putObject("featureSettings");
        feature(fs, "displayAppInformationRequiredState", "enabled");
        feature(fs, "displayLocationInformationRequiredState", "enabled");
        feature(fs, "numberMatchingRequiredState", t.numberMatching);
        feature(fs, "companionAppAllowedState", "default");
        targets(auth, "authenticationMode");

        if (t.smsState != null) {
            ObjectNode sms = method(configs, "#microsoft.graph.smsAuthenticationMethodConfiguration", "Sms",
                    t.smsState);
            targets(sms, "isUsableForSignIn");
        }
        if (t.voiceState != null) {
            ObjectNode voice = method(configs, "#microsoft.graph.voiceAuthenticationMethodConfiguration", "Voice",
                    t.voiceState);
            voice.put("isOfficePhoneAllowed", false);
            targets(voice, null);
        }
        ObjectNode tap = method(configs, "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
                "TemporaryAccessPass", "enabled");
        tap.put("defaultLifetimeInMinutes", 60);
        tap.put("defaultLength", 8);
        tap.put("minimumLifetimeInMinutes", 60);
        tap.put("maximumLifetimeInMinutes", 480);
        tap.put("isUsableOnce", true);
        targets(tap, null);
        ObjectNode email = method(configs, "#microsoft.graph.emailAuthenticationMethodConfiguration", "Email",
                "enabled");
        email.put("allowExternalIdToUseEmailOtp", "default");
        targets(email, null);
        ObjectNode oath = method(configs, "#microsoft.graph.softwareOathAuthenticationMethodConfiguration",
                "SoftwareOath", "enabled");
        targets(oath, null);
        return n;
    }

    private static ObjectNode method(ArrayNode configs, String type, String id, String state) {
        ObjectNode m = configs.addObject();
        m.put("@odata.type", type);
        m.put("id", id);
        m.put("state", state);
        return m;
    }

    private static void targets(ObjectNode m, String extra) {
        m.putArray("excludeTargets");
        ObjectNode target = m.putArray("includeTargets").addObject();
        target.put("targetType", "group");
        target.put("id", "all_users");
        target.put("isRegistrationRequired", false);
        if ("authenticationMode".equals(extra)) {
            target.put("authenticationMode", "any");
        } else if ("isUsableForSignIn".equals(extra)) {
            target.put("isUsableForSignIn", false);
        }
    }

    private static void feature(ObjectNode fs, String name, String state) {
        ObjectNode f = fs.putObject(name);
        f.put("state", state);
        ObjectNode include = f.putObject("includeTarget");
        include.put("targetType", "group");
        include.put("id", "all_users");
        ObjectNode exclude = f.putObject("excludeTarget");
        exclude.put("targetType", "group");
        exclude.put("id", "00000000-0000-0000-0000-000000000000");
    }

    /** {@code GET /users/{id}/authentication/methods}. */
    private List<ObjectNode> methods(User u) {
        List<ObjectNode> list = new ArrayList<>();
        Set<String> m = new LinkedHashSet<>(registeredMethods(u));
        ObjectNode pw = Json.obj();
        pw.put("@odata.type", "#microsoft.graph.passwordAuthenticationMethod");
        pw.put("id", PASSWORD_METHOD_ID);
        pw.putNull("password");
        pw.put("createdDateTime", Json.time(u.created));
        list.add(pw);
        Instant registered = u.created.plusSeconds(7200);
        String first = u.first == null ? "User" : u.first;
        if (m.contains("fido2SecurityKey")) {
            ObjectNode f = Json.obj();
            f.put("@odata.type", "#microsoft.graph.fido2AuthenticationMethod");
            f.put("id", rng.base64url(24));
            f.put("displayName", first + " YubiKey");
            f.put("createdDateTime", Json.time(registered));
            f.put("aaGuid", "2fc0579f-8113-47ea-b116-555a8db9202a");
            f.put("model", "YubiKey 5 NFC");
            f.putArray("attestationCertificates").add(rng.digits(10) + "a"
                    + rng.alnum(29).toLowerCase(java.util.Locale.ROOT));
            f.put("attestationLevel", "attested");
            list.add(f);
        }
        if (m.contains("windowsHelloForBusiness")) {
            ObjectNode w = Json.obj();
            w.put("@odata.type", "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod");
            w.put("id", rng.uuid());
            w.put("displayName", u.device != null ? u.device.name : first + "'s PC");
            w.put("createdDateTime", Json.time(registered));
            w.put("keyStrength", "normal");
            list.add(w);
        }
        if (m.contains("microsoftAuthenticatorPush")) {
            ObjectNode a = Json.obj();
            a.put("@odata.type", "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod");
            a.put("id", rng.uuid());
            a.put("displayName", rng.chance(0.6) ? "iPhone 15" : "Pixel 8");
            a.put("deviceTag", "SoftwareTokenActivated");
            a.put("phoneAppVersion", "6.8.12");
            a.put("createdDateTime", Json.time(registered));
            list.add(a);
        }
        if (m.contains("softwareOneTimePasscode")) {
            ObjectNode o = Json.obj();
            o.put("@odata.type", "#microsoft.graph.softwareOathAuthenticationMethod");
            o.put("id", rng.uuid());
            o.putNull("secretKey");
            list.add(o);
        }
        if (u.recoveryPhone != null && m.contains("mobilePhone")) {
            ObjectNode p = Json.obj();
            p.put("@odata.type", "#microsoft.graph.phoneAuthenticationMethod");
            p.put("id", MOBILE_METHOD_ID);
            p.put("phoneNumber", u.recoveryPhone);
            p.put("phoneType", "mobile");
            p.put("smsSignInState", "notAllowedByPolicy");
            list.add(p);
        }
        if (u.recoveryEmail != null && m.contains("email")) {
            ObjectNode e = Json.obj();
            e.put("@odata.type", "#microsoft.graph.emailAuthenticationMethod");
            e.put("id", EMAIL_METHOD_ID);
            e.put("emailAddress", u.recoveryEmail);
            list.add(e);
        }
        return list;
    }

    private ObjectNode risky(TenantModel.Risky r) {
        User u = t.user(r.userId);
        ObjectNode n = Json.obj();
        n.put("id", r.userId);
        n.put("isDeleted", false);
        n.put("isProcessing", false);
        n.put("riskLastUpdatedDateTime", Json.time(r.updated));
        n.put("riskLevel", r.level);
        n.put("riskState", r.state);
        n.put("riskDetail", r.detail);
        n.put("userDisplayName", u == null ? null : u.displayName);
        n.put("userPrincipalName", u == null ? null : u.upn);
        return n;
    }

    // ---- apps and devices ---------------------------------------------------------------------------------------

    private ObjectNode application(TenantModel.App a) {
        ObjectNode n = Json.obj();
        n.put("id", a.id);
        n.put("appId", a.appId);
        n.put("displayName", a.name);
        n.put("createdDateTime", Json.time(a.created));
        n.put("signInAudience", a.audience);
        n.put("notes", a.notes);
        ArrayNode rra = n.putArray("requiredResourceAccess");
        for (TenantModel.Resource r : a.resources) {
            ObjectNode res = rra.addObject();
            res.put("resourceAppId", r.resourceAppId());
            ArrayNode access = res.putArray("resourceAccess");
            for (TenantModel.Access x : r.access()) {
                access.addObject().put("id", x.id()).put("type", x.type());
            }
        }
        ArrayNode secrets = n.putArray("passwordCredentials");
        for (TenantModel.Secret s : a.secrets) {
            ObjectNode c = secrets.addObject();
            c.putNull("customKeyIdentifier");
            c.put("displayName", s.displayName());
            c.put("endDateTime", Json.time(s.end()));
            c.put("hint", s.hint());
            c.put("keyId", s.keyId());
            c.putNull("secretText");
            c.put("startDateTime", Json.time(s.start()));
        }
        ArrayNode keys = n.putArray("keyCredentials");
        for (TenantModel.Key k : a.keys) {
            ObjectNode c = keys.addObject();
            c.put("customKeyIdentifier", k.thumbprint());
            c.put("displayName", k.displayName());
            c.put("endDateTime", Json.time(k.end()));
            c.putNull("key");
            c.put("keyId", k.keyId());
            c.put("startDateTime", Json.time(k.start()));
            c.put("type", "AsymmetricX509Cert");
            c.put("usage", "Verify");
        }
        return n;
    }

    private static ObjectNode servicePrincipal(TenantModel.Sp sp) {
        ObjectNode n = Json.obj();
        n.put("id", sp.id);
        n.put("appId", sp.appId);
        n.put("displayName", sp.name);
        n.put("servicePrincipalType", sp.type);
        n.put("appOwnerOrganizationId", sp.owner);
        n.put("accountEnabled", true);
        n.set("tags", Json.strings(sp.tags));
        n.putArray("appRoles");
        n.putArray("oauth2PermissionScopes");
        n.putArray("passwordCredentials");
        n.putArray("keyCredentials");
        return n;
    }

    private ObjectNode device(Device d) {
        ObjectNode n = Json.obj();
        n.put("id", d.id);
        n.put("deviceId", d.deviceId);
        n.put("displayName", d.name);
        n.put("accountEnabled", true);
        n.put("operatingSystem", d.os);
        n.put("operatingSystemVersion", d.osVersion);
        n.put("trustType", d.trustType);
        n.put("isCompliant", d.compliant);
        n.put("isManaged", d.managed);
        n.put("registrationDateTime", Json.time(d.registered));
        n.put("approximateLastSignInDateTime", Json.time(d.lastSignIn != null ? d.lastSignIn
                : rng.daysAgo(t.now, 0.1, 20)));
        n.put("profileType", "RegisteredDevice");
        n.put("managementType", d.managed ? "MDM" : null);
        return n;
    }

    // ---- the partner's GDAP and Partner Center ------------------------------------------------------------------

    private void gdap(PartnerData p) {
        List<ObjectNode> rels = new ArrayList<>();
        for (Relationship r : p.relationships) {
            ObjectNode n = Json.obj();
            n.put("@odata.etag", "W/\"" + rng.base64url(11) + "=\"");
            n.put("id", r.id);
            n.put("displayName", r.displayName);
            n.put("duration", "P730D");
            ObjectNode c = n.putObject("customer");
            c.put("tenantId", r.customerId);
            c.put("displayName", r.customerName);
            n.put("status", r.status);
            n.put("autoExtendDuration", r.autoExtend);
            n.put("createdDateTime", Json.time(r.created));
            n.put("lastModifiedDateTime", Json.time(r.active() ? r.activated : r.end));
            n.put("activatedDateTime", Json.time(r.activated));
            n.put("endDateTime", Json.time(r.end));
            n.set("accessDetails", unifiedRoles(r.roles));
            rels.add(n);
            List<ObjectNode> assignments = new ArrayList<>();
            for (AccessAssignment a : r.assignments) {
                ObjectNode x = Json.obj();
                x.put("@odata.etag", "W/\"" + rng.base64url(11) + "=\"");
                x.put("id", a.id);
                x.put("status", a.status);
                x.put("createdDateTime", Json.time(a.created));
                x.put("lastModifiedDateTime", Json.time(a.modified));
                ObjectNode container = x.putObject("accessContainer");
                container.put("accessContainerId", a.groupId);
                container.put("accessContainerType", "securityGroup");
                x.set("accessDetails", unifiedRoles(a.roles));
                assignments.add(x);
            }
            put("delegatedAdminAccessAssignments/" + r.id + ".json", assignments);
        }
        put("delegatedAdminRelationships.json", rels);
    }

    private static ObjectNode unifiedRoles(List<String> roles) {
        ObjectNode d = Json.obj();
        ArrayNode list = d.putArray("unifiedRoles");
        roles.forEach(r -> list.addObject().put("roleDefinitionId", r));
        return d;
    }

    private void partnerCenter(PartnerData p) {
        put("partnerCenter/customers.json", p.pcCustomers);
        p.pcSubscriptions.forEach((customer, subs) -> put("partnerCenter/subscriptions/" + customer + ".json", subs));
        put("partnerCenter/auditRecords.json", p.pcAuditRecords);
    }
}
