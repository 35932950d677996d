package io.cspguard.graph.collect;

import java.nio.charset.StandardCharsets;

/**
 * The requests of formats.md §1's snapshot table, as URLs. {@code $top} is added where Graph's default page is
 * smaller than its largest, so that a collection takes the fewest pages; it changes nothing else.
 */
final class Requests {
    static final String USERS_SELECT = "id,userPrincipalName,displayName,mail,accountEnabled,userType,"
            + "createdDateTime,onPremisesSyncEnabled,assignedLicenses,assignedPlans";
    static final String GROUPS_SELECT = "id,displayName,securityEnabled,mailEnabled,isAssignableToRole";
    static final String EXPAND_RULES = "policy($expand=rules)";
    /** The largest page of directory collections. */
    static final int TOP = 999;
    /** The largest page of users with {@code signInActivity}. */
    static final int TOP_USERS_ACTIVITY = 500;
    /** GDAP relationships and access assignments. */
    static final int TOP_GDAP = 300;
    static final int TOP_RISKY = 500;
    static final int PC_CUSTOMERS = 500;
    static final int PC_AUDIT = 500;

    private Requests() {
    }

    /** {@code ?k=v&k=v} with the values percent-encoded (keys such as {@code $filter} as they are). */
    static String query(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            sb.append(sb.isEmpty() ? '?' : '&').append(pairs[i]).append('=').append(encode(pairs[i + 1]));
        }
        return sb.toString();
    }

    /** Percent-encodes all but unreserved characters and those OData reads literally in a value ({@code $(),:'/}). */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (alphanumeric || "-._~$(),:'/".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    static String users(boolean signInActivity) {
        return "/users" + query("$select", USERS_SELECT + (signInActivity ? ",signInActivity" : ""),
                "$top", Integer.toString(signInActivity ? TOP_USERS_ACTIVITY : TOP));
    }

    static String groups() {
        return "/groups" + query("$select", GROUPS_SELECT, "$top", Integer.toString(TOP));
    }

    static String rolePolicies() {
        return "/policies/roleManagementPolicyAssignments" + query("$filter",
                "scopeId eq '/' and scopeType eq 'DirectoryRole'", "$expand", EXPAND_RULES);
    }

    static String signIns(String since) {
        return "/auditLogs/signIns" + query("$filter", "createdDateTime ge " + since);
    }

    static String directoryAudits(String since) {
        return "/auditLogs/directoryAudits" + query("$filter", "activityDateTime ge " + since);
    }

    static String top(String path, int top) {
        return path + query("$top", Integer.toString(top));
    }

    static String members(String groupId) {
        return "/groups/" + groupId + "/transitiveMembers" + query("$top", Integer.toString(TOP));
    }

    static String methods(String userId) {
        return "/users/" + userId + "/authentication/methods";
    }

    static String accessAssignments(String relationshipId) {
        return "/tenantRelationships/delegatedAdminRelationships/" + relationshipId + "/accessAssignments"
                + query("$top", Integer.toString(TOP_GDAP));
    }

    static String pimGroupAssignments(String groupId) {
        return "/identityGovernance/privilegedAccess/group/assignmentSchedules"
                + query("$filter", "groupId eq '" + groupId + "'", "$top", Integer.toString(TOP));
    }

    static String pimGroupEligibilities(String groupId) {
        return "/identityGovernance/privilegedAccess/group/eligibilitySchedules"
                + query("$filter", "groupId eq '" + groupId + "'", "$top", Integer.toString(TOP));
    }

    static String pimGroupPolicies(String groupId) {
        return "/policies/roleManagementPolicyAssignments" + query("$filter",
                "scopeId eq '" + groupId + "' and scopeType eq 'Group'", "$expand", EXPAND_RULES);
    }
}
