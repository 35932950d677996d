package io.cspguard.sim.graph;

import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The world's tenants by id (the token's {@code tid} picks one: Graph has no tenant in its paths). */
final class Tenants {
    final World world;
    private final Map<String, TenantState> byId = new HashMap<>();

    Tenants(World world) {
        this.world = world;
        for (SimTenant t : world.tenants()) {
            byId.put(t.tenantId().toLowerCase(Locale.ROOT), new TenantState(t));
        }
    }

    /** @return null for a tenant the world does not hold */
    TenantState get(String tenantId) {
        return tenantId == null ? null : byId.get(tenantId.toLowerCase(Locale.ROOT));
    }

    TenantState partner() {
        return get(world.partnerTenantId());
    }
}
