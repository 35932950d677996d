package io.cspguard.result;

import java.time.Instant;
import java.util.List;

/**
 * A whole run's results (formats.md §3): provenance, then tenants — the partner first, then by id.
 *
 * @param inputPath   the {@code --input} path as given
 * @param inputSha256 SHA-256 over the snapshot's files (see {@code InputHash})
 */
public record Assessment(int schemaVersion, Instant generatedAt, String partnerTenantId, String toolName,
                         String toolVersion, String inputPath, String inputSha256, int inputFileCount,
                         String configHash, List<TenantResult> tenants) {
    public Assessment {
        tenants = List.copyOf(tenants);
    }

    public long count(Status status) {
        return tenants.stream().mapToLong(t -> t.count(status)).sum();
    }

    /** The same run, limited to some tenants (a report for one customer without the others' data). */
    public Assessment onlyTenants(java.util.Set<String> tenantIds) {
        return new Assessment(schemaVersion, generatedAt, partnerTenantId, toolName, toolVersion, inputPath,
                inputSha256, inputFileCount, configHash,
                tenants.stream().filter(t -> tenantIds.stream().anyMatch(id -> id.equalsIgnoreCase(t.tenantId())))
                        .toList());
    }
}
