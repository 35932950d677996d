package io.cspguard.sim.graph;

/**
 * One Graph operation: method and path pattern ({@code {name}} segments match one segment), what it needs (permission,
 * licence), the snapshot file a read serves (so that the world's {@code readErrors} for that file apply before the
 * handler runs) and the handler.
 */
record Endpoint(String method, String pattern, Permission permission, Licence licence, FileOf file, Handler handler) {

    @FunctionalInterface
    interface Handler {
        GraphResponse handle(Call call);
    }

    /** The world file a read serves, or null for writes and reads served from no single file. */
    @FunctionalInterface
    interface FileOf {
        String file(Call call);
    }

    static Endpoint read(String pattern, Permission permission, Licence licence, FileOf file, Handler handler) {
        return new Endpoint("GET", pattern, permission, licence, file, handler);
    }

    static Endpoint write(String method, String pattern, Permission permission, Licence licence, Handler handler) {
        return new Endpoint(method, pattern, permission, licence, null, handler);
    }
}
