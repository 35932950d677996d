package io.cspguard.graph.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Sees each item of a collection as it is merged (to learn what later reads need), or a single object. */
@FunctionalInterface
public interface ItemListener {
    void item(JsonNode item);
}
