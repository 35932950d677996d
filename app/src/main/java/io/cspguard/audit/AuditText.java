package io.cspguard.audit;

/**
 * Escapes that keep a tenant- or user-controlled value on one line without losing anything: the exports and the
 * verifier's messages use them, and {@link #unescape} gives back the exact original (the hash is over the original).
 */
final class AuditText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditText() {
    }

    /** For messages on a terminal: control and line-separator characters escaped, nothing else touched. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        return escape(value, false);
    }

    /**
     * Backslash, CR, LF, TAB and every other control or line-separator character escaped (as a backslash followed by
     * {@code \\}, {@code r}, {@code n}, {@code t}, or {@code u} and four hex digits); with {@code sdParam} also {@code "} and {@code ]}, as RFC 5424 §6.3.3 requires inside a PARAM-VALUE.
     */
    static String escape(String value, boolean sdParam) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(c, sdParam);
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    private static String replacement(char c, boolean sdParam) {
        switch (c) {
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '"':
                return sdParam ? "\\\"" : null;
            case ']':
                return sdParam ? "\\]" : null;
            default:
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    return "\\u" + HEX[c >> 12 & 0xf] + HEX[c >> 8 & 0xf] + HEX[c >> 4 & 0xf] + HEX[c & 0xf];
                }
                return null;
        }
    }

    /** The inverse of {@link #escape}; an escape this class never writes means the text was edited. */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new AuditFormatException("a value ends in a lone backslash");
            }
            char next = text.charAt(++i);
            switch (next) {
                case '\\', '"', ']' -> out.append(next);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    String hex = i + 5 <= text.length() ? text.substring(i + 1, i + 5) : "";
                    if (!hex.matches("[0-9a-fA-F]{4}")) {
                        throw new AuditFormatException("a \\u escape is not four hex digits");
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> throw new AuditFormatException("unknown escape \\" + printable(String.valueOf(next)));
            }
        }
        return out.toString();
    }
}
