package io.cspguard.snapshot;

import io.cspguard.snapshot.graph.SubscribedSku;
import java.util.List;

/**
 * The tenant's Entra ID licence level, as far as {@code subscribedSkus.json} tells it.
 * {@link Tier#UNKNOWN} when the file is missing: licence-dependent controls are then {@code NOT_ASSESSED}.
 */
public record Licences(Tier tier, String unknownReason) {

    public enum Tier { FREE, P1, P2, UNKNOWN }

    public static Licences unknown(String reason) {
        return new Licences(Tier.UNKNOWN, reason);
    }

    public static Licences of(List<SubscribedSku> skus) {
        boolean p1 = false;
        boolean p2 = false;
        boolean undecided = false;
        for (SubscribedSku sku : skus) {
            boolean premium = sku.hasServicePlan("AAD_PREMIUM_P2") || sku.hasServicePlan("AAD_PREMIUM");
            if (premium && sku.prepaidUnitsUnknown()) {
                undecided = true; // an enabled premium SKU whose units were not collected: neither yes nor no
                continue;
            }
            if (!sku.isActive()) {
                continue;
            }
            p2 |= sku.hasServicePlan("AAD_PREMIUM_P2");
            p1 |= sku.hasServicePlan("AAD_PREMIUM");
        }
        if (!p2 && undecided) {
            return unknown("subscribedSkus.json lists an Entra ID premium SKU without prepaidUnits.enabled");
        }
        return new Licences(p2 ? Tier.P2 : p1 ? Tier.P1 : Tier.FREE, null);
    }

    public boolean known() {
        return tier != Tier.UNKNOWN;
    }

    /** True only when the tenant certainly has P1 (or P2). */
    public boolean hasP1() {
        return tier == Tier.P1 || tier == Tier.P2;
    }

    /** True only when the tenant certainly has P2. */
    public boolean hasP2() {
        return tier == Tier.P2;
    }

    public String label() {
        return switch (tier) {
            case FREE -> "Entra ID Free";
            case P1 -> "Entra ID P1";
            case P2 -> "Entra ID P2";
            case UNKNOWN -> "unknown";
        };
    }
}
