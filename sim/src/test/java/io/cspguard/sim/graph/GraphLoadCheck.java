package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.identity.AccessToken;
import io.cspguard.sim.identity.TokenVerifier;
import io.cspguard.sim.throttle.Throttle;
import io.cspguard.sim.world.PartnerApp;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.TenantRole;
import io.javalin.Javalin;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Load check of the simulated Graph's hot path — not a test, and not run in CI (surefire runs *Test classes only):
 * with throttling and faults off, how many pages of {@code GET /v1.0/users?$select=id,displayName&$top=100} per second
 * it serves over keep-alive on loopback. Starts the server, runs {@code wrk} (Debian package {@code wrk}) against it
 * if it is installed, prints wrk's report and stops; without wrk it prints the command and serves until killed.
 *
 * <p>Run: {@code java -cp <test classpath> io.cspguard.sim.graph.GraphLoadCheck [seconds] [connections] [users]}.
 */
public final class GraphLoadCheck {
    private GraphLoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        String tid = "55555555-5555-5555-5555-555555555555";
        SimTenant t = new SimTenant(tid, "Load", TenantRole.PARTNER, Licences.Tier.P2);
        for (int i = 0; i < users; i++) {
            ObjectNode u = SimFixture.user(String.format("10ad0000-0000-0000-0000-%012d", i), "user" + i
                    + "@load.example", true, "2026-11-20T08:00:00Z");
            u.putArray("assignedLicenses").addObject().put("skuId", "06ebc4ee-1bb5-47dd-8120-11324bc54e06")
                    .putArray("disabledPlans");
            t.collection("users.json").add(u);
        }
        World world = new World(1, SimFixture.WORLD_TIME, tid, new PartnerApp("app", "app", "s", null, null),
                List.of(t), List.of(), List.of(), "");
        AccessToken token = new AccessToken(tid, "app", null, null, Set.of("User.Read.All"), Set.of(), Set.of(),
                GraphService.AUDIENCE, SimFixture.WORLD_TIME.plusSeconds(86_400));
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        TokenVerifier verifier = (bearer, audience) -> bearer.equals("load") && audience.equals(token.audience())
                ? Optional.of(token) : Optional.empty();
        GraphRoutes.register(app, world, verifier, Throttle.NONE, FaultInjector.NONE,
                new SimClock(SimFixture.WORLD_TIME, 1));
        app.start("127.0.0.1", 0);
        String url = "http://127.0.0.1:" + app.port() + "/v1.0/users?$select=id,displayName&$top=100";
        String[] wrk = {"wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-H",
            "Authorization: Bearer load", url};
        System.out.println("target: " + url);
        // Pre-flight: the measured request must be a real page, not a cheap error.
        var check = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).header("Authorization", "Bearer load").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        int items = SimFixture.JSON.readTree(check.body()).path("value").size();
        System.out.println("pre-flight: HTTP " + check.statusCode() + ", " + items + " users, "
                + check.body().length() + " bytes");
        if (check.statusCode() != 200 || items != 100) {
            throw new IllegalStateException("the load target does not serve a page of 100 users");
        }
        try {
            // Warm the JIT first, then measure.
            String[] warm = {"wrk", "-t2", "-c" + connections, "-d5s", "-H", "Authorization: Bearer load", url};
            run(warm, false);
            run(wrk, true);
        } catch (java.io.IOException e) {
            System.out.println("wrk not found (apt-get install -y wrk); run: " + String.join(" ", wrk)
                    .replace("Authorization: Bearer load", "'Authorization: Bearer load'"));
            Thread.currentThread().join();
        } finally {
            app.stop();
        }
    }

    private static void run(String[] command, boolean print) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        if (print) {
            System.out.println(out);
        }
    }
}
