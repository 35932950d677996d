package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** Small helpers for building Graph's JSON as Jackson trees. */
final class Json {
    /** Compact object nodes: a world holds millions of them (see {@link CompactNodeFactory}). */
    static final JsonNodeFactory F = CompactNodeFactory.INSTANCE;

    private Json() {
    }

    static ObjectNode obj() {
        return F.objectNode();
    }

    static ArrayNode arr() {
        return F.arrayNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = F.arrayNode(values.size());
        values.forEach(a::add);
        return a;
    }

    /** Graph's timestamps: ISO-8601 UTC with {@code Z}, whole seconds. */
    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static void putTime(ObjectNode n, String field, Instant t) {
        if (t == null) {
            n.putNull(field);
        } else {
            n.put(field, time(t));
        }
    }
}
