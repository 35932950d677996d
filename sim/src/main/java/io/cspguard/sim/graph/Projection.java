package io.cspguard.sim.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which properties of a world object go on the wire: the {@code $select}ed ones (null for a selected property the
 * object lacks, as Graph answers), or all but some. {@code @odata.type} always goes, since clients tell derived types
 * apart by it. Objects are written straight from the world's nodes, without building a projected copy.
 */
final class Projection {
    static final Projection ALL = new Projection(null, Set.of());

    /** {@code GET /users} without {@code $select} returns this default set only (graph-reference.md §1). */
    static final List<String> USER_DEFAULT = List.of("businessPhones", "displayName", "givenName", "id", "jobTitle",
            "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName");

    private static final String TYPE = "@odata.type";
    private static final String CONTEXT = "@odata.context";

    private final List<String> fields;
    private final Set<String> omit;

    boolean selected() {
        return fields != null;
    }

    private Projection(List<String> fields, Set<String> omit) {
        this.fields = fields == null ? null : List.copyOf(fields);
        this.omit = Set.copyOf(omit);
    }

    static Projection select(List<String> select) {
        return select == null ? ALL : new Projection(select, Set.of());
    }

    /** {@code $select}, or {@code fallback} when the request has none. */
    static Projection select(List<String> select, List<String> fallback) {
        return new Projection(select == null ? fallback : select, Set.of());
    }

    static Projection omitting(List<String> select, Set<String> omit) {
        return select == null ? new Projection(null, omit) : new Projection(select, Set.of());
    }

    void write(JsonGenerator g, ObjectNode o) throws IOException {
        write(g, o, null);
    }

    /** @param context an {@code @odata.context} to lead with (single objects), replacing any the object holds */
    void write(JsonGenerator g, ObjectNode o, String context) throws IOException {
        g.writeStartObject();
        if (context != null) {
            g.writeStringField(CONTEXT, context);
        }
        if (fields == null) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (!omit.contains(e.getKey()) && !(context != null && e.getKey().equals(CONTEXT))) {
                    g.writeFieldName(e.getKey());
                    e.getValue().serialize(g, Json.PROVIDER);
                }
            }
        } else {
            JsonNode type = o.get(TYPE);
            if (type != null) {
                g.writeFieldName(TYPE);
                type.serialize(g, Json.PROVIDER);
            }
            for (String f : fields) {
                if (f.equals(TYPE)) {
                    continue;
                }
                String name = f;
                JsonNode v = o.get(f);
                if (v == null) {
                    // Graph's property names are case-insensitive in $select; the world holds the canonical case.
                    Iterator<String> names = o.fieldNames();
                    while (names.hasNext()) {
                        String n = names.next();
                        if (n.equalsIgnoreCase(f)) {
                            name = n;
                            v = o.get(n);
                            break;
                        }
                    }
                }
                g.writeFieldName(name);
                if (v == null) {
                    g.writeNull();
                } else {
                    v.serialize(g, Json.PROVIDER);
                }
            }
        }
        g.writeEndObject();
    }
}
