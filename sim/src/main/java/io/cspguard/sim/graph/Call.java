package io.cspguard.sim.graph;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.identity.AccessToken;
import java.time.Instant;
import java.util.Map;

/**
 * One admitted, authorised request as a resource handler sees it.
 *
 * @param params   the path's {@code {name}} segments
 * @param truncate a TRUNCATE fault applies: serve the page cut short (see {@link Pages})
 */
record Call(GraphRequest req, TenantState tenant, AccessToken token, Map<String, String> params, ODataQuery query,
            Instant now, boolean truncate, SimClock clock, Tenants tenants) {

    String param(String name) {
        return params.get(name);
    }

    GraphResponse error(int status, String code, String message) {
        return GraphErrors.of(status, code, message, req, now);
    }

    GraphResponse badRequest(String message) {
        return GraphErrors.badRequest(message, req, now);
    }

    GraphResponse notFound(String id) {
        return GraphErrors.notFound(id, req, now);
    }

    /** {@code {base}/{version}/$metadata#{fragment}}. */
    String context(String fragment) {
        return req.baseUrl() + "/" + req.version() + "/$metadata#" + fragment;
    }
}
