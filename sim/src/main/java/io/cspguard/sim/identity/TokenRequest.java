package io.cspguard.sim.identity;

import java.util.Map;

/**
 * One call to {@code POST /{tenant}/oauth2/v2.0/token} or {@code /devicecode}: the authority's tenant segment, the
 * URL base the client used (for audiences and issuers) and the form (HTTP Basic client credentials merged in).
 */
record TokenRequest(String tenantSegment, String baseUrl, Map<String, String> params) {
    TokenRequest {
        params = Map.copyOf(params);
    }

    /** The parameter, or null when absent or blank. */
    String param(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    String require(String name) {
        String v = param(name);
        if (v == null) {
            throw EntraError.missingParameter(name);
        }
        return v;
    }

    /** This tenant's token endpoint as the client addressed it: a client assertion's expected {@code aud}. */
    String tokenEndpoint() {
        return baseUrl + "/" + tenantSegment + "/oauth2/v2.0/token";
    }
}
