package io.cspguard.sim.graph;

import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.identity.AccessToken;
import io.cspguard.sim.identity.TokenVerifier;
import io.cspguard.sim.throttle.Admission;
import io.cspguard.sim.throttle.Category;
import io.cspguard.sim.throttle.RequestCosts;
import io.cspguard.sim.throttle.Throttle;
import io.cspguard.snapshot.ReadError;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The request path of the simulated Graph, the same for a request over HTTP and for each request inside a
 * {@code $batch}: authenticate (top level) → fault → route → throttle → authorise → the world's read error for the
 * file → licence → the resource handler. Throttling is counted before authorisation, as a refused request still
 * costs Graph the work of refusing it.
 */
final class GraphService {
    static final String AUDIENCE = "https://graph.microsoft.com";

    private final Tenants tenants;
    private final TokenVerifier tokens;
    private final Throttle throttle;
    private final FaultInjector faults;
    private final SimClock clock;
    private final Router router;
    private final Attempts attempts = new Attempts();
    private final Batch batch;

    GraphService(Tenants tenants, TokenVerifier tokens, Throttle throttle, FaultInjector faults, SimClock clock,
                 Router router) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.throttle = throttle;
        this.faults = faults;
        this.clock = clock;
        this.router = router;
        this.batch = new Batch(this::dispatch, faults, attempts, clock);
    }

    SimClock clock() {
        return clock;
    }

    /** A request that came over HTTP. */
    GraphResponse handle(GraphRequest req) {
        String auth = req.header("Authorization");
        if (auth == null || auth.length() <= 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return GraphErrors.unauthenticated("Access token is empty.", req.ids(), clock.instant());
        }
        Optional<AccessToken> verified = tokens.verify(auth.substring(7).trim(), AUDIENCE);
        TenantState tenant = verified.map(t -> tenants.get(t.tenantId())).orElse(null);
        if (tenant == null) {
            return GraphErrors.unauthenticated("Access token validation failure. Invalid audience, signature, "
                    + "issuer or lifetime.", req.ids(), clock.instant());
        }
        if (req.path().equalsIgnoreCase("/$batch")) {
            if (!req.method().equals("POST")) {
                return GraphErrors.of(405, "Request_BadRequest", "The HTTP method '" + req.method()
                        + "' is not allowed for $batch.", req, clock.instant());
            }
            return batch.run(req, verified.get(), tenant);
        }
        return dispatch(req, verified.get(), tenant);
    }

    /** One request of an authenticated caller in its tenant. */
    GraphResponse dispatch(GraphRequest req, AccessToken token, TenantState tenant) {
        int attempt = attempts.next(tenant.id(), req.method(), req.path(), req.rawQuery());
        Fault fault = faults.decide(tenant.id(), req.method(), req.path(), attempt);
        boolean truncate = false;
        switch (fault.kind()) {
            case STATUS -> {
                return faultStatus(fault, req.ids(), clock.instant());
            }
            case DROP -> {
                return GraphResponse.dropConnection();
            }
            case TOKEN_EXPIRED -> {
                return GraphErrors.unauthenticated("Lifetime validation failed, the token is expired.", req.ids(),
                        clock.instant());
            }
            case DELAY -> sleep(fault.delay());
            case TRUNCATE -> truncate = true;
            case NONE -> {
            }
        }
        Instant now = clock.instant();
        Object routed = router.match(req.method(), req.path());
        if (routed instanceof Router.Miss miss) {
            return miss.methodMismatch()
                    ? GraphErrors.of(405, "Request_BadRequest", "The HTTP method '" + req.method()
                    + "' is not supported for this resource.", req, now)
                    : GraphErrors.badRequest("Resource not found for the segment '" + miss.segment() + "'.", req, now);
        }
        Router.Match match = (Router.Match) routed;
        Endpoint endpoint = match.endpoint();
        ODataQuery query;
        try {
            query = ODataQuery.parse(req);
        } catch (ODataQuery.Invalid e) {
            return GraphErrors.badRequest(e.getMessage(), req, now);
        }

        Category category = RequestCosts.category(req.path());
        int units = RequestCosts.resourceUnits(req.method(), req.path(), query.select() != null,
                query.expand() != null, query.top());
        Admission admission = throttle.admit(tenant.id(), token.appId(), category, units);
        if (!admission.admitted()) {
            return throttled(admission, req.ids(), now);
        }
        if (!endpoint.permission().allows(token)) {
            return GraphErrors.denied(req, now);
        }
        Call call = new Call(req, tenant, token, match.params(), query, now, truncate, clock, tenants);
        if (endpoint.file() != null) {
            String file = endpoint.file().file(call);
            ReadError error = file == null ? null : tenant.read(() -> tenant.tenant.readErrors().get(file));
            if (error != null) {
                int status = error.status() == null ? 403 : error.status();
                return GraphErrors.of(status, error.code() == null ? GraphErrors.defaultCode(status) : error.code(),
                        error.message() == null ? GraphErrors.defaultMessage(status) : error.message(), req, now);
            }
        }
        Licence licence = endpoint.licence();
        if (!licence.satisfiedBy(tenant.tenant.licence())) {
            return GraphErrors.of(licence.status, licence.code, licence.message, req, now);
        }
        GraphResponse response = endpoint.handler().handle(call);
        if (truncate && response.status == 200 && !response.paged && response.body != null) {
            response = cut(response);
        }
        if (response.success()) {
            response.header("x-ms-resource-unit", Integer.toString(units));
        }
        return response;
    }

    /** A single object cut in the middle: a client that parses it fails, so it cannot take it for whole. */
    private static GraphResponse cut(GraphResponse r) {
        GraphResponse c = GraphResponse.json(200, Arrays.copyOf(r.body, r.body.length / 2));
        c.headers.putAll(r.headers);
        c.cut = true;
        return c;
    }

    static GraphResponse throttled(Admission a, RequestIds ids, Instant now) {
        return GraphErrors.of(429, "TooManyRequests", "Too many requests.", ids, now)
                .header("Retry-After", retryAfter(a.retryAfter()))
                .header("x-ms-throttle-scope", a.scope())
                .header("x-ms-throttle-information", a.information());
    }

    static GraphResponse faultStatus(Fault f, RequestIds ids, Instant now) {
        int status = f.status() == 0 ? 500 : f.status();
        String code = f.code() == null ? GraphErrors.defaultCode(status) : f.code();
        return GraphErrors.of(status, code, GraphErrors.defaultMessage(status), ids, now)
                .header("Retry-After", retryAfter(f.retryAfter()));
    }

    /** Whole seconds, rounded up (a scaled wait of 0.3 s is still a wait): Graph sends seconds. */
    static String retryAfter(Duration d) {
        if (d == null) {
            return null;
        }
        long ms = Math.max(0, d.toMillis());
        return Long.toString((ms + 999) / 1000);
    }

    static void sleep(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
