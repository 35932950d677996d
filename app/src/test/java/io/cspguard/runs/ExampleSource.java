package io.cspguard.runs;

import io.cspguard.config.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A snapshot source that "collects" the bundled example (a copy of examples/contoso-partner) and counts calls. */
public final class ExampleSource implements SnapshotSource {
    public static final Path EXAMPLE = Path.of("..", "examples", "contoso-partner");
    public static final Path EXAMPLE_CONFIG = Path.of("..", "examples", "cspguard.yaml");

    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger running = new AtomicInteger();
    public final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public String collect(Path into, Config config) throws IOException, InterruptedException {
        calls.incrementAndGet();
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            copyTree(EXAMPLE, into);
            Thread.sleep(200);  // long enough for an overlapping run to show
            return "copied the example";
        } finally {
            running.decrementAndGet();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
