package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.SimClock;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.identity.AccessToken;
import io.cspguard.sim.identity.TokenVerifier;
import io.cspguard.sim.partnercenter.PartnerCenterRoutes;
import io.cspguard.sim.throttle.Throttle;
import io.cspguard.sim.world.PartnerApp;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.ReadError;
import io.cspguard.snapshot.TenantRole;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small hand-built world served over plain HTTP on a free port, with a fake token verifier (bearer string → grants),
 * for the protocol tests of the simulated Graph and Partner Center.
 *
 * <p>Partner {@code P} (P2): users alice (AdminAgents), bob (in Tier2, nested in AdminAgents), carol; GDAP relationship
 * {@code rel-1} for customer C1 with one access assignment; PIM data for Global Administrator; risky bob; Partner
 * Center's customers (C1, C2, C3), C1's two subscriptions, audit records. Customer {@code C1} (free): 250 users; its
 * {@code devices.json} read is refused by the world's readErrors. Customer {@code C2} (P1): sign-ins, CA policies.
 */
public final class SimFixture implements AutoCloseable {
    public static final String P = "11111111-1111-1111-1111-111111111111";
    public static final String C1 = "22222222-2222-2222-2222-222222222222";
    public static final String C2 = "33333333-3333-3333-3333-333333333333";
    public static final String C3 = "44444444-4444-4444-4444-444444444444";
    public static final String APP = "aaaaaaaa-0000-0000-0000-000000000001";
    public static final String ALICE = "a11ce000-0000-0000-0000-000000000001";
    public static final String BOB = "b0b00000-0000-0000-0000-000000000002";
    public static final String CAROL = "ca401000-0000-0000-0000-000000000003";
    public static final String ADMIN_AGENTS = "9a000000-0000-0000-0000-0000000000a1";
    public static final String TIER2 = "9a000000-0000-0000-0000-0000000000a2";
    public static final String HELPDESK = "9a000000-0000-0000-0000-0000000000a3";
    public static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    public static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    public static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    public static final Instant WORLD_TIME = Instant.parse("2026-11-26T10:00:00Z");

    public static final ObjectMapper JSON = new ObjectMapper();

    public static final Set<String> ALL_READ = Set.of("Directory.Read.All", "AuditLog.Read.All",
            "Policy.Read.All", "RoleManagement.Read.Directory", "UserAuthenticationMethod.Read.All",
            "IdentityRiskyUser.Read.All", "DelegatedAdminRelationship.Read.All", "PrivilegedAccess.Read.AzureADGroup",
            "RoleManagementPolicy.Read.AzureADGroup", "DeviceManagementManagedDevices.Read.All",
            "Policy.Read.AuthenticationMethod");
    public static final Set<String> ALL_WRITE = Set.of("GroupMember.ReadWrite.All", "User.ReadWrite.All",
            "RoleManagement.ReadWrite.Directory", "IdentityRiskyUser.ReadWrite.All",
            "DelegatedAdminRelationship.ReadWrite.All");

    public final World world;
    public final SimClock clock;
    public final Map<String, AccessToken> tokens = new HashMap<>();
    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SimFixture() {
        this(Throttle.NONE, FaultInjector.NONE);
    }

    public SimFixture(Throttle throttle, FaultInjector faults) {
        this(buildWorld(), throttle, faults);
    }

