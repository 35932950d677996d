package io.cspguard.sim.partnercenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.graph.Attempts;
import io.cspguard.sim.identity.AccessToken;
import io.cspguard.sim.identity.TokenVerifier;
import io.cspguard.sim.throttle.Admission;
import io.cspguard.sim.throttle.RequestCosts;
import io.cspguard.sim.throttle.Throttle;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Partner Center request path: authenticate (audience https://api.partnercenter.microsoft.com, the partner's own
 * tenant only) → fault → throttle → the caller's Partner Center role → route. App-only callers pass the role check
 * (these operations accept App credentials). A partner user needs to be in an agent group of the partner tenant —
 * AdminAgents for a change, AdminAgents, SalesAgents or HelpdeskAgents to read — or to hold Global Administrator
 * there, the roles Partner Center's pages list for these operations.
 */
final class PcService {
    static final String AUDIENCE = "https://api.partnercenter.microsoft.com";
    private static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    private static final Set<String> READ_GROUPS = Set.of("adminagents", "salesagents", "helpdeskagents");
    private static final Set<String> WRITE_GROUPS = Set.of("adminagents");

    private final World world;
    private final SimTenant partner;
    private final TokenVerifier tokens;
    private final Throttle throttle;
    private final FaultInjector faults;
    private final SimClock clock;
    private final Attempts attempts = new Attempts();

    PcService(World world, TokenVerifier tokens, Throttle throttle, FaultInjector faults, SimClock clock) {
        this.world = world;
        this.partner = world.tenant(world.partnerTenantId()).orElse(world.partner());
        this.tokens = tokens;
        this.throttle = throttle;
        this.faults = faults;
        this.clock = clock;
    }

    SimClock clock() {
        return clock;
    }

    PcResponse handle(PcRequest req) {
        String auth = req.header("Authorization");
        if (auth == null || auth.length() <= 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return PcErrors.unauthorized(PcErrors.defaultDescription(401));
        }
        Optional<AccessToken> verified = tokens.verify(auth.substring(7).trim(), AUDIENCE);
        if (verified.isEmpty()) {
            return PcErrors.unauthorized(PcErrors.defaultDescription(401));
        }
        AccessToken token = verified.get();
        if (!partner.tenantId().equalsIgnoreCase(token.tenantId())) {
            return PcErrors.forbidden("The caller's tenant " + token.tenantId() + " is not this Partner Center "
                    + "account's tenant.");
        }
        PcRequest r = req.withToken(token);
        String faultPath = "/v1" + r.path();
        Fault fault = faults.decide(partner.tenantId(), r.method(), faultPath,
                attempts.next(partner.tenantId(), r.method(), faultPath, r.rawQuery() + "#"
                        + r.header(PcPaging.HEADER)));
        boolean truncate = false;
        switch (fault.kind()) {
            case STATUS -> {
                int status = fault.status() == 0 ? 500 : fault.status();
                return PcErrors.of(status, status, PcErrors.defaultDescription(status))
                        .header("Retry-After", retryAfter(fault.retryAfter()));
            }
            case DROP -> {
                return PcResponse.dropConnection();
            }
            case TOKEN_EXPIRED -> {
                return PcErrors.unauthorized("Unauthorized: the access token has expired.");
            }
            case DELAY -> sleep(fault.delay());
            case TRUNCATE -> truncate = true;
            case NONE -> {
            }
        }
        Admission a = throttle.admit(partner.tenantId(), token.appId(), RequestCosts.category(faultPath), 1);
        if (!a.admitted()) {
            return PcErrors.of(429, 429, PcErrors.defaultDescription(429))
                    .header("Retry-After", retryAfter(a.retryAfter()));
        }
        boolean write = !r.method().equals("GET");
        if (!allowed(token, write)) {
            return PcErrors.forbidden(PcErrors.defaultDescription(403));
        }
        return route(new PcContext(r, world, partner, clock.instant(), truncate));
    }

    private PcResponse route(PcContext c) {
        String[] s = c.req().path().replaceAll("^/+|/+$", "").split("/");
        String m = c.req().method();
        String head = s[0].toLowerCase(Locale.ROOT);
        if (head.equals("customers")) {
            if (s.length == 1 && m.equals("GET")) {
                return PcCustomers.list(c);
            }
            if (s.length == 2 && m.equals("GET")) {
                return PcCustomers.one(c, s[1]);
            }
            if (s.length == 3 && s[2].equalsIgnoreCase("subscriptions") && m.equals("GET")) {
                return PcCustomers.subscriptions(c, s[1]);
            }
            if (s.length == 4 && s[2].equalsIgnoreCase("subscriptions")) {
                if (m.equals("GET")) {
                    return PcCustomers.subscription(c, s[1], s[3]);
                }
                if (m.equals("PATCH")) {
                    return PcCustomers.update(c, s[1], s[3]);
                }
            }
            if (s.length <= 4) {
                return PcErrors.of(405, 405, "The method " + m + " is not allowed on this resource.");
            }
        }
        if (head.equals("auditrecords") && s.length == 1) {
            return m.equals("GET") ? PcAuditRecords.list(c)
                    : PcErrors.of(405, 405, "The method " + m + " is not allowed on this resource.");
        }
        return PcErrors.notFound("The resource " + c.req().path() + " was not found.");
    }

