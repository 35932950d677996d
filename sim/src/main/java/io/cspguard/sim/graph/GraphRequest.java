package io.cspguard.sim.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One Graph request as the pipeline sees it, whether it came over HTTP or from inside a {@code $batch}.
 *
 * @param path     the decoded path after the version segment ({@code /users}, {@code /groups/{id}/members})
 * @param rawQuery the query string as sent (kept verbatim so that {@code @odata.nextLink} repeats it), or ""
 * @param query    OData options by lower-case name without the {@code $} (Graph accepts {@code select} and
 *                 {@code $select} alike), other parameters by lower-case name; values decoded
 * @param headers  header lookup by name, case-insensitive
 * @param baseUrl  scheme and authority the client used, for absolute {@code @odata.nextLink}s
 */
record GraphRequest(String method, String version, String path, String rawQuery, Map<String, String> query,
                    UnaryOperator<String> headers, byte[] body, String baseUrl, RequestIds ids) {

    String header(String name) {
        return headers.apply(name);
    }

    String option(String name) {
        return query.get(name);
    }

    /** Parses a raw query string; a repeated option keeps its first value, as Graph rejects repeats anyway. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start <= raw.length()) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? raw.length() : amp;
            if (end > start) {
                String pair = raw.substring(start, end);
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.putIfAbsent(normaliseKey(key), value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out;
    }

    static String normaliseKey(String key) {
        String k = key.startsWith("$") ? key.substring(1) : key;
        return k.toLowerCase(Locale.ROOT);
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Percent-decodes a path (no '+' rule there: a '+' in a path is a plus). */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
