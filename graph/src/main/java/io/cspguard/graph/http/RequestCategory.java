package io.cspguard.graph.http;

import java.util.Locale;

/**
 * The throttling family a request draws on (graph-reference.md §16, "Throttling"), after the path alone: identity and
 * access reports (audit logs, sign-ins, {@code reports/…}, a user's authentication methods), Conditional Access and
 * Identity Protection, Partner Center, and everything else (directory reads, priced in resource units).
 */
public enum RequestCategory {
    DIRECTORY, REPORTS, CONDITIONAL_ACCESS, PARTNER_CENTER;

    /**
     * @param path a Graph path without the version prefix and query ({@code /users}, {@code /auditLogs/signIns})
     */
    public static RequestCategory ofGraphPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.startsWith("/auditlogs/") || p.startsWith("/reports/")) {
            return REPORTS;
        }
        if (p.startsWith("/users/") && p.contains("/authentication/")) {
            return REPORTS;
        }
        if (p.startsWith("/identity/conditionalaccess") || p.startsWith("/identityprotection/")) {
            return CONDITIONAL_ACCESS;
        }
        return DIRECTORY;
    }

    /**
     * What a GET of a directory path costs in resource units (Microsoft's table: users 2, applications 2,
     * groups/{id}/members 3, transitiveMembers 5, subscribedSkus 3, oauth2PermissionGrants 2, others 1; {@code $select}
     * −1, {@code $expand} +1, {@code $top} under 20 −1; at least 1). 1 for the other families.
     */
    public static int resourceUnits(String path, boolean select, boolean expand, Integer top) {
        if (ofGraphPath(path) != DIRECTORY) {
            return 1;
        }
        int cost = baseCost(path);
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

    private static int baseCost(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        long segments = p.chars().filter(c -> c == '/').count();
        if (p.equals("/users") || (p.startsWith("/users/") && segments == 2)) {
            return 2;
        }
        if (p.equals("/applications") || (p.startsWith("/applications/") && segments == 2)) {
            return 2;
        }
        if (p.equals("/subscribedskus")) {
            return 3;
        }
        if (p.equals("/oauth2permissiongrants")) {
            return 2;
        }
        if (p.startsWith("/groups/")) {
            if (p.contains("/transitivemembers")) {
                return 5;
            }
            if (p.contains("/members")) {
                return 3;
            }
        }
        return 1;
    }
}
