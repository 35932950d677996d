package io.cspguard.sim.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the identity platform reads from the World: tenants by path segment, the users who can sign in, and whether
 * they are enabled. Tenant data is read under the tenant's read lock, since Graph writes (user disable) change it.
 */
final class Directory {
    private static final List<String> MULTI_TENANT = List.of("common", "organizations");

    private final World world;

    Directory(World world) {
        this.world = world;
    }

    World world() {
        return world;
    }

    SimTenant partner() {
        return world.partner();
    }

    static boolean isMultiTenantAlias(String segment) {
        return MULTI_TENANT.contains(segment.toLowerCase(Locale.ROOT));
    }

    /**
     * The tenant an authority path segment names (a tenant id or one of its verified domains); empty for
     * {@code common}/{@code organizations}, whose tenant the signed-in user decides.
     *
     * @throws EntraError AADSTS90002 when no tenant has that id or domain
     */
    Optional<SimTenant> resolve(String segment) {
        if (isMultiTenantAlias(segment)) {
            return Optional.empty();
        }
        Optional<SimTenant> byId = world.tenant(segment);
        if (byId.isPresent()) {
            return byId;
        }
        return Optional.of(world.tenants().stream().filter(t -> hasDomain(t, segment)).findFirst()
                .orElseThrow(() -> EntraError.tenantNotFound(segment)));
    }

    /** Like {@link #resolve} but the multi-tenant aliases are an error (client credentials need a tenant). */
    SimTenant require(String segment) {
        return resolve(segment).orElseThrow(EntraError::noTenant);
    }

    Optional<SimUser> userByUpn(String upn) {
        if (upn == null) {
            return Optional.empty();
        }
        String wanted = upn.strip();
        return world.signInUsers().stream().filter(u -> u.userPrincipalName().equalsIgnoreCase(wanted)).findFirst();
    }

    Optional<SimUser> user(String tenantId, String userId) {
        return world.signInUsers().stream()
                .filter(u -> u.tenantId().equalsIgnoreCase(tenantId) && u.userId().equalsIgnoreCase(userId))
                .findFirst();
    }

    SimTenant home(SimUser user) {
        return world.tenant(user.tenantId()).orElseThrow(() -> EntraError.tenantNotFound(user.tenantId()));
    }

    /** False only when the home tenant's {@code users.json} holds the user with {@code accountEnabled: false}. */
    boolean enabled(SimUser user) {
        return userObject(user).map(u -> u.path("accountEnabled").asBoolean(true)).orElse(true);
    }

    String displayName(SimUser user) {
        return userObject(user).map(u -> u.path("displayName").asText(null)).orElse(user.userPrincipalName());
    }

    private Optional<ObjectNode> userObject(SimUser user) {
        SimTenant home = home(user);
        return read(home, () -> home.existingCollection("users.json").orElse(List.of()).stream()
                .filter(u -> user.userId().equalsIgnoreCase(u.path("id").asText()))
                .findFirst());
    }

    private static boolean hasDomain(SimTenant tenant, String domain) {
        return read(tenant, () -> tenant.existingCollection("organization.json").orElse(List.of()).stream()
                .flatMap(org -> stream(org.path("verifiedDomains")))
                .anyMatch(d -> domain.equalsIgnoreCase(d.path("name").asText())));
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    static <T> T read(SimTenant tenant, Supplier<T> reader) {
        tenant.lock().readLock().lock();
        try {
            return reader.get();
        } finally {
            tenant.lock().readLock().unlock();
        }
    }
}
