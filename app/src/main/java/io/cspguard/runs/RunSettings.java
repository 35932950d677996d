package io.cspguard.runs;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How runs are made: the {@code cspguard.yaml} to read before each run (null: the defaults), where snapshots go
 * (one folder per run), how many of them to keep (they hold personal data: older ones are deleted), how many
 * threads assess, how many customers one shard holds (a run with more customers is split over the servers, see
 * {@link ShardedRun}) and how long the server that began a run waits for its shards before it fails the run.
 */
public record RunSettings(Path configFile, Path snapshotsDir, int keepSnapshots, int threads, int shardSize,
                          Duration shardWait) {
    public static final int DEFAULT_SHARD_SIZE = 100;
    /** Long enough for a shard of a few hundred customers under Microsoft's throttling, short of a daily schedule. */
    public static final Duration DEFAULT_SHARD_WAIT = Duration.ofHours(12);

    public RunSettings {
        if (keepSnapshots < 1) {
            throw new IllegalArgumentException("keepSnapshots must be at least 1");
        }
        if (shardSize < 1) {
            throw new IllegalArgumentException("shardSize must be at least 1");
        }
        if (shardWait == null || shardWait.isNegative() || shardWait.isZero()) {
            throw new IllegalArgumentException("shardWait must be positive");
        }
    }

    public RunSettings(Path configFile, Path snapshotsDir, int keepSnapshots, int threads) {
        this(configFile, snapshotsDir, keepSnapshots, threads, DEFAULT_SHARD_SIZE, DEFAULT_SHARD_WAIT);
    }
}
