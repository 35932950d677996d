package io.cspguard.graph.http;

import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.World;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated world served by the simulator over HTTPS (time scale 100: throttling of realistic shape, fast), a
 * client-credentials token source trusting its CA, and a {@link GraphHttp} with backoff in milliseconds and the
 * client-side throttle scaled like the simulator.
 */
public final class SimHarness implements AutoCloseable {
    public static final double TIME_SCALE = Double.parseDouble(System.getProperty("cspguard.test.timeScale", "100"));
    private static final Map<GeneratorOptions, World> WORLDS = new ConcurrentHashMap<>();

    public final World world;
    public final SimServer server;
    public final SimTokenSource tokens;
    public final GraphHttp http;

    public SimHarness(GeneratorOptions options, Scenario scenario) {
        this(options, scenario, ClientThrottle.Limits.scaled(TIME_SCALE));
    }

    public SimHarness(GeneratorOptions options, Scenario scenario, ClientThrottle.Limits limits) {
        this.world = world(options);
        this.server = SimServer.start(world, new SimServer.Options(0, scenario, TIME_SCALE, true));
        this.tokens = new SimTokenSource(server.baseUrl(), world.app().clientId(), world.app().clientSecret(),
                server.certificates().clientSslContext());
        this.http = new GraphHttp(tokens, GraphHttp.Options.defaults(server.certificates().clientSslContext())
                .withLimits(limits)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    /**
     * A world is generated once per options and shared: the simulator changes it only through writes, which these
     * tests never make.
     */
    public static World world(GeneratorOptions options) {
        return WORLDS.computeIfAbsent(options, o -> new WorldGenerator(4).generate(o));
    }

    public String graph() {
        return server.baseUrl();
    }

    public String v1() {
        return server.baseUrl() + "/v1.0";
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
