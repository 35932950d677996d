package io.cspguard.store;

/** A run was asked to begin while another is in progress (on this server or another one sharing the database). */
public final class RunInProgressException extends IllegalStateException {
    private final long runningRunId;

    public RunInProgressException(long runningRunId) {
        super("a run is already in progress (run " + runningRunId + ")");
        this.runningRunId = runningRunId;
    }

    public long runningRunId() {
        return runningRunId;
    }
}
