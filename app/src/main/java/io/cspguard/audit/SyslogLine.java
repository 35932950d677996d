package io.cspguard.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 5424 line taken apart: the header's TIMESTAMP, one structured-data element (its SD-ID and unescaped
 * PARAMs) and the unescaped MSG (null when there is none). Only what {@link SyslogCodec} writes is accepted.
 */
record SyslogLine(String timestamp, String sdId, Map<String, String> params, String msg) {
    /** RFC 5424 §6.4: a MSG in UTF-8 starts with the Unicode byte order mark. */
    static final char BOM = '\uFEFF';


    static SyslogLine parse(String line) {
        if (!line.matches("<[0-9]{1,3}>1 .*")) {
            throw new AuditFormatException("not an RFC 5424 line (it must start with <PRI>1)");
        }
        // <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID: six fields separated by single spaces.
        int at = 0;
        String timestamp = null;
        for (int field = 0; field < 6; field++) {
            int space = line.indexOf(' ', at);
            if (space < 0) {
                throw new AuditFormatException("the syslog header is cut short");
            }
            if (field == 1) {
                timestamp = line.substring(at, space);
            }
            at = space + 1;
        }
        if (at >= line.length() || line.charAt(at) != '[') {
            throw new AuditFormatException("no structured data after the syslog header");
        }
        int idEnd = at + 1;
        while (idEnd < line.length() && line.charAt(idEnd) != ' ' && line.charAt(idEnd) != ']') {
            idEnd++;
        }
        String sdId = line.substring(at + 1, idEnd);
        Map<String, String> params = new LinkedHashMap<>();
        int i = idEnd;
        while (true) {
            if (i >= line.length()) {
                throw new AuditFormatException("the structured data is not closed with ]");
            }
            if (line.charAt(i) == ']') {
                i++;
                break;
            }
            if (line.charAt(i) != ' ') {
                throw new AuditFormatException("unexpected character in the structured data at column " + (i + 1));
            }
            int eq = line.indexOf("=\"", i);
            if (eq < 0) {
                throw new AuditFormatException("a structured data parameter has no =\"value\"");
            }
            String name = line.substring(i + 1, eq);
            if (!name.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new AuditFormatException("a structured data parameter name is not valid: " + AuditText.printable(name));
            }
            int end = eq + 2;
            while (end < line.length() && line.charAt(end) != '"') {
                end += line.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= line.length()) {
                throw new AuditFormatException("the value of " + AuditText.printable(name) + " is not closed with \"");
            }
            if (params.put(name, AuditText.unescape(line.substring(eq + 2, end))) != null) {
                throw new AuditFormatException(AuditText.printable(name) + " appears twice");
            }
            i = end + 1;
        }
        String msg;
        if (i == line.length()) {
            msg = null;
        } else if (line.charAt(i) == ' ') {
            String text = line.substring(i + 1);
            // an entry's detail is written as UTF-8 after the byte order mark; the fixed ASCII texts of anchors and
            // checkpoints are written without (MSG-ANY). The mark is not part of the value.
            msg = AuditText.unescape(!text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text);
        } else {
            throw new AuditFormatException("more than one structured data element, or no space before the message");
        }
        return new SyslogLine(timestamp, sdId, params, msg);
    }
}
