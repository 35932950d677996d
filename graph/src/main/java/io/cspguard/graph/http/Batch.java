package io.cspguard.graph.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.graph.auth.AuthException;
import io.cspguard.graph.auth.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Many small GETs of one tenant packed into {@code POST $batch} calls of at most {@value #MAX_REQUESTS}
 * (graph-reference.md §16). Each request is admitted by the {@link ClientThrottle} before it joins a batch (a batch
 * holds only what the tenant's budgets allow now). Answers are handled one by one: a 2xx is merged into its file — a
 * next link is followed outside the batch by the {@link Pager} —; an inner 429 waits its {@code Retry-After} and joins
 * a later batch; an inner 5xx is re-batched with backoff; an inner 401 {@code InvalidAuthenticationToken} gets a new
 * token and is re-batched once; a 404 of a read that may legitimately find nothing is reported as absent; anything
 * else fails with its status and Graph's error. An envelope that fails for good (after {@link GraphHttp}'s own
 * retries) fails its requests.
 */
public final class Batch {
    public static final int MAX_REQUESTS = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One GET of the batch.
     *
     * @param key               the caller's name for it (e.g. the snapshot file)
     * @param url               relative to the version root, query encoded
     *                          ({@code /groups/{id}/transitiveMembers?$top=999})
     * @param notFoundIsAbsent  a 404 means "nothing there" (a speculative read), not a failure
     */
    public record Item(String key, String url, FileOutput out, ItemListener listener, boolean notFoundIsAbsent) {
    }

    private final GraphHttp http;
    private final Pager pager;
    private final String root;

    /**
     * @param root the Graph version root, e.g. {@code https://graph.microsoft.com/v1.0}
     */
    public Batch(GraphHttp http, Pager pager, String root) {
        this.http = http;
        this.pager = pager;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    private static final class Pending {
        final Item item;
        final RequestCategory category;
        final int units;
        int failures;
        int throttled;
        boolean refreshed;
        long notBefore;

        Pending(Item item) {
            this.item = item;
            URI u = GraphHttp.uri("https://x" + item.url());
            String path = u.getPath();
            Map<String, String> q = GraphHttp.query(u.getRawQuery());
            Integer top = null;
            try {
                top = q.containsKey("top") ? Integer.valueOf(q.get("top").trim()) : null;
            } catch (NumberFormatException e) {
                // Graph refuses it; the cost does not matter
            }
            this.category = RequestCategory.ofGraphPath(path);
            this.units = RequestCategory.resourceUnits(path, q.containsKey("select"), q.containsKey("expand"), top);
        }
    }

    /** Runs every item to its end; the results by {@link Item#key()}, in the items' order. */
    public Map<String, PageResult> run(String tenantId, List<Item> items) throws InterruptedException {
        Map<String, PageResult> results = new LinkedHashMap<>();
        items.forEach(i -> results.put(i.key(), null));
        ArrayDeque<Pending> queue = new ArrayDeque<>();
        items.forEach(i -> queue.add(new Pending(i)));
        ClientThrottle throttle = http.throttle();
        GraphHttp.Options o = http.options();
        while (!queue.isEmpty()) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            List<Pending> selected = new ArrayList<>();
            for (Iterator<Pending> it = queue.iterator(); it.hasNext() && selected.size() < MAX_REQUESTS; ) {
                Pending p = it.next();
                if (p.notBefore > now) {
                    wait = Math.min(wait, p.notBefore - now);
                    continue;
                }
                long w = throttle.tryAcquire(tenantId, p.category, p.units);
                if (w == 0) {
                    selected.add(p);
                    it.remove();
                } else {
                    wait = Math.min(wait, w);
                }
            }
            if (selected.isEmpty()) {
                ClientThrottle.sleepNanos(wait == Long.MAX_VALUE ? 1_000_000 : wait);
                continue;
            }
            String used;
            try {
                used = http.token(tenantId, Resource.GRAPH);
            } catch (AuthException e) {
                String code = e.code() != null ? e.code() : "TokenUnavailable";
                for (Pending p : selected) {
                    throttle.release(tenantId, p.category, p.units);
                    p.item.out().discard();
                    results.put(p.item.key(), PageResult.failed(0, code, e.getMessage(), 0, 0));
                }
                continue;
            }
            HttpResult r = http.postBatch(tenantId, root + "/$batch", body(selected), selected.size(), () -> {
                for (Pending p : selected) { // the earlier send is over: its budget is spent, take it again
                    throttle.release(tenantId, p.category, p.units);
                    throttle.acquire(tenantId, p.category, p.units);
                }
            });
            for (Pending p : selected) {
                throttle.release(tenantId, p.category, p.units);
            }
            Map<String, JsonNode> responses = r.ok() ? responses(r.body()) : null;
            if (responses == null) {
                for (Pending p : selected) {
                    p.item.out().discard();
                    results.put(p.item.key(), r.ok()
                            ? PageResult.failed(r.status(), "MalformedResponse", "the $batch answer is malformed", 0, 0)
                            : PageResult.failed(r, 0, 0));
                }
                continue;
            }
            boolean refreshedThisRound = false;
            for (int i = 0; i < selected.size(); i++) {
                Pending p = selected.get(i);
                JsonNode res = responses.get(Integer.toString(i + 1));
                int status = res == null ? 0 : res.path("status").asInt(0);
                JsonNode body = res == null ? null : res.get("body");
                if (status >= 200 && status < 300) {
                    if (body != null && body.isObject()) {
                        results.put(p.item.key(), pager.continueFrom(tenantId, root, body, p.item.out(),
                                p.item.listener()));
                        continue;
                    }
                    status = 0; // a body cut short or missing: sent again like a dropped answer
                }
                String[] error = error(body);
                Duration retryAfter = GraphHttp.retryAfter(header(res, "Retry-After"), null);
                if (status == 429) {
                    http.countThrottled();
                    if (++p.throttled >= o.maxThrottledAttempts()) {
                        fail(results, p, status, error);
                        continue;
                    }
                    Duration d = retryAfter != null ? retryAfter : http.backoff(p.throttled);
                    throttle.hold(tenantId, p.category, d, header(res, "x-ms-throttle-scope"));
                    p.notBefore = System.nanoTime() + d.toNanos();
                    requeue(queue, p);
                } else if (status == 401 && "InvalidAuthenticationToken".equalsIgnoreCase(error[0]) && !p.refreshed) {
                    p.refreshed = true;
                    if (!refreshedThisRound) {
                        refreshedThisRound = true;
                        try {
                            http.refreshToken(tenantId, Resource.GRAPH, used);
                        } catch (AuthException e) {
                            fail(results, p, 0, new String[] {e.code() != null ? e.code() : "TokenUnavailable",
                                e.getMessage()});
                            continue;
                        }
                    }
                    requeue(queue, p);
                } else if (status == 404 && p.item.notFoundIsAbsent()) {
                    p.item.out().discard();
                    results.put(p.item.key(), new PageResult(false, 404, error[0], error[1], 0, 0, true));
                } else if (status == 0 || GraphHttp.retryable(status)) {
                    if (++p.failures >= o.maxAttempts()) {
                        fail(results, p, status, status == 0
                                ? new String[] {"MalformedResponse", "no usable answer inside the $batch"} : error);
                        continue;
                    }
                    Duration d = http.backoff(p.failures);
                    if (retryAfter != null && retryAfter.compareTo(d) > 0) {
                        d = retryAfter;
                    }
                    p.notBefore = System.nanoTime() + d.toNanos();
                    requeue(queue, p);
                } else {
                    fail(results, p, status, error);
                }
            }
        }
        return results;
    }

    private void requeue(ArrayDeque<Pending> queue, Pending p) {
        http.countRetry();
        queue.add(p);
    }

    private static void fail(Map<String, PageResult> results, Pending p, int status, String[] error) {
        p.item.out().discard();
        results.put(p.item.key(), PageResult.failed(status, error[0], error[1], 0, 0));
    }

    private static byte[] body(List<Pending> selected) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256 * selected.size());
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("requests");
            for (int i = 0; i < selected.size(); i++) {
                g.writeStartObject();
                g.writeStringField("id", Integer.toString(i + 1));
                g.writeStringField("method", "GET");
                g.writeStringField("url", selected.get(i).item.url());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** The answers by id, or null when the envelope is not a batch answer. */
    private static Map<String, JsonNode> responses(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.path("responses").isArray()) {
                return null;
            }
            Map<String, JsonNode> out = new HashMap<>();
            for (JsonNode r : root.get("responses")) {
                out.put(r.path("id").asText(), r);
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private static String header(JsonNode res, String name) {
        if (res == null) {
            return null;
        }
        for (var e : res.path("headers").properties()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    private static String[] error(JsonNode body) {
        if (body == null || !body.isObject()) {
            return new String[] {null, null};
        }
        JsonNode e = body.path("error");
        return new String[] {e.hasNonNull("code") ? e.get("code").asText() : null,
            e.hasNonNull("message") ? e.get("message").asText() : null};
    }
}
