package io.cspguard.sim.generate;

import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times the generator (not a test: run by hand). Arguments: customers (1000), seed (1), output folder (a temporary
 * one, removed afterwards). Prints customers, users, sign-ins, MB written and seconds for generating and writing.
 *
 * <pre>java -Xmx4g -cp … io.cspguard.sim.generate.GenerateWorldBench 1000 1</pre>
 */
public final class GenerateWorldBench {
    private GenerateWorldBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("cspguard-world");
        GeneratorOptions options = GeneratorOptions.of(seed, customers);

        long t0 = System.nanoTime();
        World world = new WorldGenerator().generate(options);
        long t1 = System.nanoTime();
        long bytes = new WorldSnapshotWriter().write(world, out);
        long t2 = System.nanoTime();

        long users = 0;
        long signIns = 0;
        for (SimTenant t : world.tenants()) {
            users += t.collections().get("users.json").size();
            signIns += t.collections().getOrDefault("signIns.json", List.of()).size();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        System.out.printf(Locale.ROOT, "customers=%d users=%d signIns=%d planted=%d written=%.1f MB "
                        + "generate=%.1f s write=%.1f s total=%.1f s heapAfterGc=%d MB cores=%d%n",
                customers, users, signIns, world.planted().size(), bytes / 1e6, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t2 - t0) / 1e9, heap, rt.availableProcessors());
        if (args.length <= 2) {
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
