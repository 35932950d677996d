package io.cspguard.graph.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.graph.auth.Resource;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a collection to its end and merges its pages into one file as they come: Graph's {@code @odata.nextLink}
 * ({@code {"@odata.context":…,"value":[…]}}) or Partner Center's {@code links.next} with its continuation header
 * ({@code {"items":[…],"totalCount":n,"links":{"self":…},"attributes":…}}). Each page is held only while it is copied
 * into the file, so memory does not grow with the size of a log. A page that fails for good — after the retries of
 * {@link GraphHttp}, or malformed three times — discards the file and reports the failure: a file is never written as
 * if complete when it is not. A next link that leaves the service's origin is refused (the token is not sent there).
 */
public final class Pager {
    static final int MALFORMED_ATTEMPTS = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GraphHttp http;

    public Pager(GraphHttp http) {
        this.http = http;
    }

    /** A Graph collection from {@code url} (absolute) to its last page. */
    public PageResult collection(String tenantId, String url, FileOutput out, ItemListener listener)
            throws InterruptedException {
        return merge(tenantId, Resource.GRAPH, Shape.GRAPH, url, null, null, null, out, listener);
    }

    /**
     * A Graph collection whose first page has already arrived (inside a {@code $batch}); its next pages are read on
     * their own.
     *
     * @param origin a URL of the service (the next links must stay there)
     */
    public PageResult continueFrom(String tenantId, String origin, JsonNode firstPage, FileOutput out,
                                   ItemListener listener) throws InterruptedException {
        return merge(tenantId, Resource.GRAPH, Shape.GRAPH, origin, null, firstPage, null, out, listener);
    }

    /**
     * A Partner Center collection.
     *
     * @param root the API root its relative next links resolve against
     *             ({@code https://api.partnercenter.microsoft.com/v1})
     */
    public PageResult partnerCenter(String tenantId, String root, String url, FileOutput out, ItemListener listener)
            throws InterruptedException {
        return merge(tenantId, Resource.PARTNER_CENTER, Shape.PARTNER_CENTER, url, root, null, null, out, listener);
    }

    /** A single object, written exactly as the service returned it. */
    public PageResult single(String tenantId, String url, FileOutput out, ItemListener listener)
            throws InterruptedException {
        for (int malformed = 0; ; ) {
            HttpResult r = http.get(tenantId, Resource.GRAPH, url);
            if (!r.ok()) {
                out.discard();
                return PageResult.failed(r, 0, 1);
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(r.body());
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                if (++malformed >= MALFORMED_ATTEMPTS) {
                    out.discard();
                    return PageResult.failed(r.status(), "MalformedResponse", "the response is not a JSON object",
                            0, 1);
                }
                http.countRetry();
                continue;
            }
            try {
                JsonGenerator g = out.open();
                MAPPER.writeTree(g, node);
                out.commit();
            } catch (IOException e) {
                out.discard();
                return PageResult.failed(0, "WriteFailed", e.getMessage(), 0, 1);
            }
            if (listener != null) {
                listener.item(node);
            }
            return PageResult.done(1, 1);
        }
    }

    private enum Shape {
        GRAPH("value"), PARTNER_CENTER("items");

        final String array;

        Shape(String array) {
            this.array = array;
        }
    }

    /** A page's fields other than its items (the annotations, Partner Center's links), and whether it is whole. */
    private record Meta(ObjectNode fields, boolean valid, String problem) {
    }

