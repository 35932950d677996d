package io.cspguard.sim.partnercenter;

import static io.cspguard.sim.graph.SimFixture.C1;
import static io.cspguard.sim.graph.SimFixture.C2;
import static io.cspguard.sim.graph.SimFixture.C3;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.sim.faults.Fault;
import io.cspguard.sim.faults.FaultInjector;
import io.cspguard.sim.graph.SimFixture;
import io.cspguard.sim.throttle.Admission;
import io.cspguard.sim.throttle.Category;
import io.cspguard.sim.throttle.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partner Center: shapes, paging with MS-ContinuationToken, suspend/reactivate, audit records, errors, faults. */
class PartnerCenterTest {
    final Map<String, Fault> faults = new ConcurrentHashMap<>();
    final Map<Category, Admission> refusals = new ConcurrentHashMap<>();
    SimFixture sim;

    @BeforeEach
    void start() {
        FaultInjector injector = (tenant, method, path, attempt) -> attempt == 0
                ? faults.getOrDefault(path, Fault.NONE) : Fault.NONE;
        Throttle throttle = (tenant, app, category, units) -> refusals.getOrDefault(category, Admission.ADMITTED);
        sim = new SimFixture(throttle, injector);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static void assertPcError(SimFixture.Res r, int status) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.json().get("code").isInt()).isTrue();
        assertThat(r.json().get("description").asText()).isNotBlank();
        assertThat(r.json().get("data").isArray()).isTrue();
        assertThat(r.json().get("source").asText()).isEqualTo("PartnerFD");
    }

    /** Follows links.next with its MS-ContinuationToken header to the end. */
    List<String> customerIds(String first) throws Exception {
        List<String> out = new ArrayList<>();
        SimFixture.Res r = sim.get("pc-app", first);
        while (true) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            JsonNode j = r.json();
            assertThat(j.get("attributes").get("objectType").asText()).isEqualTo("Collection");
            assertThat(j.get("totalCount").asInt()).isEqualTo(j.get("items").size());
            j.get("items").forEach(c -> out.add(c.get("id").asText()));
            JsonNode next = j.path("links").path("next");
            if (next.isMissingNode()) {
                return out;
            }
            assertThat(next.get("method").asText()).isEqualTo("GET");
            JsonNode h = next.get("headers").get(0);
            assertThat(h.get("key").asText()).isEqualTo("MS-ContinuationToken");
            r = sim.get("pc-app", "/v1" + next.get("uri").asText(), h.get("key").asText(), h.get("value").asText());
        }
    }

    @Test
    void customersArePagedWithAContinuationToken() throws Exception {
        assertThat(customerIds("/v1/customers?size=2")).containsExactly(C1, C2, C3);
        JsonNode all = sim.get("pc-app", "/v1/customers").json();
        assertThat(all.get("totalCount").asInt()).isEqualTo(3);
        JsonNode c = all.get("items").get(0);
        assertThat(c.get("companyProfile").get("tenantId").asText()).isEqualTo(C1);
        assertThat(c.get("attributes").get("objectType").asText()).isEqualTo("Customer");
        assertThat(all.get("links").get("self").get("uri").asText()).isEqualTo("/customers");
        SimFixture.Res r = sim.get("pc-app", "/v1/customers?size=2&seekOperation=Next");
        assertPcError(r, 400);
        SimFixture.Res ok = sim.get("pc-app", "/v1/customers", "MS-RequestId", "r-1", "MS-CorrelationId", "c-1");
        assertThat(ok.header("MS-RequestId")).isEqualTo("r-1");
        assertThat(ok.header("MS-CorrelationId")).isEqualTo("c-1");
        assertThat(ok.header("Date")).endsWith("GMT");
    }

    @Test
    void subscriptionsAndSuspendingOne() throws Exception {
        JsonNode subs = sim.get("pc-app", "/v1/customers/" + C1 + "/subscriptions").json();
        assertThat(subs.get("totalCount").asInt()).isEqualTo(2);
        assertThat(subs.get("items").get(0).get("status").asText()).isEqualTo("active");
        assertPcError(sim.get("pc-app", "/v1/customers/55555555-5555-5555-5555-555555555555/subscriptions"), 404);
        assertThat(sim.get("pc-app", "/v1/customers/" + C2 + "/subscriptions").json().get("totalCount").asInt())
                .isZero();

        JsonNode sub = sim.get("pc-app", "/v1/customers/" + C1 + "/subscriptions/sub-1").json();
        String etag = sub.get("attributes").get("etag").asText();
        // Partner Center's own example sends PascalCase properties.
        String body = "{\"Id\":\"sub-1\",\"FriendlyName\":\"sub-1\",\"Quantity\":5,\"Status\":\"suspended\","
                + "\"Attributes\":{\"Etag\":\"" + etag + "\",\"ObjectType\":\"Subscription\"}}";
        SimFixture.Res r = sim.send("PATCH", "pc-alice", "/v1/customers/" + C1 + "/subscriptions/sub-1", body,
                "If-Match", etag);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("suspended");
        assertThat(r.json().get("attributes").get("etag").asText()).isNotEqualTo(etag);
        assertThat(sim.get("pc-app", "/v1/customers/" + C1 + "/subscriptions").json().get("items").get(0)
                .get("status").asText()).isEqualTo("suspended");
        // The stale etag no longer matches.
        assertPcError(sim.send("PATCH", "pc-alice", "/v1/customers/" + C1 + "/subscriptions/sub-1",
                body.replace("suspended", "active"), "If-Match", etag), 412);
        // A partial body is not the resource Partner Center expects.
        assertPcError(sim.send("PATCH", "pc-app", "/v1/customers/" + C1 + "/subscriptions/sub-1",
                "{\"id\":\"sub-1\",\"status\":\"active\"}"), 400);
        SimFixture.Res back = sim.send("PATCH", "pc-app", "/v1/customers/" + C1 + "/subscriptions/sub-1",
                "{\"id\":\"sub-1\",\"quantity\":5,\"status\":\"active\"}");
        assertThat(back.json().get("status").asText()).isEqualTo("active");
        assertPcError(sim.send("PATCH", "pc-app", "/v1/customers/" + C1 + "/subscriptions/sub-1",
                "{\"id\":\"sub-1\",\"quantity\":5,\"status\":\"deleted\"}"), 400);
        assertPcError(sim.send("PATCH", "pc-app", "/v1/customers/" + C1 + "/subscriptions/sub-1",
                "{\"id\":\"sub-2\",\"quantity\":5,\"status\":\"active\"}"), 400);

        JsonNode records = sim.get("pc-app", "/v1/auditrecords?startDate=2026-11-25").json();
        assertThat(records.get("items")).hasSize(2);
        JsonNode rec = records.get("items").get(0);
        assertThat(rec.get("operationType").asText()).isEqualTo("update_subscription");
        assertThat(rec.get("userPrincipalName").asText()).isEqualTo("alice@partner.example");
        assertThat(rec.get("resourceType").asText()).isEqualTo("subscription");
        assertThat(rec.get("attributes").get("objectType").asText()).isEqualTo("AuditRecord");
    }

    @Test
    void auditRecordsByDateRangeAndPaged() throws Exception {
        JsonNode r = sim.get("pc-app", "/v1/auditrecords?startDate=2026-11-03&endDate=2026-11-06T23:59:59Z").json();
        assertThat(r.get("items")).hasSize(4);
        assertThat(sim.get("pc-app", "/v1/auditrecords?startDate=11/5/2026%2012:00:00%20AM").json().get("items"))
                .hasSize(8);
        List<String> dates = new ArrayList<>();
        SimFixture.Res page = sim.get("pc-app", "/v1/auditrecords?startDate=2026-11-01&size=5");
        while (true) {
            page.json().get("items").forEach(i -> dates.add(i.get("operationDate").asText()));
            JsonNode next = page.json().path("links").path("next");
            if (next.isMissingNode()) {
                break;
            }
            page = sim.get("pc-app", "/v1" + next.get("uri").asText(), "MS-ContinuationToken",
                    next.get("headers").get(0).get("value").asText());
        }
        assertThat(dates).hasSize(12);
        assertPcError(sim.get("pc-app", "/v1/auditrecords?startDate=2026-01-01"), 400);
        assertPcError(sim.get("pc-app", "/v1/auditrecords?startDate=yesterday"), 400);
    }

    @Test
    void onlyThePartnersTokensAndTheRightAgentsGetIn() throws Exception {
        assertPcError(sim.get(null, "/v1/customers"), 401);
        assertPcError(sim.get("app-p", "/v1/customers"), 401);
        assertPcError(sim.get("pc-c1", "/v1/customers"), 403);
        assertThat(sim.get("pc-alice", "/v1/customers").status()).isEqualTo(200);
        // Carol is in no agent group.
        assertPcError(sim.get("pc-carol", "/v1/customers"), 403);
        assertPcError(sim.get("pc-app", "/v1/nothing"), 404);
    }

    @Test
    void faultsAndThrottlingInPartnerCentersShape() throws Exception {
        faults.put("/v1/customers", new Fault(Fault.Kind.STATUS, 503, Duration.ofSeconds(4), null, null));
        SimFixture.Res r = sim.get("pc-app", "/v1/customers");
        assertPcError(r, 503);
        assertThat(r.header("Retry-After")).isEqualTo("4");
        assertThat(sim.get("pc-app", "/v1/customers").status()).isEqualTo(200);

        faults.put("/v1/customers/" + C1 + "/subscriptions", new Fault(Fault.Kind.DROP, 0, null, null, null));
        assertThat(sim.raw("GET", "/v1/customers/" + C1 + "/subscriptions", "pc-app", null)).isEmpty();

        faults.put("/v1/auditrecords", new Fault(Fault.Kind.TRUNCATE, 0, null, null, null));
        JsonNode cut = sim.get("pc-app", "/v1/auditrecords?startDate=2026-11-01").json();
        assertThat(cut.get("items")).hasSize(6);
        JsonNode next = cut.get("links").get("next");
        assertPcError(sim.get("pc-app", "/v1" + next.get("uri").asText(), "MS-ContinuationToken",
                next.get("headers").get(0).get("value").asText()), 400);

        faults.clear();
        refusals.put(Category.PARTNER_CENTER, new Admission(false, Duration.ofSeconds(2), null, null));
        SimFixture.Res t = sim.get("pc-app", "/v1/customers?size=1");
        assertPcError(t, 429);
        assertThat(t.header("Retry-After")).isEqualTo("2");
    }
}
