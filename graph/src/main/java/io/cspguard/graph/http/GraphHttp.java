package io.cspguard.graph.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.graph.auth.AuthException;
import io.cspguard.graph.auth.Resource;
import io.cspguard.graph.auth.TokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Graph and Partner Center over {@link HttpClient} (HTTP/1.1 with keep-alive, virtual threads, the caller's
 * {@link SSLContext}): requests with the retries Microsoft asks clients for, a client-side throttle that keeps them
 * inside the published budgets, and counters.
 * <ul>
 *   <li>429: waits its {@code Retry-After} (seconds, fractions accepted, or an HTTP date), or backs off when there is
 *       none, and empties the throttle's bucket it names for that long;</li>
 *   <li>500, 502, 503, 504, timeouts and dropped connections: jittered exponential backoff from
 *       {@link Options#baseDelay()} (a {@code Retry-After} on a 503 is honoured if longer), at most
 *       {@link Options#maxAttempts()} sends;</li>
 *   <li>401 {@code InvalidAuthenticationToken} (Partner Center: any 401): the token is dropped from the
 *       {@link TokenSource} and the request sent once more with a new one;</li>
 *   <li>anything else, or what is still failing at the end: returned as an {@link HttpResult} with Graph's error code
 *       and message — HTTP errors are never thrown.</li>
 * </ul>
 * The latest {@code Date} header seen is the collection's time ({@link #latestDate()}; formats.md §4). Tokens are
 * never logged. Thread-safe.
 */
public final class GraphHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "CSPGuard/0.1";

    /**
     * @param sslContext           the TLS trust (the system's, or one that adds a private CA); never one that
     *                             trusts all
     * @param limits               the client-side throttle's limits
     * @param maxAttempts          sends of one request at most, for 5xx, timeouts and dropped connections
     * @param maxThrottledAttempts sends of one request at most while the answer is 429
     * @param baseDelay            the first backoff (doubling, jittered ±50 %)
     * @param maxDelay             the longest backoff
     * @param connectTimeout       to open a connection
     * @param requestTimeout       for a whole response
     * @param maxInFlight          requests on the wire at once (connections)
     */
    public record Options(SSLContext sslContext, ClientThrottle.Limits limits, int maxAttempts,
                          int maxThrottledAttempts, Duration baseDelay, Duration maxDelay, Duration connectTimeout,
                          Duration requestTimeout, int maxInFlight) {
        public Options {
            if (sslContext == null || limits == null) {
                throw new IllegalArgumentException("sslContext and limits are required");
            }
            if (maxAttempts < 1 || maxThrottledAttempts < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException("attempts and maxInFlight must be at least 1");
            }
        }

        /** Microsoft's limits; 6 attempts, backoff from 1 s to 60 s; 100 s per response; 64 requests at once. */
        public static Options defaults(SSLContext sslContext) {
            return new Options(sslContext, ClientThrottle.Limits.microsoft(), 6, 12, Duration.ofSeconds(1),
                    Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(100), 64);
        }

        public Options withLimits(ClientThrottle.Limits value) {
            return new Options(sslContext, value, maxAttempts, maxThrottledAttempts, baseDelay, maxDelay,
                    connectTimeout, requestTimeout, maxInFlight);
        }

        public Options withBackoff(Duration base, Duration max) {
            return new Options(sslContext, limits, maxAttempts, maxThrottledAttempts, base, max, connectTimeout,
                    requestTimeout, maxInFlight);
        }

        public Options withAttempts(int attempts, int throttledAttempts) {
            return new Options(sslContext, limits, attempts, throttledAttempts, baseDelay, maxDelay, connectTimeout,
                    requestTimeout, maxInFlight);
        }

        public Options withTimeouts(Duration connect, Duration request) {
            return new Options(sslContext, limits, maxAttempts, maxThrottledAttempts, baseDelay, maxDelay, connect,
                    request, maxInFlight);
        }

        public Options withMaxInFlight(int value) {
            return new Options(sslContext, limits, maxAttempts, maxThrottledAttempts, baseDelay, maxDelay,
                    connectTimeout, requestTimeout, value);
        }
    }

    /** Called before a {@code $batch} is sent again, to take its requests' budget again. */
    @FunctionalInterface
    public interface BeforeResend {
        void run() throws InterruptedException;
    }

    private final TokenSource tokens;
    private final Options options;
    private final ClientThrottle throttle;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Semaphore inFlight;
    private final AtomicReference<Instant> latestDate = new AtomicReference<>();
    private final LongAdder graphRequests = new LongAdder();
    private final LongAdder batchedRequests = new LongAdder();
    private final LongAdder batchEnvelopes = new LongAdder();
    private final LongAdder partnerCenterRequests = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder tokenRefreshes = new LongAdder();

    public GraphHttp(TokenSource tokens, Options options) {
        this.tokens = tokens;
        this.options = options;
        this.throttle = new ClientThrottle(options.limits());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(options.sslContext())
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.inFlight = new Semaphore(options.maxInFlight(), true);
    }

    public Options options() {
        return options;
    }

    public ClientThrottle throttle() {
        return throttle;
    }

    public TokenSource tokens() {
        return tokens;
    }

    /** A GET of an absolute Graph or Partner Center URL, in the tenant, with retries. */
    public HttpResult get(String tenantId, Resource resource, String url) throws InterruptedException {
        return get(tenantId, resource, url, Map.of());
    }

    /**
     * @param headers extra request headers (Partner Center's {@code MS-ContinuationToken})
     */
    public HttpResult get(String tenantId, Resource resource, String url, Map<String, String> headers)
            throws InterruptedException {
        URI uri = uri(url);
        RequestCategory category;
        int units;
        if (resource == Resource.PARTNER_CENTER) {
            category = RequestCategory.PARTNER_CENTER;
            units = 0;
        } else {
            String path = graphPath(uri);
            category = RequestCategory.ofGraphPath(path);
            Map<String, String> q = query(uri.getRawQuery());
            String top = q.get("top");
            Integer topValue = null;
            try {
                topValue = top == null ? null : Integer.valueOf(top.trim());
            } catch (NumberFormatException e) {
                // not a number: Graph refuses it; the cost does not matter
            }
            units = RequestCategory.resourceUnits(path, q.containsKey("select"), q.containsKey("expand"), topValue);
        }
        Call call = new Call(tenantId, resource, "GET", uri, null, headers, category, units, 0, null);
        return execute(call);
    }

    /**
     * {@code POST $batch} (the envelope is not throttled: its requests' budget is the caller's to take, before the
     * first send and — through {@code beforeResend} — before each further one).
     *
     * @param innerRequests how many requests the batch holds (for the counters)
     */
    public HttpResult postBatch(String tenantId, String batchUrl, byte[] body, int innerRequests,
                                BeforeResend beforeResend) throws InterruptedException {
        Call call = new Call(tenantId, Resource.GRAPH, "POST", uri(batchUrl), body, Map.of(), null, 0,
                innerRequests, beforeResend);
        return execute(call);
    }

    /** The latest {@code Date} header of any response so far, or null. */
    public Instant latestDate() {
        return latestDate.get();
    }

    public HttpStats stats() {
        return new HttpStats(graphRequests.sum(), batchedRequests.sum(), batchEnvelopes.sum(),
                partnerCenterRequests.sum(), throttled.sum(), retries.sum(), tokenRefreshes.sum());
    }

    void countThrottled() {
        throttled.increment();
    }

    void countRetry() {
        retries.increment();
    }

    /** Drops the token if it is still the one that was refused; returns the token to use now. */
    String refreshToken(String tenantId, Resource resource, String refused) throws AuthException {
        String current = tokens.token(tenantId, resource);
        if (current.equals(refused)) {
            tokens.invalidate(tenantId, resource);
            tokenRefreshes.increment();
            current = tokens.token(tenantId, resource);
        }
        return current;
    }

    String token(String tenantId, Resource resource) throws AuthException {
        return tokens.token(tenantId, resource);
    }

    private record Call(String tenantId, Resource resource, String method, URI uri, byte[] body,
                        Map<String, String> headers, RequestCategory category, int units, int innerRequests,
                        BeforeResend beforeResend) {
    }

    private HttpResult execute(Call call) throws InterruptedException {
        String token;
        try {
            token = tokens.token(call.tenantId(), call.resource());
        } catch (AuthException e) {
            return tokenFailure(e, 0);
        }
        boolean refreshed = false;
        int attempts = 0;
        int failures = 0;
        int throttledAnswers = 0;
        HttpResult last = null;
        while (true) {
            if (attempts > 0) {
                retries.increment();
                if (call.beforeResend() != null) {
                    call.beforeResend().run();
                }
            }
            if (call.category() != null) {
                throttle.acquire(call.tenantId(), call.category(), call.units());
            }
            attempts++;
            count(call);
            HttpResponse<byte[]> response;
            inFlight.acquire();
            try {
                response = client.send(request(call, token), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                last = HttpResult.failure("Timeout", "no response within " + options.requestTimeout().toSeconds()
                        + " s", attempts);
                failures++;
                if (failures >= options.maxAttempts()) {
                    return last;
                }
                LOG.debug("{} {}: timeout, attempt {}", call.method(), call.uri().getPath(), attempts);
                sleep(backoff(failures));
                continue;
            } catch (IOException e) {
                last = HttpResult.failure("ConnectionFailed", describe(e), attempts);
                failures++;
                if (failures >= options.maxAttempts()) {
                    return last;
                }
                LOG.debug("{} {}: {}, attempt {}", call.method(), call.uri().getPath(), describe(e), attempts);
                sleep(backoff(failures));
                continue;
            } finally {
                inFlight.release();
                if (call.category() != null) {
                    throttle.release(call.tenantId(), call.category(), call.units());
                }
            }
            Instant date = date(response.headers().firstValue("Date").orElse(null));
            noteDate(date);
            int status = response.statusCode();
            byte[] body = response.body() == null ? new byte[0] : response.body();
            Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null), date);
            if (status >= 200 && status < 300) {
                if (call.innerRequests() > 0) {
                    batchedRequests.add(call.innerRequests());
                }
                return new HttpResult(status, body, date, null, null, retryAfter, attempts);
            }
            String[] error = error(body);
            last = new HttpResult(status, body, date, error[0], error[1], retryAfter, attempts);
            if (status == 401 && !refreshed && (call.resource() == Resource.PARTNER_CENTER
                    || "InvalidAuthenticationToken".equalsIgnoreCase(error[0]))) {
                refreshed = true;
                try {
                    token = refreshToken(call.tenantId(), call.resource(), token);
                } catch (AuthException e) {
                    return tokenFailure(e, attempts);
                }
                continue;
            }
            if (status == 429) {
                throttled.increment();
                throttledAnswers++;
                if (throttledAnswers >= options.maxThrottledAttempts()) {
                    return last;
                }
                Duration wait = retryAfter != null ? retryAfter : backoff(throttledAnswers);
                if (call.category() != null) {
                    throttle.hold(call.tenantId(), call.category(), wait,
                            response.headers().firstValue("x-ms-throttle-scope").orElse(null));
                }
                LOG.debug("{} {}: 429, waiting {} ms", call.method(), call.uri().getPath(), wait.toMillis());
                sleep(wait);
                continue;
            }
            if (retryable(status)) {
                failures++;
                if (failures >= options.maxAttempts()) {
                    return last;
                }
                Duration wait = backoff(failures);
                if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                    wait = retryAfter;
                }
                LOG.debug("{} {}: {}, attempt {}", call.method(), call.uri().getPath(), status, attempts);
                sleep(wait);
                continue;
            }
            return last;
        }
    }

    private void count(Call call) {
        if (call.resource() == Resource.PARTNER_CENTER) {
            partnerCenterRequests.increment();
        } else if (call.innerRequests() > 0 || "POST".equals(call.method())) {
            batchEnvelopes.increment();
        } else {
            graphRequests.increment();
        }
    }

    private HttpRequest request(Call call, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri())
                .timeout(options.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(call.resource() == Resource.PARTNER_CENTER ? "MS-CorrelationId" : "client-request-id",
                        UUID.randomUUID().toString());
        call.headers().forEach(b::header);
        if (call.body() != null) {
            b.header("Content-Type", "application/json");
            b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    static boolean retryable(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** Jittered exponential backoff: base × 2^(n−1), ±50 %, at most the maximum. */
    Duration backoff(int failures) {
        long base = options.baseDelay().toNanos();
        double exp = base * Math.pow(2, Math.min(30, Math.max(0, failures - 1)));
        double jittered = exp * (0.5 + ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos((long) Math.min(options.maxDelay().toNanos(), jittered));
    }

    static void sleep(Duration d) throws InterruptedException {
        if (d != null && !d.isNegative() && !d.isZero()) {
            Thread.sleep(d);
        }
    }

    private void noteDate(Instant date) {
        if (date == null) {
            return;
        }
        latestDate.accumulateAndGet(date, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    private static HttpResult tokenFailure(AuthException e, int attempts) {
        String code = e.code() != null ? e.code() : "TokenUnavailable";
        return new HttpResult(0, new byte[0], null, code, e.getMessage(), null, attempts);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** The {@code Date} header, or null when absent or malformed. */
    static Instant date(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code Retry-After}: delay-seconds (fractions accepted) or an HTTP date (measured from the response's own
     * {@code Date}, else from now). Null when absent or unreadable.
     */
    static Duration retryAfter(String header, Instant responseDate) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        try {
            double seconds = Double.parseDouble(v);
            if (Double.isNaN(seconds) || seconds < 0) {
                return null;
            }
            return Duration.ofNanos((long) Math.min(seconds * 1e9, 3600e9));
        } catch (NumberFormatException e) {
            Instant at = date(v);
            if (at == null) {
                return null;
            }
            Duration d = Duration.between(responseDate != null ? responseDate : Instant.now(), at);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** Graph's {@code {"error":{"code","message"}}} or Partner Center's {@code {"code","description"}}. */
    static String[] error(byte[] body) {
        if (body == null || body.length == 0) {
            return new String[] {null, null};
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return new String[] {null, null};
            }
            JsonNode e = root.get("error");
            if (e != null && e.isObject()) {
                return new String[] {text(e.get("code")), text(e.get("message"))};
            }
            if (e != null && e.isTextual()) { // an identity-platform body
                return new String[] {e.asText(), text(root.get("error_description"))};
            }
            String code = text(root.get("code"));
            String message = text(root.get("description"));
            return new String[] {code, message != null ? message : text(root.get("message"))};
        } catch (IOException e) {
            return new String[] {null, null};
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isValueNode() ? n.asText() : n.toString();
        return s.length() > 1000 ? s.substring(0, 1000) + "…" : s;
    }

    /** A URL as a URI, with the characters a URI cannot hold (spaces, quotes, braces…) percent-encoded. */
    static URI uri(String url) {
        StringBuilder sb = new StringBuilder(url.length() + 16);
        for (int i = 0; i < url.length(); ) {
            int c = url.codePointAt(i);
            i += Character.charCount(c);
            if (c <= 0x20 || c >= 0x7f || "\"<>{}|\\^`".indexOf(c) >= 0) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            } else {
                sb.appendCodePoint(c);
            }
        }
        return URI.create(sb.toString());
    }

    /** The Graph path without the version segment ({@code /v1.0/users} → {@code /users}). */
    static String graphPath(URI uri) {
        String path = uri.getPath() == null ? "/" : uri.getPath();
        for (String version : new String[] {"/v1.0/", "/beta/"}) {
            int at = path.toLowerCase(Locale.ROOT).indexOf(version);
            if (at >= 0) {
                return path.substring(at + version.length() - 1);
            }
        }
        return path;
    }

    /** Query options by lower-cased name without the {@code $}. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            k = k.toLowerCase(Locale.ROOT);
            if (k.startsWith("$")) {
                k = k.substring(1);
            }
            out.putIfAbsent(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }
}
