package io.cspguard.sim.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a Graph path to an {@link Endpoint}. Graph has no tenant in the path and many resources, so the simulator
 * routes below {@code /v1.0} and {@code /beta} itself (literal segments case-insensitive, as Graph's are), which lets
 * a {@code $batch} dispatch its inner requests through exactly the same table.
 */
final class Router {
    record Match(Endpoint endpoint, Map<String, String> params) {
    }

    /** No endpoint: {@code methodMismatch} when the path exists with another method (405), else the unknown segment. */
    record Miss(boolean methodMismatch, String segment) {
    }

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<String[]> patterns = new ArrayList<>();

    void add(Endpoint e) {
        endpoints.add(e);
        patterns.add(split(e.pattern()));
    }

    /** @return a {@link Match} or a {@link Miss} */
    Object match(String method, String path) {
        String[] segs = split(path);
        boolean pathExists = false;
        int deepest = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            String[] p = patterns.get(i);
            int matched = matchedPrefix(p, segs);
            deepest = Math.max(deepest, matched);
            if (matched == p.length && p.length == segs.length) {
                if (endpoints.get(i).method().equals(method)) {
                    return new Match(endpoints.get(i), params(p, segs));
                }
                pathExists = true;
            }
        }
        String unknown = deepest < segs.length ? segs[deepest] : path;
        return new Miss(pathExists, unknown);
    }

    private static int matchedPrefix(String[] pattern, String[] segs) {
        int n = Math.min(pattern.length, segs.length);
        for (int i = 0; i < n; i++) {
            String p = pattern[i];
            boolean param = p.startsWith("{");
            if (!param && !p.equalsIgnoreCase(segs[i])) {
                return i;
            }
            if (param && segs[i].isEmpty()) {
                return i;
            }
        }
        return n;
    }

    private static Map<String, String> params(String[] pattern, String[] segs) {
        Map<String, String> out = new HashMap<>(4);
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                out.put(pattern[i].substring(1, pattern[i].length() - 1), segs[i]);
            }
        }
        return out;
    }

    private static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
