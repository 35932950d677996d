package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.identity.AccessToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /$batch} (graph-reference.md §16): at most 20 requests with unique ids and relative urls; each goes
 * through the whole request path on its own (faults, throttling — so a 429 can sit inside a 200 — permissions);
 * {@code dependsOn} runs a request after the ones it names and answers 424 when one of them failed. Requests run one
 * after another in request order (dependencies first) and the responses keep that order: Graph may answer in any
 * order, and a fixed one keeps runs reproducible. A batch whose envelope is malformed is refused whole with 400.
 *
 * <p>Faults: the envelope itself is offered to the fault injector as {@code POST /$batch} (a dropped or failed batch
 * call); a DROP of an inner request drops the whole connection, as a connection cannot half-drop; an inner TRUNCATE of
 * a single object embeds the cut text as a JSON string.
 */
final class Batch {
    static final int MAX_REQUESTS = 20;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");

    @FunctionalInterface
    interface Dispatcher {
        GraphResponse dispatch(GraphRequest req, AccessToken token, TenantState tenant);
    }

    private record Inner(String id, String method, String url, List<String> dependsOn, Map<String, String> headers,
                         byte[] body) {
    }

    private final Dispatcher dispatcher;
    private final FaultInjector faults;
    private final Attempts attempts;
    private final SimClock clock;

    Batch(Dispatcher dispatcher, FaultInjector faults, Attempts attempts, SimClock clock) {
        this.dispatcher = dispatcher;
        this.faults = faults;
        this.attempts = attempts;
        this.clock = clock;
    }

