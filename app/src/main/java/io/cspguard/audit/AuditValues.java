package io.cspguard.audit;

import java.util.Set;

/**
 * What an event becomes before it is hashed and stored. Empty optional values become null (so that every export
 * tells "none" one way only); values are capped in length (a hostile tenant name or sign-in name must not make the
 * write fail, and with it the action); lone UTF-16 surrogates become U+FFFD (they have no UTF-8 form, so they could
 * not be hashed, stored and exported alike) and NUL becomes U+2400 (PostgreSQL cannot store it in text). The required values are checked: a programming error must not yield an
 * entry that says nothing.
 */
final class AuditValues {
    static final Set<String> RESULTS = Set.of("success", "failure", "denied");
    static final int SHORT = 512;
    static final int LONG = 8000;
    private static final String CUT = "…[truncated]";

    private AuditValues() {
    }

    static AuditEvent normalise(AuditEvent e) {
        if (e == null) {
            throw new IllegalArgumentException("no audit event");
        }
        String action = required("action", e.action(), 64);
        if (!action.matches("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*")) {
            throw new IllegalArgumentException("audit action must be a lowercase (dotted) verb such as signin.success, got: "
                    + AuditText.printable(action));
        }
        String result = required("result", e.result(), 16);
        if (!RESULTS.contains(result)) {
            throw new IllegalArgumentException("audit result must be success, failure or denied, got: "
                    + AuditText.printable(result));
        }
        return new AuditEvent(required("actor", e.actor(), SHORT), optional(e.sourceIp(), SHORT),
                optional(e.tenantId(), SHORT), action, optional(e.target(), SHORT * 2), result,
                optional(e.detail(), LONG));
    }

    private static String required(String name, String value, int max) {
        String v = optional(value, max);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a " + name);
        }
        return v;
    }

    private static String optional(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = wellFormed(value);
        if (v.length() > max) {
            int end = max - CUT.length();
            if (Character.isHighSurrogate(v.charAt(end - 1))) {
                end--;
            }
            v = v.substring(0, end) + CUT;
        }
        return v;
    }

    private static String wellFormed(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
            boolean replace = lone || c == '\u0000';
            if (replace && out == null) {
                out = new StringBuilder(value).delete(i, value.length());
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c == '\u0000' ? '\u2400' : c);
            }
        }
        return out == null ? value : out.toString();
    }
}
