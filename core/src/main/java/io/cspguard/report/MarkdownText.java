package io.cspguard.report;

/**
 * Makes a tenant-supplied string inert in GitHub-flavoured Markdown: it can neither break a table row (pipes, line
 * breaks), nor start emphasis, code or a link, nor inject HTML (GitHub renders raw HTML in step summaries).
 */
final class MarkdownText {
    private static final String BACKSLASHED = "\\`*_[]|#~";

    private MarkdownText() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                continue; // CRLF becomes one space, from its LF
            }
            if (c == '&') {
                b.append("&amp;");
            } else if (c == '<') {
                b.append("&lt;");
            } else if (c == '>') {
                b.append("&gt;");
            } else if (Character.isISOControl(c)) {
                b.append(' '); // line breaks, tabs and other controls would end a table row or a list item
            } else if (BACKSLASHED.indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
