package io.cspguard.coverage;

import io.cspguard.snapshot.graph.User;

/** What the coverage engine needs to know about a tenant's directory, with unknowns where data is missing. */
public interface Directory {
    /** Whether the user is a (transitive) member of the group; UNKNOWN when the group's members file is missing. */
    Tri memberOf(String groupId, User user);

    /** Whether the user holds the role (a template id) through an active assignment, directly or through a group. */
    Tri holdsActiveRole(String roleTemplateId, User user);

    /** Why memberOf would be UNKNOWN for this group (names the file), or null. */
    String membersMissingReason(String groupId);

    /** Why holdsActiveRole may be UNKNOWN (roleAssignments or a role group's members missing), or null. */
    String activeRolesMissingReason();

    String groupName(String groupId);

    String roleName(String roleTemplateId);
}
