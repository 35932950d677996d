package io.cspguard.sim.throttle;

/**
 * Which throttling family a request belongs to, and what a directory read costs in resource units, after Microsoft's
 * published table (graph-reference.md §16): base cost GET users 2, applications 2, groups/{id}/members 3,
 * groups/{id}/transitiveMembers 5, subscribedSkus 3, oauth2PermissionGrants 2, any other GET 1; {@code $select} −1,
 * {@code $expand} +1, {@code $top} under 20 −1; at least 1. Writes (whose own budgets the simulator does not model)
 * cost 1 against the read budget.
 *
 * <p>For the simulated Graph: call {@link #category} and {@link #resourceUnits} per request (per request inside a
 * {@code $batch}; the batch envelope itself is not throttled), then {@link Throttle#admit}. Paths are without the
 * version prefix and query ({@code /users}, {@code /groups/{id}/transitiveMembers}, {@code /v1/customers}).
 */
public final class RequestCosts {
    private RequestCosts() {
    }

    public static Category category(String path) {
        if (startsWithIgnoreCase(path, "/v1/")) {
            return Category.PARTNER_CENTER;
        }
        if (startsWithIgnoreCase(path, "/auditLogs/") || startsWithIgnoreCase(path, "/reports/")) {
            return Category.REPORTS;
        }
        if (startsWithIgnoreCase(path, "/users/") && containsIgnoreCase(path, "/authentication/")) {
            return Category.REPORTS;
        }
        if (startsWithIgnoreCase(path, "/identity/conditionalAccess") || startsWithIgnoreCase(path, "/identityProtection/")) {
            return Category.CONDITIONAL_ACCESS;
        }
        return Category.DIRECTORY;
    }

    /**
     * @param top the request's {@code $top}, or null when it has none
     */
    public static int resourceUnits(String method, String path, boolean select, boolean expand, Integer top) {
        int cost = "GET".equalsIgnoreCase(method) ? baseCost(path) : 1;
        if (select) {
            cost--;
        }
        if (expand) {
            cost++;
        }
        if (top != null && top < 20) {
            cost--;
        }
        return Math.max(1, cost);
    }

    /** The least a directory read of {@code path} can cost: with {@code $select}, a large {@code $top}. */
    public static int minimumResourceUnits(String path, boolean expand) {
        return resourceUnits("GET", path, true, expand, null);
    }

    static int baseCost(String path) {
        String p = stripTrailingSlash(path);
        if (equalsIgnoreCase(p, "/users") || (startsWithIgnoreCase(p, "/users/") && segments(p) == 2)) {
            return 2;
        }
        if (equalsIgnoreCase(p, "/applications") || (startsWithIgnoreCase(p, "/applications/") && segments(p) == 2)) {
            return 2;
        }
        if (equalsIgnoreCase(p, "/subscribedSkus")) {
            return 3;
        }
        if (equalsIgnoreCase(p, "/oauth2PermissionGrants")) {
            return 2;
        }
        if (startsWithIgnoreCase(p, "/groups/")) {
            if (containsIgnoreCase(p, "/transitiveMembers")) {
                return 5;
            }
            if (containsIgnoreCase(p, "/members")) {
                return 3;
            }
        }
        return 1;
    }

    private static String stripTrailingSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static int segments(String p) {
        int n = 0;
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static boolean containsIgnoreCase(String s, String part) {
        int n = s.length() - part.length();
        for (int i = 0; i <= n; i++) {
            if (s.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }
}
