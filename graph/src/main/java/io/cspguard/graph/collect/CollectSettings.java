package io.cspguard.graph.collect;

import io.cspguard.graph.auth.ConnectionProfile;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where and how to collect.
 *
 * @param partnerTenantId   the partner's own tenant
 * @param graph             Graph's base URL without a version ({@code https://graph.microsoft.com})
 * @param partnerCenter     Partner Center's base URL ({@code https://api.partnercenter.microsoft.com})
 * @param tenantConcurrency customer tenants collected at once
 * @param privilegedRoles   role template ids added to the built-in privileged roles ({@code cspguard.yaml}
 *                          {@code privilegedRoles}): their holders' authentication methods are read too
 */
public record CollectSettings(String partnerTenantId, String graph, String partnerCenter, int tenantConcurrency,
                              Set<String> privilegedRoles) {
    public static final int DEFAULT_TENANT_CONCURRENCY = 32;

    public CollectSettings {
        if (partnerTenantId == null || partnerTenantId.isBlank() || graph == null || partnerCenter == null) {
            throw new IllegalArgumentException("partnerTenantId, graph and partnerCenter are required");
        }
        if (tenantConcurrency < 1) {
            throw new IllegalArgumentException("tenantConcurrency must be at least 1");
        }
        graph = trim(graph);
        partnerCenter = trim(partnerCenter);
        privilegedRoles = privilegedRoles == null ? Set.of() : privilegedRoles.stream()
                .map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** From a connection profile, with the default concurrency and the configuration's extra privileged roles. */
    public static CollectSettings of(ConnectionProfile profile, List<String> privilegedRoles) {
        return new CollectSettings(profile.partnerTenantId(), profile.graph(), profile.partnerCenter(),
                DEFAULT_TENANT_CONCURRENCY, Set.copyOf(privilegedRoles));
    }

    private static String trim(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