    public SimFixture(World world, Throttle throttle, FaultInjector faults) {
        this.world = world;
        this.clock = new SimClock(WORLD_TIME, 1000);
        defaultTokens();
        TokenVerifier verifier = (bearer, audience) -> Optional.ofNullable(tokens.get(bearer))
                .filter(t -> t.audience().equals(audience));
        app = Javalin.create(c -> c.showJavalinBanner = false);
        GraphRoutes.register(app, world, verifier, throttle, faults, clock);
        PartnerCenterRoutes.register(app, world, verifier, throttle, faults, clock);
        app.start("127.0.0.1", 0);
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    // ---- tokens

    public static AccessToken app(String tenant, Set<String> roles) {
        return new AccessToken(tenant, APP, null, null, roles, Set.of(), Set.of(), "https://graph.microsoft.com",
                WORLD_TIME.plusSeconds(3600));
    }

    public static AccessToken user(String tenant, String userId, Set<String> scopes, Set<String> wids) {
        return new AccessToken(tenant, APP, userId, P, Set.of(), scopes, wids, "https://graph.microsoft.com",
                WORLD_TIME.plusSeconds(3600));
    }

    public static AccessToken pc(AccessToken t) {
        return new AccessToken(t.tenantId(), t.appId(), t.userId(), t.userTenantId(), t.roles(), t.scopes(), t.wids(),
                "https://api.partnercenter.microsoft.com", t.expiresAt());
    }

    private void defaultTokens() {
        java.util.Set<String> all = new java.util.HashSet<>(ALL_READ);
        all.addAll(ALL_WRITE);
        tokens.put("app-p", app(P, all));
        tokens.put("app-c1", app(C1, all));
        tokens.put("app-c2", app(C2, all));
        tokens.put("app-c1-users-only", app(C1, Set.of("User.Read.All")));
        tokens.put("user-c1-reader", user(C1, ALICE, Set.of("Directory.Read.All", "AuditLog.Read.All"),
                Set.of(DIRECTORY_READERS)));
        tokens.put("user-c1-globalreader", user(C1, ALICE, Set.of("Directory.Read.All", "AuditLog.Read.All"),
                Set.of(GLOBAL_READER)));
        tokens.put("user-c1-norole", user(C1, ALICE, Set.of("Directory.Read.All"), Set.of()));
        tokens.put("user-p-alice", user(P, ALICE, Set.of("Directory.AccessAsUser.All"), Set.of(GLOBAL_ADMIN)));
        tokens.put("user-p-bob", user(P, BOB, Set.of("RoleManagement.ReadWrite.Directory"), Set.of()));
        tokens.put("pc-app", pc(app(P, Set.of())));
        tokens.put("pc-alice", pc(user(P, ALICE, Set.of("user_impersonation"), Set.of())));
        tokens.put("pc-carol", pc(user(P, CAROL, Set.of("user_impersonation"), Set.of())));
        tokens.put("pc-c1", pc(app(C1, Set.of())));
    }

    // ---- HTTP

    public record Res(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }
    }

    public Res get(String token, String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send("GET", token, pathAndQuery, null, headers);
    }

    public Res send(String method, String token, String pathAndQuery, String body, String... headers)
            throws IOException, InterruptedException {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : base() + pathAndQuery;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (!r.body().isEmpty()) {
            try {
                json = JSON.readTree(r.body());
            } catch (IOException e) {
                json = null;
            }
        }
        return new Res(r.statusCode(), r, json);
    }

    /**
     * Sends one raw HTTP/1.1 request on a fresh connection and returns all bytes until the server closes it (a
     * dropped connection answers none). Raw, because java.net.http silently retries a request whose pooled
     * connection closes before the answer.
     */
    public String raw(String method, String path, String token, String body) throws IOException {
        int port = app.port();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            byte[] b = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                    + b.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Follows @odata.nextLink to the end; returns every value item. */
    public List<JsonNode> all(String token, String pathAndQuery) throws IOException, InterruptedException {
        List<JsonNode> out = new java.util.ArrayList<>();
        String next = pathAndQuery;
        while (next != null) {
            Res r = get(token, next);
            if (r.status != 200) {
                throw new AssertionError("HTTP " + r.status + " for " + next + ": " + r.raw.body());
            }
            r.json.get("value").forEach(out::add);
            next = r.json.has("@odata.nextLink") ? r.json.get("@odata.nextLink").asText() : null;
        }
        return out;
    }

    // ---- the world

    static ObjectNode obj(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static ObjectNode user(String id, String upn, boolean enabled, String lastSignIn) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id);
        u.put("userPrincipalName", upn);
        u.put("displayName", upn.substring(0, upn.indexOf('@')));
        u.put("mail", upn);
        u.put("accountEnabled", enabled);
        u.put("userType", "Member");
        u.put("createdDateTime", "2024-01-01T00:00:00Z");
        u.putNull("onPremisesSyncEnabled");
        u.putArray("assignedLicenses");
        u.putArray("assignedPlans");
        if (lastSignIn != null) {
            u.putObject("signInActivity").put("lastSignInDateTime", lastSignIn);
        } else {
            u.putNull("signInActivity");
        }
        return u;
    }

    static ObjectNode member(String type, String id, String name) {
        return obj("{'@odata.type':'#microsoft.graph." + type + "','id':'" + id + "','displayName':'" + name + "'}");
    }

