/**
 * Collection of the partner and every customer tenant into a snapshot (formats.md §1):
 * {@link io.cspguard.graph.collect.Collector#collect} is the entry point, {@link io.cspguard.graph.collect.Progress}
 * reports as it goes, {@link io.cspguard.graph.collect.CollectionResult} says how each tenant ended, and
 * {@link io.cspguard.graph.collect.SnapshotWriter} writes each tenant atomically.
 */
package io.cspguard.graph.collect;
