package io.cspguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
    private static JsonNode root;

    @BeforeAll
    static void write() throws Exception {
        root = new ObjectMapper().readTree(CapturingStream.written(ReportFormat.JSON).text());
    }

    @Test
    void topLevelFieldsAreTheContractsInItsOrder() {
        assertThat(names(root)).containsExactly("schemaVersion", "generatedAt", "partnerTenantId", "tool", "input",
                "configHash", "tenants");
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("generatedAt").asText()).isEqualTo("2026-11-26T10:05:00Z");
        assertThat(names(root.get("tool"))).containsExactly("name", "version");
        assertThat(names(root.get("input"))).containsExactly("path", "sha256", "files");
        assertThat(root.get("input").get("files").asInt()).isEqualTo(42);
    }

    @Test
    void tenantsKeepTheModelsOrderPartnerFirst() {
        JsonNode tenants = root.get("tenants");
        assertThat(tenants).hasSize(2);
        JsonNode partner = tenants.get(0);
        assertThat(names(partner)).containsExactly("tenantId", "displayName", "role", "licence", "collectedAt",
                "problems", "results");
        assertThat(partner.get("role").asText()).isEqualTo("partner");
        assertThat(partner.get("tenantId").asText()).isEqualTo(SampleAssessment.PARTNER_ID);
        assertThat(partner.get("displayName").asText()).isEqualTo("Partner " + SampleAssessment.IMG);
        assertThat(partner.get("collectedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(tenants.get(1).get("displayName").asText()).isEqualTo(SampleAssessment.SCRIPT);
        assertThat(texts(partner.get("results"), "controlId"))
                .containsExactly("CSP.MFA.1", "CSP.MFA.2", "CSP.PRIV.6", "CSP.DEV.2", "CSP.MON.3");
    }

    @Test
    void resultsAndFindingsHaveTheContractsFields() {
        JsonNode failing = root.get("tenants").get(0).get("results").get(0);
        assertThat(names(failing)).containsExactly("controlId", "title", "level", "status", "summary", "reason",
                "acceptedCount", "findings");
        assertThat(failing.get("reason").isNull()).isTrue();
        assertThat(failing.get("status").asText()).isEqualTo("FAIL");
        assertThat(failing.get("level").asText()).isEqualTo("SHALL");
        assertThat(failing.get("acceptedCount").asInt()).isEqualTo(1);

        JsonNode open = failing.get("findings").get(0);
        assertThat(names(open)).containsExactly("findingId", "objectType", "objectId", "objectName", "rule",
                "detail", "accepted");
        assertThat(open.get("objectName").asText()).isEqualTo(SampleAssessment.HYPERLINK);
        assertThat(open.get("accepted").asBoolean()).isFalse();

        JsonNode accepted = failing.get("findings").get(1);
        assertThat(names(accepted)).endsWith("accepted", "exception");
        assertThat(names(accepted.get("exception"))).containsExactly("reason", "approvedBy", "expires");
        assertThat(accepted.get("exception").get("expires").asText()).isEqualTo("2027-03-31");
    }

    @Test
    void anExpiredExceptionIsShownAndFindingsKeepTheirOrder() {
        JsonNode warn = root.get("tenants").get(0).get("results").get(3);
        assertThat(texts(warn.get("findings"), "objectName")).hasSize(12).startsWith("user-01", "user-02", "user-03");
        JsonNode third = warn.get("findings").get(2);
        assertThat(third.has("exception")).isFalse();
        assertThat(third.get("expiredException").get("expires").asText()).isEqualTo("2026-01-31");
    }

    @Test
    void notesOnlyWhenThereAreSomeAndUnknownControlsShowTheirId() {
        JsonNode partnerResults = root.get("tenants").get(0).get("results");
        assertThat(partnerResults.get(1).has("notes")).isFalse();
        assertThat(partnerResults.get(4).get("notes")).hasSize(2);
        JsonNode unknown = root.get("tenants").get(1).get("results").get(3);
        assertThat(unknown.get("title").asText()).isEqualTo("X.UNKNOWN.1");
    }

    @Test
    void textIsUtf8() {
        JsonNode accepted = root.get("tenants").get(1).get("results").get(1).get("findings").get(0);
        assertThat(accepted.get("detail").asText()).isEqualTo(SampleAssessment.UNICODE);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }
}
