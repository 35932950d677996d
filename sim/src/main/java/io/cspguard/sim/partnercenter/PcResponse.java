package io.cspguard.sim.partnercenter;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Partner Center answer: status, headers, JSON body; or a dropped connection (a fault). */
final class PcResponse {
    final int status;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();
    final boolean drop;

    private PcResponse(int status, byte[] body, boolean drop) {
        this.status = status;
        this.body = body;
        this.drop = drop;
    }

    static PcResponse json(int status, byte[] body) {
        return new PcResponse(status, body, false);
    }

    static PcResponse dropConnection() {
        return new PcResponse(0, null, true);
    }

    PcResponse header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }
}
