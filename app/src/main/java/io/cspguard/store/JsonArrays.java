package io.cspguard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A list of strings as the JSON array text the store keeps in {@code problems} and {@code notes}. */
final class JsonArrays {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonArrays() {
    }

    static String of(List<String> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    static List<String> parse(String json) {
        try {
            return List.of(MAPPER.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new StoreException("the store holds an invalid JSON array: " + e.getOriginalMessage(), e);
        }
    }
}
