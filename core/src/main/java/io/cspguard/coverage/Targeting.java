package io.cspguard.coverage;

import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.CaPolicy.GuestsOrExternalUsers;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.List;

/**
 * Whether a policy's user conditions include or exclude a user: by user id, {@code All}, group (transitive),
 * role (active assignments only) or guest type. Each answer carries the clause that decided it, for findings.
 */
final class Targeting {
    /** Guests in /users are of this external type (controls.md). */
    static final String GUEST_TYPE = "b2bCollaborationGuest";

    /** @param because the clause that matched (TRUE) or could not be decided (UNKNOWN), e.g. "group 'Contractors'" */
    record Match(Tri value, String because) {
        static final Match NO = new Match(Tri.FALSE, null);

        Match or(Match other) {
            if (value == Tri.TRUE) {
                return this;
            }
            if (other.value == Tri.TRUE) {
                return other;
            }
            if (value == Tri.UNKNOWN) {
                return this;
            }
            return other.value == Tri.UNKNOWN ? other : NO;
        }
    }

    private final Directory directory;

    Targeting(Directory directory) {
        this.directory = directory;
    }

    Match included(CaPolicy policy, User user) {
        CaPolicy.Users u = users(policy);
        if (u == null) {
            return Match.NO;
        }
        Match m = Match.NO;
        if (Text.containsIgnoreCase(u.includeUsers(), "All")) {
            return new Match(Tri.TRUE, "all users");
        }
        return m.or(byUsers(u.includeUsers(), user))
                .or(byGroups(u.includeGroups(), user))
                .or(byRoles(u.includeRoles(), user))
                .or(byGuestType(u.includeGuestsOrExternalUsers(), user));
    }

    Match excluded(CaPolicy policy, User user) {
        CaPolicy.Users u = users(policy);
        if (u == null) {
            return Match.NO;
        }
        return byUsers(u.excludeUsers(), user)
                .or(byGroups(u.excludeGroups(), user))
                .or(byRoles(u.excludeRoles(), user))
                .or(byGuestType(u.excludeGuestsOrExternalUsers(), user));
    }

    private static CaPolicy.Users users(CaPolicy policy) {
        return policy.conditions() == null ? null : policy.conditions().users();
    }

    private static Match byUsers(List<String> ids, User user) {
        if (Text.containsIgnoreCase(ids, user.id())) {
            return new Match(Tri.TRUE, "user");
        }
        if (user.guest() && Text.containsIgnoreCase(ids, "GuestsOrExternalUsers")) {
            return new Match(Tri.TRUE, "guests or external users");
        }
        return Match.NO;
    }

    private Match byGroups(List<String> groupIds, User user) {
        Match m = Match.NO;
        for (String g : groupIds) {
            Tri in = directory.memberOf(g, user);
            String name = "group '" + directory.groupName(g) + "'";
            if (in == Tri.UNKNOWN) {
                name += " (" + directory.membersMissingReason(g) + ")";
            }
            m = m.or(new Match(in, name));
        }
        return m;
    }

    private Match byRoles(List<String> roleIds, User user) {
        Match m = Match.NO;
        for (String r : roleIds) {
            Tri holds = directory.holdsActiveRole(r, user);
            String name = "role '" + directory.roleName(r) + "'";
            if (holds == Tri.UNKNOWN) {
                name += " (" + directory.activeRolesMissingReason() + ")";
            }
            m = m.or(new Match(holds, name));
        }
        return m;
    }

    private static Match byGuestType(GuestsOrExternalUsers condition, User user) {
        if (condition == null || !user.guest() || !condition.hasType(GUEST_TYPE)) {
            return Match.NO;
        }
        if (condition.allExternalTenants()) {
            return new Match(Tri.TRUE, "guest type " + GUEST_TYPE);
        }
        // Only some external tenants are named, and /users does not say which tenant a guest comes from.
        return new Match(Tri.UNKNOWN, "guest type " + GUEST_TYPE + " from named external tenants (a guest's home tenant is not in users.json)");
    }
}
