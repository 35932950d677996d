package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Appends to the tenant's {@code directoryAudits.json} what Entra logs for a write the simulator performed, so that a
 * workflow that re-checks its action (or a later collection) sees it in the audit log as it would in a real tenant.
 * Activity names follow the Entra audit log's (those of PIM [MEMORY]). Caller holds the tenant's write lock.
 */
final class DirectoryAuditLog {
    static final String FILE = "directoryAudits.json";

    private DirectoryAuditLog() {
    }

    /** @param target {@code {id, displayName, type, userPrincipalName}} of the object acted on */
    static void append(TenantState st, Instant now, Actor actor, String category, String service, String activity,
                       String operationType, ObjectNode target) {
        ObjectNode a = Json.object();
        a.put("id", "Directory_" + RequestIds.newId());
        a.put("category", category);
        a.put("correlationId", RequestIds.newId());
        a.put("result", "success");
        a.put("resultReason", "");
        a.put("activityDisplayName", activity);
        a.put("activityDateTime", now.toString());
        a.put("loggedByService", service);
        a.put("operationType", operationType);
        ObjectNode by = a.putObject("initiatedBy");
        if (actor.userId() != null) {
            by.putNull("app");
            ObjectNode u = by.putObject("user");
            u.put("id", actor.userId());
            u.putNull("displayName");
            u.put("userPrincipalName", actor.userPrincipalName());
            u.putNull("ipAddress");
            u.putNull("userType");
            u.put("homeTenantId", actor.homeTenantId());
            u.putNull("homeTenantName");
        } else {
            ObjectNode app = by.putObject("app");
            app.put("appId", actor.appId());
            app.putNull("displayName");
            app.putNull("servicePrincipalId");
            app.putNull("servicePrincipalName");
            by.putNull("user");
        }
        ArrayNode targets = a.putArray("targetResources");
        ObjectNode t = targets.addObject();
        t.setAll(target);
        if (!t.has("groupType")) {
            t.putNull("groupType");
        }
        if (!t.has("modifiedProperties")) {
            t.putArray("modifiedProperties");
        }
        a.putArray("additionalDetails");
        st.tenant.collection(FILE).add(a);
    }

    static ObjectNode target(String id, String displayName, String type, String userPrincipalName) {
        ObjectNode t = Json.object();
        t.put("id", id);
        t.put("displayName", displayName);
        t.put("type", type);
        t.put("userPrincipalName", userPrincipalName);
        return t;
    }
}