    /** A page of {@code items}: {@code size} (default and cap {@code max}), continued by MS-ContinuationToken. */
    static PcResponse page(PcContext c, List<ObjectNode> items, String uri, int max, String sizeParam) {
        int size = max;
        if (sizeParam != null && !sizeParam.isBlank()) {
            try {
                size = Integer.parseInt(sizeParam.trim());
            } catch (NumberFormatException e) {
                return PcErrors.badRequest("size must be a number.");
            }
            if (size < 1) {
                return PcErrors.badRequest("size must be positive.");
            }
            size = Math.min(size, max);
        }
        Map<String, String> shapeParams = new TreeMap<>(c.req().query());
        shapeParams.remove("seekoperation");
        int shape = (uri + shapeParams).hashCode();
        int offset = 0;
        if ("next".equalsIgnoreCase(c.req().param("seekoperation"))) {
            String text = c.req().header(PcPaging.HEADER);
            PcPaging.Token t = text == null ? null : PcPaging.Token.decode(text.trim());
            if (t == null || t.shape() != shape) {
                return PcErrors.badRequest("The MS-ContinuationToken header is missing or not valid for this "
                        + "request.");
            }
            if (t.broken()) {
                return PcErrors.badRequest("The continuation token has expired.");
            }
            offset = t.offset();
        }
        int start = Math.min(offset, items.size());
        int end = Math.min(items.size(), start + size);
        int served = end - start;
        PcPaging.Token next = end < items.size() ? new PcPaging.Token(end, shape, false) : null;
        if (c.truncate()) {
            served /= 2;
            next = new PcPaging.Token(start + served, shape, true);
        }
        String self = uri + (c.req().rawQuery().isEmpty() ? "" : "?" + withoutSeek(c.req().rawQuery()));
        String nextUri = next == null ? null : uri + "?" + withSize(withoutSeek(c.req().rawQuery()), size)
                + "&seekOperation=Next";
        return PcResponse.json(200, PcJson.bytes(PcPaging.collection(items.subList(start, start + served), self,
                nextUri, next == null ? null : next.encode())));
    }

    private static String withoutSeek(String raw) {
        StringBuilder sb = new StringBuilder();
        for (String p : raw.split("&")) {
            if (!p.isEmpty() && !p.toLowerCase(Locale.ROOT).startsWith("seekoperation=")) {
                sb.append(sb.isEmpty() ? "" : "&").append(p);
            }
        }
        return sb.toString();
    }

    private static String withSize(String raw, int size) {
        if (raw.toLowerCase(Locale.ROOT).matches("(^|.*&)size=.*")) {
            return raw;
        }
        return raw.isEmpty() ? "size=" + size : raw + "&size=" + size;
    }

    private boolean allowed(AccessToken token, boolean write) {
        if (token.appOnly() || token.wids().contains(GLOBAL_ADMIN)) {
            return true;
        }
        Set<String> groups = write ? WRITE_GROUPS : READ_GROUPS;
        java.util.concurrent.locks.Lock l = partner.lock().readLock();
        l.lock();
        try {
            for (ObjectNode g : partner.collections().getOrDefault("groups.json", List.of())) {
                if (!groups.contains(PcJson.text(g, "displayName").toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String file = "groupMembers/" + PcJson.text(g, "id") + ".json";
                for (ObjectNode m : partner.collections().getOrDefault(file, List.of())) {
                    if (token.userId().equalsIgnoreCase(PcJson.text(m, "id"))) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            l.unlock();
        }
    }

    /** The partner user's UPN for audit records (null for an app). */
    static String userPrincipalName(PcContext c) {
        AccessToken t = c.req().token();
        if (t.appOnly()) {
            return null;
        }
        return c.read(() -> {
            for (ObjectNode u : c.list("users.json")) {
                if (t.userId().equalsIgnoreCase(PcJson.text(u, "id"))) {
                    return PcJson.text(u, "userPrincipalName");
                }
            }
            return null;
        });
    }

    static String retryAfter(Duration d) {
        return d == null ? null : Long.toString((Math.max(0, d.toMillis()) + 999) / 1000);
    }

    private static void sleep(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
