package io.cspguard.sim.partnercenter;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.graph.ConnectionDrop;
import io.cspguard.sim.graph.HttpDates;
import io.cspguard.sim.identity.TokenVerifier;
import io.cspguard.sim.throttle.Throttle;
import io.cspguard.sim.world.World;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The simulated Partner Center REST API ({@code /v1/…}, audience https://api.partnercenter.microsoft.com, the partner
 * tenant only): customers (paged), a customer's subscriptions, suspending and reactivating a subscription, and audit
 * records, in Partner Center's own JSON shapes and error body. See {@link PcService}.
 */
public final class PartnerCenterRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartnerCenterRoutes.class);
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PATCH,
        HandlerType.PUT, HandlerType.DELETE};

    private PartnerCenterRoutes() {
    }

    public static void register(Javalin app, World world, TokenVerifier tokens, Throttle throttle,
                                FaultInjector faults, SimClock clock) {
        PcService service = new PcService(world, tokens, throttle, faults, clock);
        for (HandlerType m : METHODS) {
            app.addHttpHandler(m, "/v1/*", ctx -> serve(ctx, service));
        }
    }

    private static void serve(Context ctx, PcService service) {
        String uri = ctx.req().getRequestURI();
        String path = URLDecoder.decode(uri.substring(uri.indexOf("/v1") + 3).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        String raw = ctx.req().getQueryString() == null ? "" : ctx.req().getQueryString();
        PcRequest req = new PcRequest(ctx.method().name(), path.isEmpty() ? "/" : path, raw, query(raw),
                ctx.req()::getHeader, ctx.bodyAsBytes(), null);
        PcResponse res;
        try {
            res = service.handle(req);
        } catch (RuntimeException e) {
            LOG.error("Partner Center request {} {} failed", req.method(), req.path(), e);
            res = PcErrors.of(500, 500, PcErrors.defaultDescription(500));
        }
        if (res.drop) {
            ConnectionDrop.drop(ctx);
            return;
        }
        ctx.status(res.status);
        ctx.header("Date", HttpDates.httpDate(service.clock().instant()));
        ctx.header("MS-RequestId", orNew(ctx.header("MS-RequestId")));
        ctx.header("MS-CorrelationId", orNew(ctx.header("MS-CorrelationId")));
        res.headers.forEach(ctx::header);
        if (res.body != null) {
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(res.body);
        }
    }

    private static String orNew(String id) {
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
        }
        return out;
    }
}
