package io.cspguard.sim.generate;

import io.cspguard.snapshot.Licences;
import java.util.List;
import java.util.Set;

/** What is decided about the world before any tenant is built: the customers, and what the partner shows them. */
final class Plans {
    private Plans() {
    }

    /**
     * One customer, decided up front (the partner's relationships and Partner Center records need it).
     *
     * @param plants         the controls to plant a violation of in this tenant
     * @param liveException  whether this tenant carries the Azure AD Graph app accepted by the live exception
     */
    record Customer(int index, String tenantId, String name, String displayName, String defaultDomain,
                    String initialDomain, Licences.Tier tier, int size, boolean gdapActive, boolean consented,
                    Set<String> plants, long seed, boolean liveException, List<Subscription> subscriptions) {

        /** The SKU regular users get (the first subscription). */
        Catalog.Sku staffSku() {
            return subscriptions.get(0).sku();
        }

        /** The Entra-only SKU dedicated admin accounts get, or null (tenants without P1). */
        Catalog.Sku adminSku() {
            return subscriptions.size() > 1 && !subscriptions.get(1).trial() ? subscriptions.get(1).sku() : null;
        }
    }

    /**
     * A subscription the partner sold the customer: the customer's {@code subscribedSkus} and the partner's Partner
     * Center records both show it. A suspended trial gives no licence.
     */
    record Subscription(Catalog.Sku sku, int units, boolean suspended, boolean trial, String subscriptionId) {
    }

    /** A partner user as customer tenants see them (service-provider sign-ins, the partner's audit entries). */
    record PartnerUser(String id, String upn, String displayName, String deviceId, String deviceName, String os,
                       String browser, boolean compliant, boolean managed, String trustType, String ipPrefix) {
    }

    /**
     * What customers need of the partner.
     *
     * @param agents  clean customer-access users (AdminAgents, HelpdeskAgents): current, enabled, on workstations
     * @param others  enabled partner users who are not customer-access users (sales agents)
     */
    record Partner(String tenantId, String displayName, String domain, String appClientId, List<PartnerUser> agents,
                   List<PartnerUser> others) {
    }
}
