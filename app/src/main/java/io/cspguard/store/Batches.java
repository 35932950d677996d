package io.cspguard.store;

import org.jdbi.v3.core.statement.PreparedBatch;

/** Sends a prepared batch when it holds anything: an empty batch is no statement at all. */
final class Batches {
    private Batches() {
    }

    static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
