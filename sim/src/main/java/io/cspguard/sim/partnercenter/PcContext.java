package io.cspguard.sim.partnercenter;

import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * What a Partner Center handler works with: the request, the partner tenant (Partner Center's data lives in its
 * {@code partnerCenter/…} files), the time, and whether a TRUNCATE fault applies.
 */
record PcContext(PcRequest req, World world, SimTenant partner, Instant now, boolean truncate) {
    static final String CUSTOMERS = "partnerCenter/customers.json";
    static final String AUDIT_RECORDS = "partnerCenter/auditRecords.json";

    static String subscriptionsFile(String customerTenantId) {
        return "partnerCenter/subscriptions/" + customerTenantId + ".json";
    }

    <T> T read(Supplier<T> body) {
        Lock l = partner.lock().readLock();
        l.lock();
        try {
            return body.get();
        } finally {
            l.unlock();
        }
    }

    <T> T write(Supplier<T> body) {
        Lock l = partner.lock().writeLock();
        l.lock();
        try {
            return body.get();
        } finally {
            l.unlock();
        }
    }

    List<com.fasterxml.jackson.databind.node.ObjectNode> list(String file) {
        return partner.collections().getOrDefault(file, List.of());
    }
}
