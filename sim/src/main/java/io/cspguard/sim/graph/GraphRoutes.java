package io.cspguard.sim.graph;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.identity.TokenVerifier;
import io.cspguard.sim.throttle.Throttle;
import io.cspguard.sim.world.World;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;

/**
 * The simulated Microsoft Graph: {@code /v1.0/…} and {@code /beta/…} for the tenant named by the token's {@code tid}
 * (Graph has no tenant in the path). Every request of the snapshot table (formats.md §1), {@code $batch}, and the
 * writes the workflows need. See {@link GraphService} for the request path and the resource classes
 * ({@link DirectoryEndpoints}, {@link MembershipEndpoints}, {@link RoleEndpoints}, {@link PimEndpoints},
 * {@link PolicyEndpoints}, {@link ReportEndpoints}, {@link RiskEndpoints}, {@link GdapEndpoints}) for what each serves.
 */
public final class GraphRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphRoutes.class);
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PATCH,
        HandlerType.PUT, HandlerType.DELETE};

    private GraphRoutes() {
    }

    public static void register(Javalin app, World world, TokenVerifier tokens, Throttle throttle,
                                FaultInjector faults, SimClock clock) {
        GraphService service = new GraphService(new Tenants(world), tokens, throttle, faults, clock, router());
        for (String version : new String[] {"v1.0", "beta"}) {
            for (HandlerType method : METHODS) {
                app.addHttpHandler(method, "/" + version + "/*", ctx -> serve(ctx, version, service));
            }
        }
    }

    static Router router() {
        Router r = new Router();
        DirectoryEndpoints.register(r);
        MembershipEndpoints.register(r);
        RoleEndpoints.register(r);
        PimEndpoints.register(r);
        PolicyEndpoints.register(r);
        ReportEndpoints.register(r);
        RiskEndpoints.register(r);
        GdapEndpoints.register(r);
        return r;
    }

    private static void serve(Context ctx, String version, GraphService service) {
        String uri = ctx.req().getRequestURI();
        int at = uri.indexOf("/" + version);
        String path = GraphRequest.decodePath(uri.substring(at + 1 + version.length()));
        if (path.isEmpty()) {
            path = "/";
        }
        String raw = ctx.req().getQueryString();
        raw = raw == null ? "" : raw;
        RequestIds ids = RequestIds.of(ctx.req().getHeader("client-request-id"));
        String host = ctx.req().getHeader("Host");
        if (host == null || host.isBlank()) {
            host = ctx.req().getServerName() + ":" + ctx.req().getServerPort();
        }
        GraphRequest req = new GraphRequest(ctx.method().name(), version, path, raw, GraphRequest.parseQuery(raw),
                ctx.req()::getHeader, ctx.bodyAsBytes(), ctx.scheme() + "://" + host, ids);
        GraphResponse res;
        try {
            res = service.handle(req);
        } catch (RuntimeException e) {
            // A simulator bug must still answer like Graph (and be visible in the log), not with Javalin's 500.
            LOG.error("Graph request {} {} failed", req.method(), req.path(), e);
            res = GraphErrors.of(500, "UnknownError", "An internal server error occurred.", ids,
                    service.clock().instant());
        }
        if (res.drop) {
            ConnectionDrop.drop(ctx);
            return;
        }
        ctx.status(res.status);
        ctx.header("Date", HttpDates.httpDate(service.clock().instant()));
        ctx.header("request-id", ids.requestId());
        ctx.header("client-request-id", ids.clientRequestId());
        for (Map.Entry<String, String> h : res.headers.entrySet()) {
            ctx.header(h.getKey(), h.getValue());
        }
        if (res.body != null) {
            ctx.contentType(res.contentType);
            ctx.result(res.body);
        }
    }
}
