package io.cspguard.sim.throttle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.PartnerApp;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.TenantRole;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Small hand-built worlds for the throttle, bound and fault tests. */
public final class TestWorlds {
    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final String APP = "11111111-2222-3333-4444-555555555555";
    private static final ObjectMapper M = new ObjectMapper();

    private TestWorlds() {
    }

    public static ObjectNode obj(String json) {
        try {
            return (ObjectNode) M.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A tenant with {@code users} users ({@code <id>-u0}, {@code <id>-u1}…); customers are consented. */
    public static SimTenant tenant(String id, TenantRole role, Licences.Tier tier, int users) {
        SimTenant t = new SimTenant(id, "Tenant " + id, role, tier);
        List<ObjectNode> u = t.collection("users.json");
        for (int i = 0; i < users; i++) {
            u.add(obj("{'id':'" + id + "-u" + i + "','userPrincipalName':'u" + i + "@" + id + ".example'}"));
        }
        t.consent(Set.of("Directory.Read.All", "AuditLog.Read.All"));
        return t;
    }

    /** {@code n} placeholder objects in a collection file. */
    public static void fill(SimTenant t, String file, int n) {
        List<ObjectNode> c = t.collection(file);
        for (int i = 0; i < n; i++) {
            c.add(obj("{'id':'" + file + "-" + i + "'}"));
        }
    }

    public static World world(SimTenant partner, SimTenant... customers) {
        List<SimTenant> all = new java.util.ArrayList<>();
        all.add(partner);
        all.addAll(Arrays.asList(customers));
        return world("", all);
    }

    public static World world(String configYaml, List<SimTenant> tenants) {
        return new World(7, T0, tenants.get(0).tenantId(), new PartnerApp(APP, "CSP Guard", "secret", null, null),
                tenants, List.of(), List.of(), configYaml);
    }
}
