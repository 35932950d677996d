package io.cspguard.runs;

import java.nio.file.Path;

/**
 * How runs are made: the {@code cspguard.yaml} to read before each run (null: the defaults), where snapshots go
 * (one folder per run), how many of them to keep (they hold personal data: older ones are deleted), and how many
 * threads assess.
 */
public record RunSettings(Path configFile, Path snapshotsDir, int keepSnapshots, int threads) {
    public RunSettings {
        if (keepSnapshots < 1) {
            throw new IllegalArgumentException("keepSnapshots must be at least 1");
        }
    }
}