    GraphResponse run(GraphRequest outer, AccessToken token, TenantState tenant) {
        String bodyKey = Integer.toHexString(Arrays.hashCode(outer.body()));
        Fault fault = faults.decide(tenant.id(), "POST", "/$batch",
                attempts.next(tenant.id(), "POST", "/$batch", bodyKey));
        switch (fault.kind()) {
            case STATUS -> {
                return GraphService.faultStatus(fault, outer.ids(), clock.instant());
            }
            case DROP -> {
                return GraphResponse.dropConnection();
            }
            case TOKEN_EXPIRED -> {
                return GraphErrors.unauthenticated("Lifetime validation failed, the token is expired.", outer.ids(),
                        clock.instant());
            }
            case DELAY -> GraphService.sleep(fault.delay());
            default -> {
            }
        }
        List<Inner> requests = new ArrayList<>();
        String invalid = parse(outer.body(), requests);
        if (invalid != null) {
            return GraphErrors.badRequest(invalid, outer, clock.instant());
        }
        List<Integer> order = order(requests);
        if (order == null) {
            return GraphErrors.badRequest("Invalid batch payload: the dependsOn graph has a cycle.", outer,
                    clock.instant());
        }
        Map<String, GraphResponse> done = new HashMap<>();
        for (int i : order) {
            Inner r = requests.get(i);
            GraphResponse res = execute(outer, r, done, token, tenant);
            if (res.drop) {
                return res;
            }
            done.put(r.id, res);
        }
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("responses");
            for (Inner r : requests) {
                GraphResponse res = done.get(r.id);
                g.writeStartObject();
                g.writeStringField("id", r.id);
                g.writeNumberField("status", res.status);
                g.writeObjectFieldStart("headers");
                if (res.contentType != null) {
                    g.writeStringField("Content-Type", res.contentType);
                }
                for (Map.Entry<String, String> h : res.headers.entrySet()) {
                    g.writeStringField(h.getKey(), h.getValue());
                }
                g.writeEndObject();
                if (res.body != null) {
                    g.writeFieldName("body");
                    String text = new String(res.body, StandardCharsets.UTF_8);
                    if (res.cut) {
                        g.writeString(text);
                    } else {
                        g.writeRawValue(text);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return GraphResponse.json(200, body);
    }

    private GraphResponse execute(GraphRequest outer, Inner r, Map<String, GraphResponse> done, AccessToken token,
                                  TenantState tenant) {
        Instant now = clock.instant();
        RequestIds ids = RequestIds.of(r.headers.getOrDefault("client-request-id", outer.ids().clientRequestId()));
        for (String dep : r.dependsOn) {
            if (!done.get(dep).success()) {
                return GraphErrors.of(424, "FailedDependency",
                        "The request was not executed because request '" + dep + "' it depends on failed.", ids, now);
            }
        }
        String url = r.url;
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("/v1.0/")
                || lower.startsWith("/beta/") || lower.startsWith("v1.0/") || lower.startsWith("beta/")) {
            return GraphErrors.of(400, "BadRequest", "Batch request URLs must be relative to the version root, "
                    + "such as /users.", ids, now);
        }
        if (lower.startsWith("/$batch") || lower.startsWith("$batch")) {
            return GraphErrors.of(400, "BadRequest", "A batch cannot contain another batch.", ids, now);
        }
        int q = url.indexOf('?');
        String path = GraphRequest.decodePath(q < 0 ? url : url.substring(0, q));
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String raw = q < 0 ? "" : url.substring(q + 1);
        Map<String, String> headers = r.headers;
        GraphRequest inner = new GraphRequest(r.method, outer.version(), path, raw, GraphRequest.parseQuery(raw),
                name -> headers.get(name.toLowerCase(Locale.ROOT)), r.body, outer.baseUrl(), ids);
        return dispatcher.dispatch(inner, token, tenant);
    }

    /** @return why the envelope is malformed, or null */
    private static String parse(byte[] body, List<Inner> out) {
        JsonNode root = Json.parse(body);
        if (root == null || !root.path("requests").isArray()) {
            return "Invalid batch payload: expected a JSON object with a 'requests' array.";
        }
        JsonNode reqs = root.get("requests");
        if (reqs.isEmpty()) {
            return "Invalid batch payload: the batch holds no requests.";
        }
        if (reqs.size() > MAX_REQUESTS) {
            return "Invalid batch payload: the number of requests (" + reqs.size() + ") exceeds the limit of "
                    + MAX_REQUESTS + ".";
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode n : reqs) {
            String id = n.path("id").isValueNode() ? n.path("id").asText() : "";
            if (id.isEmpty()) {
                return "Invalid batch payload: every request needs an 'id'.";
            }
            if (!ids.add(id)) {
                return "Invalid batch payload: the request id '" + id + "' is not unique.";
            }
            String method = n.path("method").asText("").toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                return "Invalid batch payload: request '" + id + "' has no valid 'method'.";
            }
            String url = n.path("url").asText("");
            if (url.isEmpty()) {
                return "Invalid batch payload: request '" + id + "' has no 'url'.";
            }
            Map<String, String> headers = new HashMap<>();
            n.path("headers").properties().forEach(e ->
                    headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
            byte[] rb = null;
            if (n.has("body") && !n.get("body").isNull()) {
                if (!headers.containsKey("content-type")) {
                    return "Invalid batch payload: write request id '" + id
                            + "' has a body but no Content-Type header.";
                }
                rb = Json.bytes(n.get("body"));
            }
            List<String> deps = new ArrayList<>();
            JsonNode d = n.path("dependsOn");
            if (d.isArray()) {
                d.forEach(x -> deps.add(x.asText()));
            } else if (d.isTextual()) {
                deps.add(d.asText());
            }
            out.add(new Inner(id, method, url, deps, headers, rb));
        }
        for (Inner r : out) {
            for (String dep : r.dependsOn) {
                if (!ids.contains(dep) || dep.equals(r.id)) {
                    return "Invalid batch payload: request '" + r.id + "' depends on unknown request '" + dep + "'.";
                }
            }
        }
        return null;
    }

    /** Request order, each request after those it depends on; null on a cycle. */
    private static List<Integer> order(List<Inner> requests) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            index.put(requests.get(i).id, i);
        }
        List<Integer> out = new ArrayList<>();
        boolean[] placed = new boolean[requests.size()];
        while (out.size() < requests.size()) {
            boolean progress = false;
            for (int i = 0; i < requests.size(); i++) {
                if (placed[i]) {
                    continue;
                }
                boolean ready = requests.get(i).dependsOn.stream().allMatch(dep -> placed[index.get(dep)]);
                if (ready) {
                    placed[i] = true;
                    out.add(i);
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                return null;
            }
        }
        return out;
    }
}
