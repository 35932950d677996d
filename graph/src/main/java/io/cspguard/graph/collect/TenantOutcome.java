package io.cspguard.graph.collect;

import java.util.List;

/**
 * How one tenant's collection ended.
 *
 * @param role     {@code partner} or {@code customer}
 * @param status   complete, partial (some reads failed: {@link #missing()}), or failed (nothing collected)
 * @param missing  the reads that failed and make the tenant partial (not those refused for want of a licence)
 * @param expected the reads refused for want of a licence (recorded in {@code tenant.json}, not a gap)
 * @param reason   why the tenant failed (no token could be had: Entra's error, redacted), else null
 * @param files    snapshot files written
 */
public record TenantOutcome(String tenantId, String displayName, String role, Status status, List<MissingRead> missing,
                            List<MissingRead> expected, String reason, int files) {
    public enum Status { COMPLETE, PARTIAL, FAILED }

    public TenantOutcome {
        missing = List.copyOf(missing);
        expected = List.copyOf(expected);
    }

    public static TenantOutcome failed(String tenantId, String displayName, String role, String reason) {
        return new TenantOutcome(tenantId, displayName, role, Status.FAILED, List.of(), List.of(), reason, 0);
    }
}
