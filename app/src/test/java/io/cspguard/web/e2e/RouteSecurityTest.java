package io.cspguard.web.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditEntry;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.result.Assessment;
import io.cspguard.result.Finding;
import io.cspguard.web.Role;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every route the real server registers, taken from its router (not from a list written here): anonymous requests
 * are sent to sign in or refused, every role below a route's least role is refused (and audited), and every
 * state-changing request without the CSRF token, with a wrong one, another session's, or from another origin is
 * refused even for an admin. A route added later fails this test until it is classified below: through
 * SecuredRoutes with its least role, or as one of the few public sign-in/enrolment routes.
 */
class RouteSecurityTest {
    /** The least role of every route registered through SecuredRoutes (docs/dashboard.md, docs/security.md). */
    static final Map<String, Role> LEAST_ROLE = Map.ofEntries(
            entry("GET /", Role.VIEWER),
            entry("GET /tenants/{id}", Role.VIEWER),
            entry("GET /controls", Role.VIEWER),
            entry("GET /controls/{id}", Role.VIEWER),
            entry("GET /findings/{id}", Role.VIEWER),
            entry("GET /runs", Role.VIEWER),
            entry("POST /runs", Role.OPERATOR),
            entry("GET /runs/{id}", Role.VIEWER),
            entry("GET /runs/{id}/{file}", Role.OPERATOR),
            entry("GET /exceptions", Role.VIEWER),
            entry("POST /exceptions", Role.OPERATOR),
            entry("POST /exceptions/{id}/approve", Role.APPROVER),
            entry("POST /exceptions/{id}/reject", Role.APPROVER),
            entry("POST /exceptions/{id}/revoke", Role.APPROVER),
            entry("GET /admin/users", Role.ADMIN),
            entry("POST /admin/users", Role.ADMIN),
            entry("POST /admin/users/role", Role.ADMIN),
            entry("POST /admin/users/disable", Role.ADMIN),
            entry("GET /admin/settings", Role.ADMIN),
            entry("POST /admin/settings", Role.ADMIN));

    /** Routes used before a session exists, and why each must be reachable without one. */
    static final Map<String, String> PUBLIC = Map.ofEntries(
            entry("GET /signin", "the sign-in form"),
            entry("POST /signin", "the password step (double-submit form token)"),
            entry("GET /signin/second", "the second-factor form, after the password step in this browser"),
            entry("POST /signin/totp", "the TOTP step (double-submit form token)"),
            entry("POST /signin/passkey/options", "the WebAuthn challenge for a passkey sign-in"),
            entry("POST /signin/passkey", "the passkey assertion"),
            entry("GET /enrol/{token}", "the one-time enrolment link of a new account"),
            entry("POST /enrol/{token}", "its password step"),
            entry("POST /enrol/{token}/totp", "its first TOTP code"),
            entry("POST /enrol/{token}/passkey/options", "its WebAuthn registration challenge"),
            entry("POST /enrol/{token}/passkey", "its passkey registration"));

    /** Registered on the app directly, for any signed-in user; the before-handler still demands session and CSRF. */
    static final Set<String> ANY_SESSION = Set.of("POST /signout");

    private static final Set<HandlerType> STATE_CHANGING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private static Assessment example;

    @TempDir
    Path dir;
    private E2eServer server;
    private final Map<Role, WebClient> as = new EnumMap<>(Role.class);
    private long runId;
    private String findingId;
    private long exceptionId;

    @BeforeAll
    static void assess() throws Exception {
        example = Assessments.example();
    }

