package io.cspguard.sim.graph;

import java.time.Instant;

/**
 * Graph's error body, {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}, and
 * the errors the pipeline itself raises. Codes and messages follow graph-reference.md §16; where a message is not
 * documented there it is marked [MEMORY].
 */
final class GraphErrors {
    static final String NON_PREMIUM = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";
    static final String NON_PREMIUM_MESSAGE = "Neither tenant is B2C or tenant doesn't have premium license";
    static final String DENIED_MESSAGE = "Insufficient privileges to complete the operation.";

    private GraphErrors() {
    }

    static GraphResponse of(int status, String code, String message, GraphRequest req, Instant now) {
        return of(status, code, message, req.ids(), now);
    }

    static GraphResponse of(int status, String code, String message, RequestIds ids, Instant now) {
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeObjectFieldStart("innerError");
            g.writeStringField("date", HttpDates.innerErrorDate(now));
            g.writeStringField("request-id", ids.requestId());
            g.writeStringField("client-request-id", ids.clientRequestId());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
        return GraphResponse.json(status, body);
    }

    static GraphResponse badRequest(String message, GraphRequest req, Instant now) {
        return of(400, "BadRequest", message, req, now);
    }

    static GraphResponse unsupportedQuery(String message, GraphRequest req, Instant now) {
        return of(400, "Request_UnsupportedQuery", message, req, now);
    }

    static GraphResponse notFound(String id, GraphRequest req, Instant now) {
        return of(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.", req, now);
    }

    static GraphResponse denied(GraphRequest req, Instant now) {
        return of(403, "Authorization_RequestDenied", DENIED_MESSAGE, req, now);
    }

    /** 401: Graph also says how to get a token, in {@code WWW-Authenticate}. */
    static GraphResponse unauthenticated(String message, RequestIds ids, Instant now) {
        return of(401, "InvalidAuthenticationToken", message, ids, now)
                .header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/"
                        + "common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
    }

    /** The default code of a status a fault injects without naming one. */
    static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "InvalidAuthenticationToken";
            case 403 -> "Authorization_RequestDenied";
            case 404 -> "Request_ResourceNotFound";
            case 429 -> "TooManyRequests";
            case 503 -> "serviceNotAvailable";
            case 504 -> "gatewayTimeout";
            default -> "UnknownError";
        };
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 403 -> DENIED_MESSAGE;
            case 429 -> "Too many requests.";
            case 500 -> "An internal server error occurred.";
            case 502 -> "Bad gateway.";
            case 503 -> "The service is temporarily unavailable. Please retry.";
            case 504 -> "The request timed out.";
            default -> "The request failed.";
        };
    }
}
