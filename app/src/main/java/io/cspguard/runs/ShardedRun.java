package io.cspguard.runs;

import io.cspguard.reports.StoredAssessment;
import io.cspguard.result.Assessment;
import io.cspguard.store.RunShards;
import io.cspguard.store.RunStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A run split over the servers sharing the database, as the server that began it sees it: the customers are cut
 * into shards of {@link RunSettings#shardSize()}, each shard is written to {@code run_shards} and handed to
 * db-scheduler (any server takes it: {@link RunService#collectShard}), and this server waits — its run heartbeating
 * as usual — until every shard is done, then merges them. A failed shard fails the run, and so does a shard not
 * done within {@link RunSettings#shardWait()}.
 */
final class ShardedRun {
    /** How often the waiting server reads the shards' states: a small query, against runs lasting minutes. */
    static final Duration POLL = Duration.ofSeconds(2);

    /** The merged assessment and a line for the run's audit entry. */
    record Outcome(Assessment assessment, String summary) {
    }

    private final RunShards shards;
    private final ShardQueue queue;
    private final RunStore runs;
    private final RunSettings settings;
    private final Clock clock;

    ShardedRun(RunShards shards, ShardQueue queue, RunStore runs, RunSettings settings, Clock clock) {
        this.shards = shards;
        this.queue = queue;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    RunShards shards() {
        return shards;
    }

    Outcome run(long runId, List<String> customers, Path snapshot) throws Exception {
        List<List<String>> plan = split(customers, settings.shardSize());
        shards.create(runId, plan);
        for (int i = 0; i < plan.size(); i++) {
            queue.enqueue(runId, i);
        }
        List<RunShards.Shard> done = await(runId);
        List<Assessment> parts = new ArrayList<>();
        for (RunShards.Shard s : done) {
            parts.add(StoredAssessment.read(shards.assessmentJsonGzip(runId, s.shard()).orElseThrow(() ->
                    new IllegalStateException("shard " + s.shard() + " is done but its assessment is missing"))));
        }
        Assessment merged = FailedTenants.addMissing(ShardMerge.merge(parts, clock.instant(), snapshot.toString()),
                customers);
        Set<String> workers = new LinkedHashSet<>();
        done.forEach(s -> workers.add(s.worker()));
        return new Outcome(merged, "collected " + customers.size() + " customers in " + plan.size() + " shards of at most "
                + settings.shardSize() + " by " + String.join(", ", workers));
    }

    /** Consecutive slices of at most {@code size}, in discovery order: a shard is a plain list, easy to read back. */
    static List<List<String>> split(List<String> customers, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < customers.size(); from += size) {
            out.add(List.copyOf(customers.subList(from, Math.min(customers.size(), from + size))));
        }
        return out;
    }

    private List<RunShards.Shard> await(long runId) throws Exception {
        Instant deadline = clock.instant().plus(settings.shardWait());
        long waitNanos = settings.shardWait().toNanos();
        long start = System.nanoTime();
        while (true) {
            List<RunShards.Shard> all = shards.of(runId);
            Optional<RunShards.Shard> failed = all.stream().filter(RunShards.Shard::failed).findFirst();
            if (failed.isPresent()) {
                RunShards.Shard f = failed.get();
                throw new ShardFailedException("shard " + f.shard() + " of " + all.size() + " (" + f.tenants().size()
                        + " customers) failed on " + f.worker() + ": " + f.error());
            }
            if (all.stream().allMatch(RunShards.Shard::done)) {
                return all;
            }
            if (!runs.state(runId).map("running"::equals).orElse(false)) {
                throw new ShardFailedException("the run ended while its shards were being collected");
            }
            // the elapsed time of this process, not the clock's: tests fix the clock, and a wait must still end
            if (System.nanoTime() - start > waitNanos) {
                List<Integer> late = all.stream().filter(s -> !s.done()).map(RunShards.Shard::shard).toList();
                throw new ShardFailedException("shards " + late + " were not done by " + deadline + " ("
                        + settings.shardWait() + " after they were handed out): is a server taking them?");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A shard failed or never finished: the run fails with this message. */
    static final class ShardFailedException extends Exception {
        ShardFailedException(String message) {
            super(message);
        }
    }
}
