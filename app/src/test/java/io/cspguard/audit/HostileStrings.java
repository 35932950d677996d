package io.cspguard.audit;

import java.util.List;

/** Values a hostile tenant or sign-in name could carry; every one must be stored, exported and verified exactly. */
final class HostileStrings {
    static final List<String> ALL = List.of(
            "line one\nline two\r\nline three",
            "quote \" backslash \\ bracket ] open [ equals = ",
            "<script>alert('x')</script>",
            "Grüße, 東京, emoji 🔐, RTL \u202Eevil",
            "tab\there, bell \u0007, escape \u001b[31m, nul \u0000, del \u007f, next-line \u0085",
            "line separators \u2028 and \u2029",
            "\\n literal backslash-n, \\u0041 literal escape, trailing backslash \\",
            "] [cspguard@32473 seq=\"1\" hash=\"forged\"] injected",
            "{\"type\":\"checkpoint\",\"seq\":999}");

    private HostileStrings() {
    }

    /** The i-th hostile string (cycling), so that every field of several entries gets a different one. */
    static String pick(int i) {
        return ALL.get(Math.floorMod(i, ALL.size()));
    }
}
