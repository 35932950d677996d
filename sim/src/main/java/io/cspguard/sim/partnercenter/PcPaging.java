package io.cspguard.sim.partnercenter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Partner Center's collections and paging: {@code {"totalCount","items","links":{"self","next"},"attributes":
 * {"objectType":"Collection"}}}, where {@code totalCount} counts the items of this page (as in Microsoft's paged
 * examples) and {@code links.next} is {@code {"uri":"/customers?size=N&seekOperation=Next","method":"GET","headers":
 * [{"key":"MS-ContinuationToken","value":…}]}} — the uri relative to {@code /v1}, to be requested with that header.
 * The token is opaque; a {@code broken} one continues a page cut short by a TRUNCATE fault and fails for ever.
 */
final class PcPaging {
    static final String HEADER = "MS-ContinuationToken";

    record Token(int offset, int shape, boolean broken) {
        String encode() {
            String raw = "pc1|" + offset + "|" + shape + "|" + (broken ? 1 : 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Token decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                String[] p = raw.split("\\|");
                if (p.length != 4 || !p[0].equals("pc1")) {
                    return null;
                }
                int offset = Integer.parseInt(p[1]);
                return offset < 0 ? null : new Token(offset, Integer.parseInt(p[2]), p[3].equals("1"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private PcPaging() {
    }

    static ObjectNode collection(List<? extends com.fasterxml.jackson.databind.JsonNode> items, String selfUri,
                                 String nextUri, String nextToken) {
        ObjectNode o = PcJson.object();
        o.put("totalCount", items.size());
        ArrayNode arr = o.putArray("items");
        items.forEach(arr::add);
        ObjectNode links = o.putObject("links");
        link(links.putObject("self"), selfUri);
        if (nextUri != null) {
            ObjectNode next = links.putObject("next");
            link(next, nextUri);
            next.withArray("headers").addObject().put("key", HEADER).put("value", nextToken);
        }
        o.putObject("attributes").put("objectType", "Collection");
        return o;
    }

    private static void link(ObjectNode l, String uri) {
        l.put("uri", uri);
        l.put("method", "GET");
        l.putArray("headers");
    }
}
