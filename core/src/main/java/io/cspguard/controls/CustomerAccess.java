package io.cspguard.controls;

import io.cspguard.snapshot.graph.User;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partner's customer-access users: members of AdminAgents or HelpdeskAgents, and of every group named as
 * {@code accessContainer} by an active access assignment of an active GDAP relationship.
 *
 * @param users    user id (lower case) → the user
 * @param via      user id → the groups that give access ("AdminAgents", "group 'Tier2' (GDAP …)")
 * @param unknowns what could not be read (a members file, the relationships…)
 */
public record CustomerAccess(Map<String, User> users, Map<String, List<String>> via, Set<String> unknowns) {
    public boolean contains(String userId) {
        return userId != null && users.containsKey(userId.toLowerCase(java.util.Locale.ROOT));
    }
}
