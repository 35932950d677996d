package io.cspguard.runs;

import io.cspguard.config.Config;

import java.nio.file.Path;

/**
 * Where a run's snapshot comes from: a collection of the partner and every customer (Graph, GDAP, Partner Center)
 * into a folder in the snapshot layout of formats.md §1. The live source collects through a connection profile;
 * the demo's collects from the simulator. A source that can also name its customers and collect some of them is a
 * {@link ShardableSource}, whose runs can be split into shards over several servers; any other is collected in one
 * piece.
 */
@FunctionalInterface
public interface SnapshotSource {
    /** Collects everything into {@code into} and returns a one-line summary for the run's log and audit entry. */
    String collect(Path into, Config config) throws Exception;
}
