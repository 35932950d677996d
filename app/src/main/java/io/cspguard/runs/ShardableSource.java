package io.cspguard.runs;

import io.cspguard.config.Config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A snapshot source whose runs can be split into shards: it names its customers and collects some of them. */
public interface ShardableSource extends SnapshotSource {
    /**
     * The customers a collection would read, in discovery order, learnt by collecting the partner only into
     * {@code scratch} (which the caller deletes). Empty when they cannot be named reliably: the run is then collected
     * in one piece.
     */
    List<String> discover(Path scratch, Config config) throws Exception;

    /** Collects the partner and the given customers into {@code into} (empty: every customer). */
    String collect(Path into, Config config, Set<String> customers) throws Exception;
}
