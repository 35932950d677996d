package io.cspguard.snapshot.graph;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Small null-safe helpers for Graph's strings and lists. */
public final class Text {
    private Text() {
    }

    /** Case-insensitive equality; null equals nothing. */
    public static boolean eq(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    public static boolean containsIgnoreCase(Collection<String> values, String wanted) {
        if (values == null || wanted == null) {
            return false;
        }
        for (String v : values) {
            if (wanted.equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    public static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
