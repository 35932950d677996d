package io.cspguard.sim;

import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.faults.ScenarioFaults;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.graph.GraphRoutes;
import io.cspguard.sim.graph.HttpDates;
import io.cspguard.sim.identity.IdentityPlatform;
import io.cspguard.sim.identity.IdentityRoutes;
import io.cspguard.sim.identity.SimCertificates;
import io.cspguard.sim.partnercenter.PartnerCenterRoutes;
import io.cspguard.sim.throttle.GraphThrottle;
import io.cspguard.sim.throttle.ThrottleBound;
import io.cspguard.sim.world.World;
import io.javalin.Javalin;

/**
 * The simulator, composed: one HTTPS listener on loopback serving the Entra-shaped identity platform, Microsoft
 * Graph ({@code /v1.0}, {@code /beta}) and Partner Center ({@code /v1}) over one world, with throttling modelled on
 * Microsoft's limits and the faults of a scenario. Clients trust its CA explicitly (written as PEM); nothing turns
 * TLS verification off.
 */
public final class SimServer implements AutoCloseable {
    /**
     * @param port       0 for a free port
     * @param throttling false turns the budgets off (benchmarks of the simulator itself)
     */
    public record Options(int port, Scenario faults, double timeScale, boolean throttling, java.time.Duration latency) {
        public Options(int port, Scenario faults, double timeScale, boolean throttling) {
            this(port, faults, timeScale, throttling, java.time.Duration.ZERO);
        }

        public static Options defaults() {
            return new Options(0, Scenario.NONE, 1.0, true);
        }

        /** The same options with a service latency added to every Graph and Partner Center response. */
        public Options withLatency(java.time.Duration value) {
            return new Options(port, faults, timeScale, throttling, value);
        }
    }

    private final World world;
    private final SimCertificates certificates;
    private final SimClock clock;
    private final IdentityPlatform identity;
    private final GraphThrottle throttle;
    private final ScenarioFaults faults;
    private final Javalin app;

    private SimServer(World world, Options options) {
        this.world = world;
        this.certificates = SimCertificates.create();
        this.clock = new SimClock(world.worldTime(), options.timeScale());
        this.identity = new IdentityPlatform(world, clock);
        this.throttle = new GraphThrottle(world, clock, options.throttling());
        this.faults = new ScenarioFaults(options.faults(), world.seed(), world, clock);
        // A token that "expires mid-run" must stay invalid until the client gets a new one, not just fail once.
        FaultInjector injector = (tenantId, method, path, attempt) -> {
            Fault f = faults.decide(tenantId, method, path, attempt);
            if (f.kind() == Fault.Kind.TOKEN_EXPIRED) {
                identity.expireAllAccessTokens();
            }
            return f;
        };
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = true; // slow-response faults sleep on the request thread
            cfg.jetty.addConnector((server, http) -> {
                http.setSendDateHeader(false); // the Date header follows the simulator's clock, not the machine's
                http.setSendServerVersion(false);
                return certificates.httpsConnector(server, http, "127.0.0.1", options.port());
            });
        });
        app.before(ctx -> ctx.header("Date", HttpDates.httpDate(clock.instant())));
        if (!options.latency().isZero()) {
            // Microsoft's services answer in tens of milliseconds: benchmarks of a collector must pay that too
            long millis = options.latency().toMillis();
            app.before(ctx -> {
                if (ctx.path().startsWith("/v1.0/") || ctx.path().startsWith("/beta/") || ctx.path().startsWith("/v1/")) {
                    Thread.sleep(millis);
                }
            });
        }
        new IdentityRoutes(identity).register(app);
        GraphRoutes.register(app, world, identity.tokenService(), throttle, injector, clock);
        PartnerCenterRoutes.register(app, world, identity.tokenService(), throttle, injector, clock);
    }

    /** Starts serving the world; {@link #close()} stops. */
    public static SimServer start(World world, Options options) {
        SimServer server = new SimServer(world, options);
        server.app.start();
        return server;
    }

    public int port() {
        return app.port();
    }

    /** https://127.0.0.1:PORT — the authority, Graph and Partner Center base of the connection profile. */
    public String baseUrl() {
        return "https://127.0.0.1:" + port();
    }

    public SimCertificates certificates() {
        return certificates;
    }

    public SimClock clock() {
        return clock;
    }

    public World world() {
        return world;
    }

    public ScenarioFaults faults() {
        return faults;
    }

    /** The least time any client could take to collect this world under these budgets (at time scale 1). */
    public ThrottleBound throttleBound() {
        return ThrottleBound.of(world);
    }

    @Override
    public void close() {
        app.stop();
    }
}
