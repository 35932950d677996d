package io.cspguard.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Lines: one object per line, with {@code "type"} {@code anchor}, {@code entry} or {@code checkpoint}; an entry
 * carries every field, nulls included, and {@code at} exactly as hashed. Control characters are escaped by JSON
 * itself; DEL, C1 controls, U+2028 and U+2029 are escaped too, because some line readers split on them.
 */
final class JsonlCodec implements AuditLineCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setCharacterEscapes(new LineSafeEscapes());
        // One object per line, each key once: anything else is not a line this codec wrote.
        JSON.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JSON.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    public String write(AuditLine line) {
        ObjectNode o = JSON.createObjectNode();
        switch (line) {
            case AuditLine.Anchor(AuditAnchor a) -> {
                o.put("type", "anchor");
                o.put("lastSeq", a.lastSeq());
                o.put("lastHash", a.lastHash());
                o.put("count", a.count());
                o.put("prunedBefore", AuditTime.format(a.prunedBefore()));
                o.put("prunedAt", AuditTime.format(a.prunedAt()));
                o.put("prunedBy", a.prunedBy());
            }
            case AuditLine.Entry(AuditEntry e) -> {
                o.put("type", "entry");
                o.put("seq", e.seq());
                o.put("at", AuditTime.format(e.at()));
                o.put("actor", e.actor());
                o.put("sourceIp", e.sourceIp());
                o.put("tenantId", e.tenantId());
                o.put("action", e.action());
                o.put("target", e.target());
                o.put("result", e.result());
                o.put("detail", e.detail());
                o.put("prevHash", e.prevHash());
                o.put("hash", e.hash());
            }
            case AuditLine.Checkpoint(AuditHead head, java.time.Instant exportedAt) -> {
                o.put("type", "checkpoint");
                o.put("seq", head.seq());
                o.put("hash", head.hash());
                o.put("exportedAt", AuditTime.format(exportedAt));
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new AuditException("cannot write an audit line as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public AuditLine read(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AuditFormatException("not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (o == null || !o.isObject()) {
            throw new AuditFormatException("not a JSON object");
        }
        String type = text(o, "type", true);
        return switch (type) {
            case "entry" -> new AuditLine.Entry(new AuditEntry(number(o, "seq"), AuditTime.parse(text(o, "at", true)),
                    text(o, "actor", false), text(o, "sourceIp", false), text(o, "tenantId", false),
                    text(o, "action", false), text(o, "target", false), text(o, "result", false),
                    text(o, "detail", false), text(o, "prevHash", true), text(o, "hash", true)));
            case "anchor" -> new AuditLine.Anchor(new AuditAnchor(number(o, "lastSeq"), text(o, "lastHash", true),
                    number(o, "count"), AuditTime.parse(text(o, "prunedBefore", true)),
                    AuditTime.parse(text(o, "prunedAt", true)), text(o, "prunedBy", true)));
            case "checkpoint" -> new AuditLine.Checkpoint(new AuditHead(number(o, "seq"), text(o, "hash", true)),
                    AuditTime.parse(text(o, "exportedAt", true)));
            default -> throw new AuditFormatException("unknown line type \"" + AuditText.printable(type) + "\"");
        };
    }

    private static String text(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new AuditFormatException("\"" + field + "\" is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new AuditFormatException("\"" + field + "\" is not a string");
        }
        return v.textValue();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new AuditFormatException("\"" + field + "\" is not a whole number");
        }
        return v.longValue();
    }

    /**
     * JSON's own escapes, plus DEL, the C1 controls (U+0085 is a line break to some readers) and the two Unicode line
     * separators, so that a line reader never splits an entry and a terminal never obeys one.
     */
    private static final class LineSafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        LineSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if ((ch >= 0x80 && ch <= 0x9f) || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
