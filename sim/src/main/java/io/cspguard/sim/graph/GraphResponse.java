package io.cspguard.sim.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the pipeline answers: a status, headers and a body, or the instruction to drop the connection without an
 * answer (a fault). Bodies are bytes so that a page is serialised once, straight from the world's objects.
 */
final class GraphResponse {
    static final String JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
            + "charset=utf-8";

    final int status;
    final byte[] body;
    final String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();
    final boolean drop;
    /** A collection page ({@link Pages} applied any TRUNCATE itself); a single object is cut by the pipeline. */
    boolean paged;
    /** The body was cut by a TRUNCATE fault and is no longer JSON ({@link Batch} embeds it as a string). */
    boolean cut;

    private GraphResponse(int status, byte[] body, String contentType, boolean drop) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.drop = drop;
    }

    static GraphResponse json(int status, byte[] body) {
        return new GraphResponse(status, body, JSON, false);
    }

    static GraphResponse noContent() {
        return new GraphResponse(204, null, null, false);
    }

    static GraphResponse dropConnection() {
        return new GraphResponse(0, null, null, true);
    }

    GraphResponse header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    boolean success() {
        return !drop && status >= 200 && status < 300;
    }
}
