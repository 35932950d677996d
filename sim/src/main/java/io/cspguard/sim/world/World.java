package io.cspguard.sim.world;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A simulated partner and its customers: what {@code cspguard sim} serves and what its generator writes
 * (formats.md §5). Tenants: the partner first.
 *
 * @param worldTime  the world's time, fixed by the seed: the simulator's clock starts there
 * @param configYaml the {@code cspguard.yaml} that the world and its planted violations assume
 */
public record World(long seed, Instant worldTime, String partnerTenantId, PartnerApp app, List<SimTenant> tenants,
                    List<SimUser> signInUsers, List<Planted> planted, String configYaml) {

    public World {
        tenants = List.copyOf(tenants);
        signInUsers = List.copyOf(signInUsers);
        planted = List.copyOf(planted);
    }

    public Optional<SimTenant> tenant(String tenantId) {
        return tenants.stream().filter(t -> t.tenantId().equalsIgnoreCase(tenantId)).findFirst();
    }

    public SimTenant partner() {
        return tenants.get(0);
    }

    public Map<String, SimTenant> byId() {
        return tenants.stream().collect(Collectors.toMap(t -> t.tenantId().toLowerCase(java.util.Locale.ROOT),
                Function.identity()));
    }
}
