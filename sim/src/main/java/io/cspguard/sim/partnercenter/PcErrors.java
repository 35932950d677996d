package io.cspguard.sim.partnercenter;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Partner Center's error body (its REST error-codes page):
 * {@code {"code","description","data":[],"source":"PartnerFD"}}.
 * Codes: 2000 for invalid input and 3000 for a resource not found (both seen in Microsoft's examples); for 401, 403,
 * 412, 429 and 5xx the simulator uses the HTTP status as the code [MEMORY: Microsoft's own values not verified].
 */
final class PcErrors {
    static final int INVALID_INPUT = 2000;
    static final int NOT_FOUND = 3000;

    private PcErrors() {
    }

    static PcResponse of(int status, int code, String description) {
        ObjectNode o = PcJson.object();
        o.put("code", code);
        o.put("description", description);
        o.putArray("data");
        o.put("source", "PartnerFD");
        return PcResponse.json(status, PcJson.bytes(o));
    }

    static PcResponse badRequest(String description) {
        return of(400, INVALID_INPUT, description);
    }

    static PcResponse notFound(String description) {
        return of(404, NOT_FOUND, description);
    }

    static PcResponse unauthorized(String description) {
        return of(401, 401, description).header("WWW-Authenticate", "Bearer realm=\"api.partnercenter.microsoft.com\"");
    }

    static PcResponse forbidden(String description) {
        return of(403, 403, description);
    }

    static String defaultDescription(int status) {
        return switch (status) {
            case 401 -> "Unauthorized: the access token is missing, expired or not valid for Partner Center.";
            case 403 -> "Forbidden: the caller is not allowed to perform this operation.";
            case 429 -> "Too many requests.";
            case 503 -> "The service is temporarily unavailable.";
            case 504 -> "The request timed out.";
            default -> "An internal error occurred.";
        };
    }
}
