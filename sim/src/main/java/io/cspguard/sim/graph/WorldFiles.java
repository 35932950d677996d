package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import java.util.List;
import java.util.Map;

/** Look-ups in a tenant's world files. Callers hold the tenant's lock. */
final class WorldFiles {
    static final String USERS = "users.json";
    static final String GROUPS = "groups.json";
    static final String SERVICE_PRINCIPALS = "servicePrincipals.json";
    static final String DEVICES = "devices.json";

    private WorldFiles() {
    }

    static List<ObjectNode> list(SimTenant t, String file) {
        return t.collections().getOrDefault(file, List.of());
    }

    /** {@code folder/<id>.json} as the world spells it (ids are GUIDs, whose case clients may change). */
    static String keyed(SimTenant t, String folder, String id) {
        String exact = folder + "/" + id + ".json";
        if (t.collections().containsKey(exact)) {
            return exact;
        }
        for (String k : t.collections().keySet()) {
            if (k.length() == exact.length() && k.equalsIgnoreCase(exact)) {
                return k;
            }
        }
        return exact;
    }

    static ObjectNode byId(SimTenant t, String file, String id) {
        for (ObjectNode o : list(t, file)) {
            if (id.equalsIgnoreCase(text(o, "id"))) {
                return o;
            }
        }
        return null;
    }

    /** A user by object id or UPN, as {@code /users/{id|userPrincipalName}} accepts. */
    static ObjectNode user(SimTenant t, String idOrUpn) {
        for (ObjectNode o : list(t, USERS)) {
            if (idOrUpn.equalsIgnoreCase(text(o, "id")) || idOrUpn.equalsIgnoreCase(text(o, "userPrincipalName"))) {
                return o;
            }
        }
        return null;
    }

    /** A directory object of any of the member types, with its {@code @odata.type}; null if none. */
    static ObjectNode directoryObject(SimTenant t, String id) {
        Map<String, String> types = Map.of(USERS, "#microsoft.graph.user", GROUPS, "#microsoft.graph.group",
                SERVICE_PRINCIPALS, "#microsoft.graph.servicePrincipal", DEVICES, "#microsoft.graph.device");
        for (Map.Entry<String, String> e : types.entrySet()) {
            ObjectNode o = byId(t, e.getKey(), id);
            if (o != null) {
                ObjectNode typed = Json.object().put("@odata.type", e.getValue());
                typed.setAll(o);
                typed.put("@odata.type", e.getValue());
                return typed;
            }
        }
        return null;
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static boolean isGroup(JsonNode member) {
        return "#microsoft.graph.group".equalsIgnoreCase(text(member, "@odata.type"));
    }
}
