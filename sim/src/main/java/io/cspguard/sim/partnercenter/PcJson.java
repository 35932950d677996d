package io.cspguard.sim.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.graph.Json;

/** JSON for the Partner Center routes: the simulator's shared plumbing ({@link Json}), plus Partner Center's reads. */
final class PcJson {
    static final ObjectMapper MAPPER = Json.MAPPER;

    private PcJson() {
    }

    static byte[] bytes(JsonNode node) {
        return Json.bytes(node);
    }

    static JsonNode parse(byte[] body) {
        return Json.parse(body);
    }

    static ObjectNode object() {
        return Json.object();
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
