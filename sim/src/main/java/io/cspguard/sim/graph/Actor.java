package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.identity.AccessToken;

/**
 * Who made a write, as the directory audit log names them: a user (a partner user through GDAP has its home tenant) or
 * the application. Resolved before the write lock is taken, since it may read another tenant.
 */
record Actor(String userId, String userPrincipalName, String homeTenantId, String appId) {
    static Actor of(AccessToken token, Tenants tenants) {
        if (token.appOnly()) {
            return new Actor(null, null, null, token.appId());
        }
        String home = token.userTenantId() == null ? token.tenantId() : token.userTenantId();
        TenantState t = tenants.get(home);
        String upn = t == null ? null : t.read(() -> {
            ObjectNode u = WorldFiles.user(t.tenant, token.userId());
            return u == null ? null : WorldFiles.text(u, "userPrincipalName");
        });
        return new Actor(token.userId(), upn, home, token.appId());
    }
}
