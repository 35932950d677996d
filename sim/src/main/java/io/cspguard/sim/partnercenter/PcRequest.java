package io.cspguard.sim.partnercenter;

import io.cspguard.sim.identity.AccessToken;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One Partner Center request: the path below {@code /v1} ({@code /customers}), query parameters by lower-case name,
 * headers by name, the body, and (once authenticated) the caller's token.
 */
record PcRequest(String method, String path, String rawQuery, Map<String, String> query,
                 UnaryOperator<String> headers, byte[] body, AccessToken token) {

    String header(String name) {
        return headers.apply(name);
    }

    String param(String name) {
        return query.get(name);
    }

    PcRequest withToken(AccessToken t) {
        return new PcRequest(method, path, rawQuery, query, headers, body, t);
    }
}
