package io.cspguard.sim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The composed simulator over real HTTPS: identity, Graph and Partner Center on one port, one world, one clock. */
class SimServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static World world;
    private static SimServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        world = new WorldGenerator().generate(GeneratorOptions.of(11, 3));
        server = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, 100, true));
        http = HttpClient.newBuilder().sslContext(server.certificates().clientSslContext()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String tenantId, String scope) throws Exception {
        String form = "client_id=" + world.app().clientId() + "&client_secret="
                + URLEncoder.encode(world.app().clientSecret(), StandardCharsets.UTF_8)
                + "&grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + tenantId
                        + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void appOnlyTokenReadsEveryUserOfThePartnerThroughPages() throws Exception {
        String token = token(world.partnerTenantId(), "https://graph.microsoft.com/.default");
        String url = server.baseUrl() + "/v1.0/users?$select=id,userPrincipalName&$top=7";
        int users = 0;
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = get(url, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            users += page.get("value").size();
            pages++;
            url = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            assertThat(url == null || url.startsWith("https://127.0.0.1:")).isTrue();
        }
        assertThat(users).isEqualTo(world.partner().collections().get("users.json").size());
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void responsesCarryTheSimulatorsClockNotTheMachines() throws Exception {
        String token = token(world.partnerTenantId(), "https://graph.microsoft.com/.default");
        HttpResponse<String> r = get(server.baseUrl() + "/v1.0/organization", token);
        ZonedDateTime date = ZonedDateTime.parse(r.headers().firstValue("Date").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(date.toLocalDate()).isEqualTo(world.worldTime().atZone(ZoneOffset.UTC).toLocalDate());
    }

    @Test
    void aCustomerIsReachableWithTheAppWhereItWasConsented() throws Exception {
        SimTenant consented = world.tenants().stream().skip(1).filter(SimTenant::appConsented).findFirst().orElseThrow();
        String token = token(consented.tenantId(), "https://graph.microsoft.com/.default");
        HttpResponse<String> r = get(server.baseUrl() + "/v1.0/organization", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("value").get(0).get("id").asText()).isEqualTo(consented.tenantId());
    }

    @Test
    void partnerCenterListsTheCustomers() throws Exception {
        String token = token(world.partnerTenantId(), "https://api.partnercenter.microsoft.com/.default");
        HttpResponse<String> r = get(server.baseUrl() + "/v1/customers", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("totalCount").asInt()).isEqualTo(3);
    }

    @Test
    void reportsAreThrottledAtFivePerTenSecondsWithRetryAfter() throws Exception {
        String token = token(world.partnerTenantId(), "https://graph.microsoft.com/.default");
        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = get(server.baseUrl() + "/v1.0/auditLogs/directoryAudits?$top=1", token);
            if (r.statusCode() == 429) {
                throttled++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                assertThat(JSON.readTree(r.body()).get("error").get("code").asText()).isEqualTo("TooManyRequests");
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
        assertThat(throttled).isPositive();
        assertThat(retryAfter).isNotNull();
    }

    @Test
    void withoutATokenGraphAnswers401InGraphsShape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1.0/users")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(error.get("innerError").has("request-id")).isTrue();
    }

    @Test
    void theBoundIsComputedForTheServedWorld() {
        assertThat(server.throttleBound().minimumRequests()).isPositive();
        assertThat(server.throttleBound().lowerLimit()).isPositive();
    }
}
