package io.cspguard.graph.collect;

/** Receives a collection's progress (from several threads at once: implementations must be thread-safe). */
@FunctionalInterface
public interface Progress {
    Progress NONE = event -> { };

    void on(ProgressEvent event);
}
