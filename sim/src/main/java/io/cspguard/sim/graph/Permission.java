package io.cspguard.sim.graph;

import io.cspguard.sim.identity.AccessToken;
import java.util.List;
import java.util.Set;

/**
 * What a caller needs for one operation.
 *
 * <p>App-only: one of {@code anyOf} in the token's {@code roles} (the least-privileged permission first, then the
 * higher ones Graph also accepts), and, where Graph asks for two permissions together (directory audits:
 * AuditLog.Read.All and Directory.Read.All), one of {@code alsoAnyOf} as well.
 *
 * <p>Delegated: the same permission names in {@code scp} (or {@code Directory.AccessAsUser.All}, the delegated
 * catch-all), and one of {@code roles} in the user's {@code wids}: through GDAP, a partner user reaches a customer
 * only with the roles its access assignments grant. An empty {@code roles} asks for no directory role (the operation
 * checks its own conditions, as a PIM self-activation checks eligibility).
 */
record Permission(List<String> anyOf, List<String> alsoAnyOf, Set<String> roles) {
    static final String ACCESS_AS_USER = "Directory.AccessAsUser.All";

    static Permission of(Set<String> roles, String... anyOf) {
        return new Permission(List.of(anyOf), List.of(), roles);
    }

    Permission and(String... alsoAnyOf) {
        return new Permission(anyOf, List.of(alsoAnyOf), roles);
    }

    boolean allows(AccessToken t) {
        if (t.appOnly()) {
            return intersects(t.roles(), anyOf, false)
                    && (alsoAnyOf.isEmpty() || intersects(t.roles(), alsoAnyOf, false));
        }
        return intersects(t.scopes(), anyOf, true) && (alsoAnyOf.isEmpty() || intersects(t.scopes(), alsoAnyOf, true))
                && (roles.isEmpty() || t.wids().stream().anyMatch(roles::contains));
    }

    private static boolean intersects(Set<String> granted, List<String> needed, boolean delegated) {
        if (delegated && granted.contains(ACCESS_AS_USER)) {
            return true;
        }
        for (String n : needed) {
            if (granted.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** For the report and the docs: {@code A [B, C]}. */
    String describe() {
        String s = anyOf.get(0) + (anyOf.size() > 1 ? " " + anyOf.subList(1, anyOf.size()) : "");
        return alsoAnyOf.isEmpty() ? s : s + " and " + alsoAnyOf;
    }
}