    private PageResult merge(String tenantId, Resource resource, Shape shape, String url, String root,
                             JsonNode firstPage, Map<String, String> firstHeaders, FileOutput out,
                             ItemListener listener) throws InterruptedException {
        URI origin = URI.create(url);
        long items = 0;
        int pages = 0;
        JsonGenerator g = null;
        ObjectNode first = null;
        String next = firstPage == null ? url : null;
        Map<String, String> headers = firstHeaders == null ? Map.of() : firstHeaders;
        JsonNode pageTree = firstPage;
        try {
            while (true) {
                byte[] bytes = null;
                Meta meta;
                HttpResult r = null;
                if (pageTree != null) {
                    meta = meta(pageTree, shape);
                    if (!meta.valid()) {
                        out.discard();
                        return PageResult.failed(200, "MalformedResponse", meta.problem(), items, pages + 1);
                    }
                } else {
                    int malformed = 0;
                    while (true) {
                        r = http.get(tenantId, resource, next, headers);
                        if (!r.ok()) {
                            out.discard();
                            return PageResult.failed(r, items, pages + 1);
                        }
                        bytes = r.body();
                        meta = meta(bytes, shape);
                        if (meta.valid()) {
                            break;
                        }
                        if (++malformed >= MALFORMED_ATTEMPTS) {
                            out.discard();
                            return PageResult.failed(r.status(), "MalformedResponse", meta.problem(), items,
                                    pages + 1);
                        }
                        http.countRetry();
                    }
                }
                pages++;
                if (g == null) {
                    first = meta.fields();
                    g = out.open();
                    g.writeStartObject();
                    if (shape == Shape.GRAPH && first.has("@odata.context")) {
                        g.writeFieldName("@odata.context");
                        MAPPER.writeTree(g, first.get("@odata.context"));
                    }
                    g.writeArrayFieldStart(shape.array);
                }
                long onPage;
                try (JsonParser p = pageTree != null ? pageTree.traverse(MAPPER) : MAPPER.createParser(bytes)) {
                    onPage = copyItems(p, shape.array, g, listener);
                }
                items += onPage;
                // Partner Center says how many items a page holds: a page that holds fewer was cut short
                JsonNode declared = shape == Shape.PARTNER_CENTER ? meta.fields().get("totalCount") : null;
                if (declared != null && declared.canConvertToLong() && declared.asLong() != onPage) {
                    out.discard();
                    return PageResult.failed(200, "IncompleteCollection", "a page declares " + declared.asLong()
                            + " items but holds " + onPage, items, pages);
                }
                pageTree = null;
                headers = Map.of();
                // the next page
                String link;
                if (shape == Shape.GRAPH) {
                    JsonNode n = meta.fields().get("@odata.nextLink");
                    link = n == null || n.isNull() ? null : n.asText();
                } else {
                    JsonNode nx = meta.fields().path("links").path("next");
                    JsonNode uri = nx.get("uri");
                    link = uri == null || uri.isNull() || uri.asText().isBlank() ? null : resolve(root, uri.asText());
                    Map<String, String> h = new LinkedHashMap<>();
                    for (JsonNode kv : nx.path("headers")) {
                        if (kv.hasNonNull("key") && kv.hasNonNull("value")) {
                            h.put(kv.get("key").asText(), kv.get("value").asText());
                        }
                    }
                    headers = h;
                }
                if (link == null) {
                    break;
                }
                if (!sameOrigin(origin, link)) {
                    out.discard();
                    return PageResult.failed(200, "ForeignNextLink", "the next link leaves " + origin.getScheme()
                            + "://" + origin.getAuthority(), items, pages);
                }
                next = link;
            }
            g.writeEndArray();
            if (shape == Shape.PARTNER_CENTER) {
                // the merged file is one page of everything: its totalCount is every item, each page checked above
                g.writeNumberField("totalCount", items);
                JsonNode self = first.path("links").get("self");
                if (self != null) {
                    g.writeObjectFieldStart("links");
                    g.writeFieldName("self");
                    MAPPER.writeTree(g, self);
                    g.writeEndObject();
                }
                if (first.has("attributes")) {
                    g.writeFieldName("attributes");
                    MAPPER.writeTree(g, first.get("attributes"));
                }
            }
            g.writeEndObject();
            out.commit();
            return PageResult.done(items, pages);
        } catch (IOException e) {
            out.discard();
            return PageResult.failed(0, "WriteFailed", e.getClass().getSimpleName() + ": " + e.getMessage(), items,
                    pages);
        }
    }

    private static long copyItems(JsonParser p, String array, JsonGenerator g, ItemListener listener)
            throws IOException {
        long n = 0;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return 0;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (array.equals(name) && t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (listener != null) {
                        JsonNode item = MAPPER.readTree(p);
                        MAPPER.writeTree(g, item);
                        listener.item(item);
                    } else {
                        g.copyCurrentStructure(p);
                    }
                    n++;
                }
            } else {
                p.skipChildren();
            }
        }
        return n;
    }

    /** Checks a page whole before any of it is written, and keeps its fields other than the items. */
    private static Meta meta(byte[] bytes, Shape shape) {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            return meta(p, shape);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "malformed" : e.getMessage().lines().findFirst().orElse("malformed");
            return new Meta(null, false, "the page is not valid JSON: " + m);
        }
    }

    private static Meta meta(JsonNode page, Shape shape) {
        try (JsonParser p = page.traverse(MAPPER)) {
            return meta(p, shape);
        } catch (IOException e) {
            return new Meta(null, false, "the page is not valid JSON");
        }
    }

    private static Meta meta(JsonParser p, Shape shape) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return new Meta(null, false, "the page is not a JSON object");
        }
        ObjectNode fields = MAPPER.createObjectNode();
        boolean items = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (shape.array.equals(name)) {
                if (t != JsonToken.START_ARRAY) {
                    return new Meta(null, false, "\"" + name + "\" is not an array");
                }
                items = true;
                p.skipChildren();
            } else {
                fields.set(name, MAPPER.readTree(p));
            }
        }
        if (p.nextToken() != null) {
            return new Meta(null, false, "content after the page");
        }
        return items ? new Meta(fields, true, null) : new Meta(null, false, "the page has no \"" + shape.array + "\"");
    }

    private static String resolve(String root, String uri) {
        if (uri.regionMatches(true, 0, "https://", 0, 8) || uri.regionMatches(true, 0, "http://", 0, 7)) {
            return uri;
        }
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return base + (uri.startsWith("/") ? uri : "/" + uri);
    }

    static boolean sameOrigin(URI origin, String link) {
        try {
            URI u = URI.create(link);
            return u.getScheme() != null && u.getScheme().equalsIgnoreCase(origin.getScheme())
                    && u.getHost() != null && u.getHost().toLowerCase(Locale.ROOT)
                    .equals(origin.getHost().toLowerCase(Locale.ROOT))
                    && port(u) == port(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
