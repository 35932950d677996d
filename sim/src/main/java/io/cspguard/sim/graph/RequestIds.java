package io.cspguard.sim.graph;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code request-id} (ours) and {@code client-request-id} (the client's, echoed; Graph answers with the request id when
 * the client sent none). They also go into every error body's {@code innerError}.
 */
record RequestIds(String requestId, String clientRequestId) {
    static RequestIds of(String clientRequestId) {
        String id = newId();
        return new RequestIds(id, clientRequestId == null || clientRequestId.isBlank() ? id : clientRequestId);
    }

    /** A version-4 UUID without SecureRandom: ids need to be unique, not unguessable, and this runs per request. */
    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
