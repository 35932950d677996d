package io.cspguard.snapshot.graph;

import java.util.List;

/** {@code GET /subscribedSkus}. */
public record SubscribedSku(String skuId, String skuPartNumber, String capabilityStatus,
                            PrepaidUnits prepaidUnits, List<ServicePlan> servicePlans) {
    public SubscribedSku {
        servicePlans = Text.list(servicePlans);
    }

    /** Counts for licensing: {@code capabilityStatus} Enabled and at least one enabled prepaid unit. */
    public boolean isActive() {
        return Text.eq(capabilityStatus, "Enabled") && prepaidUnits != null && prepaidUnits.enabled() != null
                && prepaidUnits.enabled() > 0;
    }

    /** Enabled, but without the count of enabled units that decides whether it is really there. */
    public boolean prepaidUnitsUnknown() {
        return Text.eq(capabilityStatus, "Enabled") && (prepaidUnits == null || prepaidUnits.enabled() == null);
    }

    public boolean hasServicePlan(String name) {
        return servicePlans.stream().anyMatch(p -> Text.eq(p.servicePlanName(), name));
    }

    public record PrepaidUnits(Integer enabled, Integer suspended, Integer warning, Integer lockedOut) {
    }

    public record ServicePlan(String servicePlanId, String servicePlanName, String provisioningStatus) {
    }
}
