package io.cspguard.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tenant.json}: who the tenant is, when it was collected, and which reads failed.
 * {@code loadProblem} is set when {@code tenant.json} itself could not be read (the folder name and the
 * collection then stand in for it).
 */
public record TenantInfo(String tenantId, String displayName, TenantRole role, Instant collectedAt,
                         Map<String, ReadError> errors, String loadProblem) {
    public TenantInfo {
        errors = Map.copyOf(errors);
    }

    public Optional<ReadError> error(String file) {
        return Optional.ofNullable(errors.get(file));
    }

    public String name() {
        return displayName != null && !displayName.isBlank() ? displayName : tenantId;
    }
}
