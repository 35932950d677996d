package io.cspguard.graph.http;

import java.time.Duration;
import java.time.Instant;

/**
 * The final answer to one request, after retries: a success, or the failure that stayed (never an exception for an
 * HTTP error).
 *
 * @param status       the HTTP status; 0 when no response came (connection failures and timeouts to the end)
 * @param body         the response body (empty when none)
 * @param date         the response's {@code Date} header, or null
 * @param errorCode    Graph's {@code error.code}, Partner Center's {@code code}, or the client's own code for a failure
 *                     without a response ({@code ConnectionFailed}, {@code Timeout}, {@code TokenUnavailable}); null on
 *                     success
 * @param errorMessage Graph's {@code error.message} or Partner Center's {@code description}, or what went wrong
 * @param retryAfter   the last {@code Retry-After}, or null
 * @param attempts     how many times the request was sent
 */
public record HttpResult(int status, byte[] body, Instant date, String errorCode, String errorMessage,
                         Duration retryAfter, int attempts) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A failure without a response. */
    static HttpResult failure(String code, String message, int attempts) {
        return new HttpResult(0, new byte[0], null, code, message, null, attempts);
    }

    @Override
    public String toString() {
        return "HttpResult[status=" + status + ", code=" + errorCode + ", attempts=" + attempts + "]";
    }
}
