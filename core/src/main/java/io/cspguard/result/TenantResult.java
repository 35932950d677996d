package io.cspguard.result;

import java.time.Instant;
import java.util.List;

/**
 * All results of one tenant.
 *
 * @param licence  the Entra ID licence level read from subscribedSkus.json ("unknown" when missing)
 * @param problems data problems worth a reader's attention (an unreadable tenant.json, unreadable files)
 */
public record TenantResult(String tenantId, String displayName, String role, String licence, Instant collectedAt,
                           List<ControlResult> results, List<String> problems) {
    /** The order of a report's tenants: the partner first, then the customers by id, case aside. */
    public static final java.util.Comparator<TenantResult> REPORT_ORDER =
            java.util.Comparator.comparing((TenantResult r) -> !"partner".equals(r.role()))
                    .thenComparing(TenantResult::tenantId, String.CASE_INSENSITIVE_ORDER);

    public TenantResult {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
