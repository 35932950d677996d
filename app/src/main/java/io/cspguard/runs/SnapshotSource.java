package io.cspguard.runs;

import io.cspguard.config.Config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where a run's snapshot comes from: a collection of the partner and every customer (Graph, GDAP, Partner Center)
 * into a folder in the snapshot layout of formats.md §1. The live source collects through a connection profile;
 * the demo's collects from the simulator.
 * <p>
 * A source that can {@link #discover} its customers can also collect some of them, which is how a run is split into
 * shards over several servers; one that cannot (discovery returns nothing) is always collected in one piece.
 */
@FunctionalInterface
public interface SnapshotSource {
    /** Collects everything into {@code into} and returns a one-line summary for the run's log and audit entry. */
    String collect(Path into, Config config) throws Exception;

    /**
     * The customers a collection would read, in discovery order, learnt by collecting the partner only into
     * {@code scratch} (which the caller deletes). Empty: this source cannot name them, so the run is not split.
     */
    default List<String> discover(Path scratch, Config config) throws Exception {
        return List.of();
    }

    /**
     * Collects the partner and the given customers into {@code into} (empty: every customer, as {@link #collect(Path,
     * Config)}). Only a source that {@link #discover discovers} customers is ever asked for some of them.
     */
    default String collect(Path into, Config config, Set<String> customers) throws Exception {
        if (!customers.isEmpty()) {
            throw new UnsupportedOperationException("this snapshot source cannot collect some customers only");
        }
        return collect(into, config);
    }
}
