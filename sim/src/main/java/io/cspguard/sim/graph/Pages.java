package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves a collection the way Graph pages it: {@code $filter}, then a page of {@code $top} (capped at the endpoint's
 * largest page) from the {@code $skiptoken}'s offset, {@code $select}, {@code @odata.count} when {@code $count=true},
 * and an absolute {@code @odata.nextLink} that repeats the request with the next {@code $skiptoken}.
 *
 * <p>TRUNCATE fault: the page is served with the second half of its {@code value} array missing and a nextLink that
 * fails for ever with 400 {@code Directory_ExpiredPageToken} — so a correct client can only end with a file it knows
 * to be incomplete (its merged file would still hold the nextLink, or it records the failed read), never with a short
 * file that looks whole.
 */
final class Pages {
    /** Default and largest page of an endpoint. */
    record Size(int dflt, int max) {
        static Size of(int dflt, int max) {
            return new Size(Math.min(dflt, max), max);
        }
    }

    static final String EXPIRED_CODE = "Directory_ExpiredPageToken";
    static final String EXPIRED_MESSAGE = "The specified page token value has expired and can no longer be included "
            + "in your request.";

    private Pages() {
    }

    /** A collection file of the tenant, served as is (items filtered, paged, projected). */
    static GraphResponse collection(Call c, String file, String context, Size size, Projection projection) {
        return c.tenant().read(() -> render(c, file, c.tenant().tenant.collections().getOrDefault(file, List.of()),
                c.query().filter(), context, size, projection));
    }

    /** A derived list (computed under the read lock); {@code cacheKey} null when it must not be cached. */
    static GraphResponse list(Call c, String cacheKey, Supplier<List<ObjectNode>> items, String context, Size size,
                              Projection projection) {
        return c.tenant().read(() -> render(c, cacheKey, items.get(), c.query().filter(), context, size, projection));
    }

    /** A derived list the handler has already filtered (its {@code $filter} picked the resource). */
    static GraphResponse prefiltered(Call c, Supplier<List<ObjectNode>> items, String context, Size size,
                                     Projection projection) {
        return c.tenant().read(() -> render(c, null, items.get(), null, context, size, projection));
    }

    /** One object, with {@code @odata.context} {@code …#fragment/$entity}. */
    static GraphResponse object(Call c, ObjectNode o, String fragment, Projection projection) {
        String context = c.context(fragment + selectSuffix(c.query()) + "/$entity");
        GraphResponse r = GraphResponse.json(200, Json.write(g -> projection.write(g, o, context)));
        return r;
    }

    private static GraphResponse render(Call c, String cacheKey, List<ObjectNode> items, Filter filter,
                                        String fragment, Size size, Projection projection) {
        ODataQuery q = c.query();
        String path = c.req().path();
        int shape = q.shapeHash(path);
        int offset = 0;
        if (q.skiptoken() != null) {
            SkipToken t = SkipToken.decode(q.skiptoken());
            if (t == null || t.shapeHash() != shape) {
                return c.badRequest("The specified skip token is not valid for this request.");
            }
            if (t.broken()) {
                return c.error(400, EXPIRED_CODE, EXPIRED_MESSAGE);
            }
            offset = t.offset();
        }
        int[] idx = null;
        if (filter != null) {
            Filter f = filter;
            Supplier<int[]> compute = () -> {
                int[] tmp = new int[items.size()];
                int n = 0;
                for (int i = 0; i < items.size(); i++) {
                    if (f.test(items.get(i))) {
                        tmp[n++] = i;
                    }
                }
                return java.util.Arrays.copyOf(tmp, n);
            };
            idx = cacheKey == null ? compute.get() : c.tenant().filtered(cacheKey + '\u0000' + q.filterText(), compute);
        }
        int total = idx == null ? items.size() : idx.length;
        int pageSize = Math.min(q.top() != null ? q.top() : size.dflt(), size.max());
        int start = Math.min(offset, total);
        int end = (int) Math.min(total, (long) start + pageSize);
        int served = end - start;
        boolean more = end < total;
        SkipToken next = more ? new SkipToken(end, shape, false) : null;
        if (c.truncate()) {
            served = served / 2;
            next = new SkipToken(start + served, shape, true);
        }
        String nextLink = next == null ? null : nextLink(c.req(), next);
        String context = c.context(fragment + selectSuffix(q));
        int[] fidx = idx;
        int from = start;
        int count = served;
        GraphResponse r = GraphResponse.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            if (q.count()) {
                g.writeNumberField("@odata.count", total);
            }
            if (nextLink != null) {
                g.writeStringField("@odata.nextLink", nextLink);
            }
            g.writeArrayFieldStart("value");
            for (int i = from; i < from + count; i++) {
                projection.write(g, items.get(fidx == null ? i : fidx[i]));
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
        r.paged = true;
        return r;
    }

    static String selectSuffix(ODataQuery q) {
        return q.select() == null ? "" : "(" + String.join(",", q.select()) + ")";
    }

    /** The request again, absolute, with its options as the client wrote them and the new {@code $skiptoken}. */
    static String nextLink(GraphRequest req, SkipToken token) {
        StringBuilder sb = new StringBuilder(req.baseUrl()).append('/').append(req.version()).append(req.path());
        char sep = '?';
        String raw = req.rawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = GraphRequest.normaliseKey(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8));
                if (!key.equals("skiptoken")) {
                    sb.append(sep).append(pair);
                    sep = '&';
                }
            }
        }
        return sb.append(sep).append("$skiptoken=").append(token.encode()).toString();
    }
}
