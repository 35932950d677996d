package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Group membership over the world's files, which hold transitive members only ({@code groupMembers/<id>.json}, what
 * {@code transitiveMembers} returns). Direct members are derived: the transitive members not reachable through a
 * nested group that is itself a member (an object that is both a direct member and a member of a nested group is
 * taken as indirect — the files cannot tell). A write changes the direct members of one group, then recomputes the
 * transitive members of that group and of every group that contains it, so that removing a user from a nested group
 * removes it from the groups above, unless another path still leads to it. Callers hold the tenant's lock.
 */
final class Membership {
    static final String FOLDER = "groupMembers";

    private Membership() {
    }

    static List<ObjectNode> transitive(SimTenant t, String groupId) {
        return WorldFiles.list(t, WorldFiles.keyed(t, FOLDER, groupId));
    }

    static List<ObjectNode> direct(SimTenant t, String groupId) {
        List<ObjectNode> all = transitive(t, groupId);
        Set<String> indirect = new HashSet<>();
        for (ObjectNode m : all) {
            if (WorldFiles.isGroup(m)) {
                for (ObjectNode n : transitive(t, WorldFiles.text(m, "id"))) {
                    indirect.add(lower(WorldFiles.text(n, "id")));
                }
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode m : all) {
            if (!indirect.contains(lower(WorldFiles.text(m, "id")))) {
                out.add(m);
            }
        }
        return out;
    }

    /** @return false when {@code member} is already a direct member */
    static boolean add(SimTenant t, String groupId, ObjectNode member) {
        String memberId = WorldFiles.text(member, "id");
        Map<String, Map<String, ObjectNode>> direct = directOfAffected(t, groupId);
        Map<String, ObjectNode> d = direct.get(lower(groupId));
        if (d.containsKey(lower(memberId))) {
            return false;
        }
        d.put(lower(memberId), shaped(t, groupId, member));
        rewrite(t, direct);
        return true;
    }

    /** @return false when {@code memberId} is not a direct member */
    static boolean remove(SimTenant t, String groupId, String memberId) {
        Map<String, Map<String, ObjectNode>> direct = directOfAffected(t, groupId);
        if (direct.get(lower(groupId)).remove(lower(memberId)) == null) {
            return false;
        }
        rewrite(t, direct);
        return true;
    }

    /** Whether adding {@code candidate} to {@code groupId} would make a group contain itself. */
    static boolean wouldCycle(SimTenant t, String groupId, String candidate) {
        if (groupId.equalsIgnoreCase(candidate)) {
            return true;
        }
        return transitive(t, candidate).stream().anyMatch(m -> groupId.equalsIgnoreCase(WorldFiles.text(m, "id")));
    }

    /** The group and every group whose transitive members include it: the files a change to it touches. */
    private static Map<String, Map<String, ObjectNode>> directOfAffected(SimTenant t, String groupId) {
        Set<String> affected = new LinkedHashSet<>();
        affected.add(groupId);
        for (Map.Entry<String, List<ObjectNode>> e : t.collections().entrySet()) {
            if (e.getKey().startsWith(FOLDER + "/")
                    && e.getValue().stream().anyMatch(m -> groupId.equalsIgnoreCase(WorldFiles.text(m, "id")))) {
                String k = e.getKey();
                affected.add(k.substring(FOLDER.length() + 1, k.length() - ".json".length()));
            }
        }
        Map<String, Map<String, ObjectNode>> direct = new LinkedHashMap<>();
        for (String g : affected) {
            Map<String, ObjectNode> d = new LinkedHashMap<>();
            for (ObjectNode m : direct(t, g)) {
                d.put(lower(WorldFiles.text(m, "id")), m);
            }
            direct.put(lower(g), d);
        }
        return direct;
    }

    /** Recomputes each affected group's transitive members from the direct ones, keeping the files' order. */
    private static void rewrite(SimTenant t, Map<String, Map<String, ObjectNode>> direct) {
        for (String g : direct.keySet()) {
            Map<String, ObjectNode> closure = new LinkedHashMap<>();
            expand(t, g, direct, closure, new HashSet<>());
            String key = WorldFiles.keyed(t, FOLDER, g);
            List<ObjectNode> file = t.collection(key);
            Iterator<ObjectNode> it = file.iterator();
            Set<String> kept = new HashSet<>();
            while (it.hasNext()) {
                String id = lower(WorldFiles.text(it.next(), "id"));
                if (!closure.containsKey(id)) {
                    it.remove();
                } else {
                    kept.add(id);
                }
            }
            for (Map.Entry<String, ObjectNode> e : closure.entrySet()) {
                if (!kept.contains(e.getKey())) {
                    file.add(e.getValue().deepCopy());
                }
            }
        }
    }

    private static void expand(SimTenant t, String group, Map<String, Map<String, ObjectNode>> direct,
                               Map<String, ObjectNode> into, Set<String> visiting) {
        if (!visiting.add(lower(group))) {
            return;
        }
        Map<String, ObjectNode> d = direct.get(lower(group));
        if (d == null) {
            // Not affected by the change: its file is still right.
            for (ObjectNode m : transitive(t, group)) {
                into.putIfAbsent(lower(WorldFiles.text(m, "id")), m);
            }
            return;
        }
        for (Map.Entry<String, ObjectNode> e : d.entrySet()) {
            into.putIfAbsent(e.getKey(), e.getValue());
            if (WorldFiles.isGroup(e.getValue())) {
                expand(t, WorldFiles.text(e.getValue(), "id"), direct, into, visiting);
            }
        }
    }

    /**
     * A new member entry in the shape the group's file already uses for that type (the same properties, read from
     * the directory object), or a minimal one ({@code @odata.type}, id, displayName, userPrincipalName for users).
     */
    private static ObjectNode shaped(SimTenant t, String groupId, ObjectNode source) {
        String type = WorldFiles.text(source, "@odata.type");
        ObjectNode model = null;
        for (ObjectNode m : transitive(t, groupId)) {
            if (type.equalsIgnoreCase(WorldFiles.text(m, "@odata.type"))) {
                model = m;
                break;
            }
        }
        ObjectNode out = Json.object();
        if (model != null) {
            model.fieldNames().forEachRemaining(f -> out.set(f, source.has(f) ? source.get(f).deepCopy()
                    : Json.MAPPER.nullNode()));
            out.put("@odata.type", type);
            out.put("id", WorldFiles.text(source, "id"));
            return out;
        }
        out.put("@odata.type", type);
        out.put("id", WorldFiles.text(source, "id"));
        out.set("displayName", source.has("displayName") ? source.get("displayName") : Json.MAPPER.nullNode());
        if (source.has("userPrincipalName")) {
            out.set("userPrincipalName", source.get("userPrincipalName"));
        }
        return out;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