    @BeforeEach
    void start() {
        server = new E2eServer(dir);
        runId = server.store(example);
        Finding f = example.tenants().stream().map(Assessments::openFinding).flatMap(java.util.Optional::stream)
                .findFirst().orElseThrow();
        findingId = f.findingId();
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
        exceptionId = server.exceptions.request(example.tenants().getLast().tenantId(), "CSP.MFA.2", List.of(),
                "accepted for the route test", today.plusDays(30), "someone-else", "192.0.2.1");
        for (Role role : Role.values()) {
            String secret = server.totpUser(role.label() + "-user", role);
            as.put(role, new WebClient(server.base()).signIn(role.label() + "-user", E2eServer.PASSWORD,
                    server.code(secret)));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** "METHOD path" of every HTTP route of the running server. */
    private Map<String, Endpoint> routes() {
        Map<String, Endpoint> routes = new LinkedHashMap<>();
        for (ParsedEndpoint p : server.javalin().unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            Endpoint e = p.getEndpoint();
            if (e.getMethod().isHttpMethod()) {
                routes.put(e.getMethod().name() + " " + e.getPath(), e);
            }
        }
        return routes;
    }

    @Test
    void everyRegisteredRouteIsClassifiedAndGuarded() {
        Map<String, Endpoint> routes = routes();
        Set<String> unclassified = new TreeSet<>(routes.keySet());
        unclassified.removeAll(LEAST_ROLE.keySet());
        unclassified.removeAll(PUBLIC.keySet());
        unclassified.removeAll(ANY_SESSION);
        assertThat(unclassified).as("routes this test does not know: register them through SecuredRoutes and add "
                + "their least role to LEAST_ROLE (or, for a pre-session route, to PUBLIC with why)").isEmpty();
        Set<String> gone = new TreeSet<>(LEAST_ROLE.keySet());
        gone.removeAll(routes.keySet());
        assertThat(gone).as("routes this test expects but the server no longer registers").isEmpty();
        // the role check is in the handler GuardedRoutes wraps around the page: a route registered on the app
        // directly has a handler of another class
        List<String> unguarded = LEAST_ROLE.keySet().stream()
                .filter(k -> !routes.get(k).getHandler().getClass().getName().startsWith("io.cspguard.web.auth.GuardedRoutes"))
                .sorted().toList();
        assertThat(unguarded).as("routes not registered through SecuredRoutes").isEmpty();
        List<String> publicButGuarded = PUBLIC.keySet().stream().filter(routes::containsKey)
                .filter(k -> routes.get(k).getHandler().getClass().getName().startsWith("io.cspguard.web.auth.GuardedRoutes"))
                .toList();
        assertThat(publicButGuarded).as("routes listed as public that need a role").isEmpty();
    }

    @Test
    void anonymousRequestsAreSentToSignInOrRefused() {
        WebClient anonymous = new WebClient(server.base());
        List<String> problems = new ArrayList<>();
        for (String route : routes().keySet()) {
            if (PUBLIC.containsKey(route)) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            HttpResponse<String> r = anonymous.send(method, path, "application/x-www-form-urlencoded", "");
            if (method.equals("GET")) {
                String location = r.headers().firstValue("Location").orElse("");
                if (r.statusCode() != 302 || !location.startsWith("/signin?next=")) {
                    problems.add(route + ": " + r.statusCode() + " " + location);
                }
            } else if (r.statusCode() != 401) {
                problems.add(route + ": " + r.statusCode());
            }
        }
        assertThat(problems).as("anonymous requests that were not sent to sign in (GET) or refused with 401").isEmpty();
        assertThat(server.launches).hasValue(0);
        // the public ones serve forms, never the dashboard's data
        assertThat(anonymous.get("/signin").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/signin/second").headers().firstValue("Location")).hasValue("/signin");
        assertThat(anonymous.get("/enrol/not-a-link").statusCode()).isEqualTo(404);
    }

    @Test
    void everyRoleBelowARoutesLeastRoleIsRefusedAndAudited() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Role> route : new java.util.TreeMap<>(LEAST_ROLE).entrySet()) {
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String path = concrete(route.getKey().substring(route.getKey().indexOf(' ') + 1));
            for (Role role : Role.values()) {
                if (role.includes(route.getValue())) {
                    continue;
                }
                HttpResponse<String> r = request(as.get(role), method, path);
                if (r.statusCode() != 403) {
                    problems.add(role.label() + " " + method + " " + path + ": " + r.statusCode());
                } else if (denials(role.label() + "-user", method + " " + path).isEmpty()) {
                    problems.add(role.label() + " " + method + " " + path + ": refused but not audited");
                }
            }
        }
        assertThat(problems).as("under-privileged requests not refused with 403").isEmpty();
        assertThat(server.launches).as("no run started by a viewer").hasValue(0);
        assertThat(server.exceptions.get(exceptionId).orElseThrow().status()).isEqualTo("requested");
    }

    @Test
    void theLeastRoleItselfIsLetThrough() {
        // not 401/403 for exactly the role the route names: the table above is the real least role, not a higher one
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Role> route : new java.util.TreeMap<>(LEAST_ROLE).entrySet()) {
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String path = concrete(route.getKey().substring(route.getKey().indexOf(' ') + 1));
            HttpResponse<String> r = request(as.get(route.getValue()), method, path);
            if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() >= 500) {
                problems.add(route.getValue().label() + " " + method + " " + path + ": " + r.statusCode());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(server.launches).as("POST /runs by an operator reached the launcher").hasValue(1);
    }

    @Test
    void everyStateChangingRouteNeedsThisSessionsCsrfTokenFromThisOrigin() {
        WebClient admin = as.get(Role.ADMIN);
        String othersToken = as.get(Role.VIEWER).csrf();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Endpoint> route : routes().entrySet()) {
            if (!STATE_CHANGING.contains(route.getValue().getMethod())) {
                continue;
            }
            checked++;
            String method = route.getValue().getMethod().name();
            String path = concrete(route.getValue().getPath());
            String form = "application/x-www-form-urlencoded";
            Map<String, HttpResponse<String>> attempts = new LinkedHashMap<>();
            attempts.put("no token", admin.send(method, path, form, "name=x&role=viewer"));
            attempts.put("a wrong token", admin.send(method, path, form, "_csrf=forged&name=x&role=viewer"));
            attempts.put("a wrong header", admin.send(method, path, "application/json", "{}", "X-CSRF-Token", "forged"));
            attempts.put("another session's token", admin.send(method, path, form, "_csrf=" + othersToken));
            attempts.put("the right token from another origin", admin.send(method, path, form,
                    "_csrf=" + admin.csrf() + "&name=x&role=viewer", "Origin", "http://evil.example"));
            attempts.forEach((how, r) -> {
                if (r.statusCode() != 403) {
                    problems.add(method + " " + path + " with " + how + ": " + r.statusCode());
                }
            });
        }
        long classified = java.util.stream.Stream.of(LEAST_ROLE.keySet(), PUBLIC.keySet(), ANY_SESSION)
                .flatMap(Set::stream).filter(k -> !k.startsWith("GET ")).count();
        assertThat(checked).as("state-changing routes checked").isEqualTo((int) classified).isGreaterThan(15);
        assertThat(problems).as("state-changing requests not refused with 403").isEmpty();
        // nothing happened: no run, no decision, no user, still signed in
        assertThat(server.launches).hasValue(0);
        assertThat(server.exceptions.get(exceptionId).orElseThrow().status()).isEqualTo("requested");
        assertThat(server.users().find("x")).isEmpty();
        assertThat(admin.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(server.auditEntries().stream().filter(e -> e.action().equals("access.denied"))
                .map(AuditEntry::detail).collect(Collectors.toSet()))
                .anyMatch(d -> d.contains("CSRF")).anyMatch(d -> d.contains("another origin"));
    }

    @Test
    void aBrowsersOwnFormPostsCarryAnOriginTheServerAccepts() {
        WebClient operator = as.get(Role.OPERATOR);
        String form = "application/x-www-form-urlencoded";
        // The Fetch standard: under "Referrer-Policy: no-referrer" a browser sends "Origin: null" on every POST, its
        // own same-origin forms included, and the Origin check refuses "null": nobody could sign in from Chromium.
        assertThat(operator.get("/runs").headers().firstValue("Referrer-Policy")).isPresent().get()
                .as("a policy under which same-origin POSTs carry the page's origin").isNotEqualTo("no-referrer");
        assertThat(operator.send("POST", "/runs", form, "_csrf=" + operator.csrf(), "Origin", server.base())
                .statusCode()).isEqualTo(303);
        assertThat(operator.send("POST", "/runs", form, "_csrf=" + operator.csrf(), "Origin", "null").statusCode())
                .as("an opaque origin (sandboxed frame, data: URL)").isEqualTo(403);
        assertThat(server.launches).hasValue(1);
    }

    private HttpResponse<String> request(WebClient client, String method, String path) {
        return method.equals("GET") ? client.get(path) : client.postWithCsrf(path, Map.of());
    }

    private List<AuditEntry> denials(String actor, String target) {
        return server.auditEntries().stream().filter(e -> e.action().equals("access.denied") && actor.equals(e.actor())
                && target.equals(e.target()) && "denied".equals(e.result())).toList();
    }

    /** A real request path for a route's template; a new path parameter needs a sample here. */
    private String concrete(String template) {
        String tenant = example.tenants().getLast().tenantId();
        return switch (template) {
            case "/tenants/{id}" -> "/tenants/" + tenant;
            case "/controls/{id}" -> "/controls/" + ControlRegistry.ids().iterator().next();
            case "/findings/{id}" -> "/findings/" + findingId;
            case "/runs/{id}" -> "/runs/" + runId;
            case "/runs/{id}/{file}" -> "/runs/" + runId + "/report.csv";
            case "/exceptions/{id}/approve", "/exceptions/{id}/reject", "/exceptions/{id}/revoke" ->
                    template.replace("{id}", Long.toString(exceptionId));
            default -> {
                if (template.startsWith("/enrol/{token}")) {
                    yield template.replace("{token}", "not-a-link");
                }
                assertThat(template).as("a sample value for the path parameters of " + template).doesNotContain("{");
                yield template;
            }
        };
    }
}