    static World buildWorld() {
        SimTenant p = new SimTenant(P, "Partner", TenantRole.PARTNER, Licences.Tier.P2);
        p.collection("users.json").addAll(List.of(user(ALICE, "alice@partner.example", true, "2026-11-20T08:00:00Z"),
                user(BOB, "bob@partner.example", true, "2026-11-01T08:00:00Z"),
                user(CAROL, "carol@partner.example", true, null)));
        p.collection("groups.json").addAll(List.of(
                obj("{'id':'" + ADMIN_AGENTS + "','displayName':'AdminAgents','securityEnabled':true,"
                        + "'mailEnabled':false,'isAssignableToRole':false}"),
                obj("{'id':'" + TIER2 + "','displayName':'Tier2','securityEnabled':true,'mailEnabled':false,"
                        + "'isAssignableToRole':false}"),
                obj("{'id':'" + HELPDESK + "','displayName':'HelpdeskAgents','securityEnabled':true,"
                        + "'mailEnabled':false,'isAssignableToRole':true}")));
        p.collection("groupMembers/" + ADMIN_AGENTS + ".json").addAll(List.of(
                withUpn(member("user", ALICE, "alice"), "alice@partner.example"),
                member("group", TIER2, "Tier2"),
                withUpn(member("user", BOB, "bob"), "bob@partner.example")));
        p.collection("groupMembers/" + TIER2 + ".json").add(withUpn(member("user", BOB, "bob"),
                "bob@partner.example"));
        p.collection("groupMembers/" + HELPDESK + ".json");
        p.collection("roleDefinitions.json").add(obj("{'id':'" + GLOBAL_ADMIN + "','templateId':'" + GLOBAL_ADMIN
                + "','displayName':'Global Administrator','isBuiltIn':true}"));
        p.collection("roleAssignments.json").add(obj("{'id':'ra-1','principalId':'" + ALICE + "','roleDefinitionId':'"
                + GLOBAL_ADMIN + "','directoryScopeId':'/'}"));
        p.collection("roleAssignmentSchedules.json").add(obj("{'id':'ras-1','principalId':'" + ALICE
                + "','roleDefinitionId':'" + GLOBAL_ADMIN + "','directoryScopeId':'/','assignmentType':'Assigned',"
                + "'memberType':'Direct','status':'Provisioned','scheduleInfo':{'startDateTime':'2024-01-01T00:00:00Z',"
                + "'expiration':{'type':'noExpiration','endDateTime':null,'duration':null}}}"));
        p.collection("roleEligibilitySchedules.json").add(obj("{'id':'res-1','principalId':'" + BOB
                + "','roleDefinitionId':'" + GLOBAL_ADMIN + "','directoryScopeId':'/','memberType':'Direct',"
                + "'status':'Provisioned','scheduleInfo':{'startDateTime':'2024-01-01T00:00:00Z',"
                + "'expiration':{'type':'noExpiration','endDateTime':null,'duration':null}}}"));
        p.collection("roleManagementPolicyAssignments.json").add(obj("{'id':'DirectoryRole_" + P + "_pol_"
                + GLOBAL_ADMIN + "','policyId':'DirectoryRole_" + P + "_pol','scopeId':'/','scopeType':'DirectoryRole',"
                + "'roleDefinitionId':'" + GLOBAL_ADMIN + "','policy':{'id':'DirectoryRole_" + P + "_pol','rules':["
                + "{'@odata.type':'#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',"
                + "'id':'Expiration_EndUser_Assignment','isExpirationRequired':true,'maximumDuration':'PT8H'},"
                + "{'@odata.type':'#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',"
                + "'id':'Enablement_EndUser_Assignment','enabledRules':['MultiFactorAuthentication','Justification']}"
                + "]}}"));
        p.collection("pimGroupPolicyAssignments/" + ADMIN_AGENTS + ".json").add(obj("{'id':'Group_" + ADMIN_AGENTS
                + "_x','scopeId':'" + ADMIN_AGENTS + "','scopeType':'Group','roleDefinitionId':'member',"
                + "'policy':{'id':'Group_x','rules':[]}}"));
        p.collection("pimGroupAssignmentSchedules/" + ADMIN_AGENTS + ".json").add(obj("{'id':'gas-1','groupId':'"
                + ADMIN_AGENTS + "','principalId':'" + ALICE + "','accessId':'member'}"));
        p.collection("riskyUsers.json").add(obj("{'id':'" + BOB + "','isDeleted':false,'isProcessing':false,"
                + "'riskLevel':'high','riskState':'atRisk','riskDetail':'none',"
                + "'userPrincipalName':'bob@partner.example'}"));
        p.objects().put("securityDefaults.json", obj("{'id':'00000000-0000-0000-0000-000000000005',"
                + "'displayName':'Security Defaults','isEnabled':false}"));
        p.collection("delegatedAdminRelationships.json").add(obj("{'id':'rel-1','displayName':'C1 admin',"
                + "'status':'active','customer':{'tenantId':'" + C1 + "','displayName':'Customer One'},"
                + "'accessDetails':{'unifiedRoles':[{'roleDefinitionId':'" + GLOBAL_READER + "'}]}}"));
        p.collection("delegatedAdminAccessAssignments/rel-1.json").add(obj("{'@odata.etag':'W/\\\"JyIxIg==\\\"',"
                + "'id':'asg-1','status':'active','accessContainer':{'accessContainerId':'" + ADMIN_AGENTS
                + "','accessContainerType':'securityGroup'},'accessDetails':{'unifiedRoles':[{'roleDefinitionId':'"
                + GLOBAL_READER + "'}]}}"));
        for (int d = 1; d <= 10; d++) {
            p.collection("signIns.json").add(obj("{'id':'si-p-" + d + "','createdDateTime':'2026-11-"
                    + String.format("%02d", d) + "T12:00:00.1234567Z','userId':'" + ALICE + "'}"));
        }
        for (String c : List.of(C1, C2, C3)) {
            p.collection("partnerCenter/customers.json").add(obj("{'id':'" + c + "','companyProfile':{'tenantId':'" + c
                    + "','domain':'c.example','companyName':'Customer " + c.charAt(0) + "','attributes':"
                    + "{'objectType':'CustomerCompanyProfile'}},'relationshipToPartner':'reseller','attributes':"
                    + "{'objectType':'Customer'}}"));
        }
        for (String s : List.of("sub-1", "sub-2")) {
            p.collection("partnerCenter/subscriptions/" + C1 + ".json").add(obj("{'id':'" + s + "','friendlyName':'"
                    + s + "','quantity':5,'status':'active','attributes':{'etag':"
                    + "'eyJpZCI6InN1Yi0xIiwidmVyc2lvbiI6MX0=','objectType':'Subscription'}}"));
        }
        for (int d = 1; d <= 12; d++) {
            p.collection("partnerCenter/auditRecords.json").add(obj("{'partnerId':'" + P + "','customerId':'" + C1
                    + "','operationType':'update_customer_user_licenses','operationDate':'2026-11-"
                    + String.format("%02d", d) + "T10:00:00Z','operationStatus':'succeeded','attributes':"
                    + "{'objectType':'AuditRecord'}}"));
        }

        SimTenant c1 = new SimTenant(C1, "Customer One", TenantRole.CUSTOMER, Licences.Tier.FREE);
        for (int i = 0; i < 250; i++) {
            c1.collection("users.json").add(user(String.format("c1000000-0000-0000-0000-%012d", i),
                    "user" + i + "@c1.example", i % 10 != 0, null));
        }
        c1.collection("devices.json").add(obj("{'id':'dev-1','displayName':'LAPTOP'}"));
        c1.readErrors().put("devices.json", new ReadError(403, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation."));
        c1.collection("groups.json");

        SimTenant c2 = new SimTenant(C2, "Customer Two", TenantRole.CUSTOMER, Licences.Tier.P1);
        c2.collection("users.json").add(user(CAROL, "carol@c2.example", true, "2026-11-20T08:00:00Z"));
        for (int d = 1; d <= 25; d++) {
            c2.collection("signIns.json").add(obj("{'id':'si-" + d + "','createdDateTime':'2026-11-"
                    + String.format("%02d", d) + "T12:00:00Z','userId':'" + CAROL + "','appDisplayName':'App " + d
                    + "'}"));
        }
        c2.collection("conditionalAccessPolicies.json").add(obj("{'id':'ca-1','displayName':'Require MFA',"
                + "'state':'enabled'}"));
        SimTenant c3 = new SimTenant(C3, "Customer Three", TenantRole.CUSTOMER, Licences.Tier.P2);
        PartnerApp app = new PartnerApp(APP, "CSP Guard", "secret", null, null);
        return new World(7, WORLD_TIME, P, app, List.of(p, c1, c2, c3), List.of(), List.of(), "");
    }

    private static ObjectNode withUpn(ObjectNode m, String upn) {
        m.put("userPrincipalName", upn);
        return m;
    }
}
