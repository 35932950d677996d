package io.cspguard.runs;

/**
 * Hands a run's shard to whichever server takes it: db-scheduler's {@code collect-shard} task, which every
 * {@code cspguard serve} with a connection profile and a scheduler runs ({@code RunScheduler}).
 */
@FunctionalInterface
public interface ShardQueue {
    void enqueue(long runId, int shard);

    /** The task instance of a shard in db-scheduler's table: {@code run-<id>-shard-<n>}, which is all it needs. */
    static String instanceId(long runId, int shard) {
        return "run-" + runId + "-shard-" + shard;
    }

    /** The run id and shard number of {@link #instanceId}; an unknown form is an error that names it. */
    static long[] parse(String instanceId) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("run-(\\d+)-shard-(\\d+)").matcher(instanceId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a shard's task instance: '" + instanceId + "'");
        }
        return new long[] {Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
