package io.cspguard.audit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 5424 lines, one per entry:
 * {@code <PRI>1 TIMESTAMP HOST cspguard - MSGID [cspguard@32473 seq=".." prev=".." hash=".." actor=".." ip=".."
 * tenant=".." action=".." target=".." result=".."] detail}. PRI is facility 13 (log audit) with severity notice for
 * a success and warning otherwise; MSGID is the action (printable ASCII, at most 32). A null value has no SD-PARAM
 * and a null detail no MSG; a MSG is UTF-8 and so starts with the byte order mark (RFC 5424 §6.4). SD-PARAM values escape {@code " \ ]} as RFC 5424 §6.3.3 says, and, like the MSG, escape
 * control characters ({@link AuditText}) so that no value can end a line or forge another; reading them back gives
 * the exact originals, which is what the hash needs. The anchor and the checkpoint are lines of their own, with
 * SD-IDs {@code cspguardAnchor@32473} and {@code cspguardHead@32473}. (32473 is the private enterprise number
 * RFC 5612 reserves for examples.)
 */
final class SyslogCodec implements AuditLineCodec {
    static final String ENTRY_ID = "cspguard@32473";
    static final String ANCHOR_ID = "cspguardAnchor@32473";
    static final String HEAD_ID = "cspguardHead@32473";
    private static final int FACILITY_LOG_AUDIT = 13;
    private static final int NOTICE = 5;
    private static final int WARNING = 4;

    private final String host;

    SyslogCodec(String host) {
        this.host = host;
    }

    /** This machine's name when it is a valid RFC 5424 HOSTNAME, else the nil value {@code -}. */
    static String localHostName() {
        try {
            return printableAscii(InetAddress.getLocalHost().getHostName(), 255, "-");
        } catch (Exception e) {
            return "-";
        }
    }

    static int pri(String result) {
        return FACILITY_LOG_AUDIT * 8 + ("success".equals(result) ? NOTICE : WARNING);
    }

    @Override
    public String write(AuditLine line) {
        return switch (line) {
            case AuditLine.Entry(AuditEntry e) -> {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("seq", Long.toString(e.seq()));
                params.put("prev", e.prevHash());
                params.put("hash", e.hash());
                params.put("actor", e.actor());
                params.put("ip", e.sourceIp());
                params.put("tenant", e.tenantId());
                params.put("action", e.action());
                params.put("target", e.target());
                params.put("result", e.result());
                yield header(pri(e.result()), e.at(), printableAscii(e.action(), 32, "-")) + element(ENTRY_ID, params)
                        + (e.detail() == null ? "" : " " + SyslogLine.BOM + AuditText.escape(e.detail(), false));
            }
            case AuditLine.Anchor(AuditAnchor a) -> {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("seq", Long.toString(a.lastSeq()));
                params.put("hash", a.lastHash());
                params.put("count", Long.toString(a.count()));
                params.put("before", AuditTime.format(a.prunedBefore()));
                params.put("by", a.prunedBy());
                yield header(pri("success"), a.prunedAt(), "audit.anchor") + element(ANCHOR_ID, params)
                        + " entries up to seq " + a.lastSeq() + " were pruned";
            }
            case AuditLine.Checkpoint(AuditHead head, Instant exportedAt) -> {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("seq", Long.toString(head.seq()));
                params.put("hash", head.hash());
                yield header(pri("success"), exportedAt, "audit.checkpoint") + element(HEAD_ID, params)
                        + " head of the audit trail at export";
            }
        };
    }

    private String header(int pri, Instant at, String msgId) {
        return "<" + pri + ">1 " + AuditTime.format(at) + " " + host + " cspguard - " + msgId + " ";
    }

    private static String element(String id, Map<String, String> params) {
        StringBuilder sd = new StringBuilder("[").append(id);
        params.forEach((name, value) -> {
            if (value != null) {
                sd.append(' ').append(name).append("=\"").append(AuditText.escape(value, true)).append('"');
            }
        });
        return sd.append(']').toString();
    }

    /** RFC 5424 header fields are PRINTUSASCII (33-126) only: anything else becomes {@code _}, and empty the nil. */
    static String printableAscii(String value, int max, String nil) {
        if (value == null || value.isEmpty()) {
            return nil;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '_');
        }
        return out.toString();
    }

    @Override
    public AuditLine read(String line) {
        SyslogLine parsed = SyslogLine.parse(line);
        Map<String, String> p = parsed.params();
        return switch (parsed.sdId()) {
            case ENTRY_ID -> new AuditLine.Entry(new AuditEntry(number(p, "seq"), AuditTime.parse(parsed.timestamp()),
                    p.get("actor"), p.get("ip"), p.get("tenant"), p.get("action"), p.get("target"), p.get("result"),
                    parsed.msg(), required(p, "prev"), required(p, "hash")));
            case ANCHOR_ID -> new AuditLine.Anchor(new AuditAnchor(number(p, "seq"), required(p, "hash"),
                    number(p, "count"), AuditTime.parse(required(p, "before")), AuditTime.parse(parsed.timestamp()),
                    required(p, "by")));
            case HEAD_ID -> new AuditLine.Checkpoint(new AuditHead(number(p, "seq"), required(p, "hash")),
                    AuditTime.parse(parsed.timestamp()));
            default -> throw new AuditFormatException("unknown structured data id " + AuditText.printable(parsed.sdId()));
        };
    }

    private static String required(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) {
            throw new AuditFormatException(name + "=\"…\" is missing");
        }
        return v;
    }

    private static long number(Map<String, String> params, String name) {
        String v = required(params, name);
        if (!v.matches("[0-9]{1,18}")) {
            throw new AuditFormatException(name + "=\"" + AuditText.printable(v) + "\" is not a whole number");
        }
        return Long.parseLong(v);
    }
}
