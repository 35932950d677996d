package io.cspguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OcsfReportWriterTest {
    private static String text;
    private static final List<JsonNode> events = new ArrayList<>();

    @BeforeAll
    static void write() throws Exception {
        text = CapturingStream.written(ReportFormat.OCSF).text();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : text.split("\n")) {
            events.add(mapper.readTree(line));
        }
    }

    @Test
    void oneComplianceFindingPerFindingAndPerResultWithoutFindings() {
        assertThat(text).endsWith("}\n");
        assertThat(events).hasSize(SampleAssessment.rowCount(SampleAssessment.build()));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(e.get("category_uid").asInt()).isEqualTo(2);
            assertThat(e.get("type_uid").asInt()).isEqualTo(200301);
            assertThat(e.get("activity_id").asInt()).isEqualTo(1);
            assertThat(e.get("metadata").get("version").asText()).isEqualTo("1.1.0");
            assertThat(e.get("metadata").get("product").get("name").asText()).isEqualTo("CSP Guard");
            assertThat(e.get("time").asLong()).isEqualTo(SampleAssessment.COLLECTED.toEpochMilli());
            assertThat(e.get("compliance").get("standards").get(0).asText()).isEqualTo("CSP security best practices");
            assertThat(e.get("finding_info").get("uid").asText()).isEqualTo(e.get("metadata").get("uid").asText());
        });
    }

    @Test
    void anOpenFailingFindingIsNewAndHigh() {
        JsonNode ann = byResource("obj-f-ann");
        assertThat(ann.get("severity_id").asInt()).isEqualTo(4);
        assertThat(ann.get("severity").asText()).isEqualTo("High");
        assertThat(ann.get("status_id").asInt()).isEqualTo(1);
        assertThat(ann.get("metadata").get("uid").asText()).isEqualTo("f-ann");
        assertThat(ann.get("finding_info").get("title").asText()).isEqualTo("Every user is registered for MFA");
        assertThat(ann.get("finding_info").get("desc").asText()).isEqualTo(SampleAssessment.IMG);
        assertThat(ann.get("finding_info").get("types").get(0).asText()).isEqualTo("CSP.MFA.1");
        assertThat(ann.get("compliance").get("control").asText()).isEqualTo("CSP.MFA.1");
        assertThat(ann.get("compliance").get("status_id").asInt()).isEqualTo(3);
        assertThat(ann.get("compliance").get("status").asText()).isEqualTo("Fail");
        assertThat(ann.get("resource").get("name").asText()).isEqualTo(SampleAssessment.HYPERLINK);
        assertThat(ann.get("resource").get("type").asText()).isEqualTo("user");
        assertThat(ann.get("cloud").get("provider").asText()).isEqualTo("Microsoft");
        assertThat(ann.get("cloud").get("account").get("uid").asText()).isEqualTo(SampleAssessment.PARTNER_ID);
        assertThat(ann.get("unmapped").get("level").asText()).isEqualTo("SHALL");
        assertThat(ann.get("unmapped").get("rule").asText()).isEqualTo("rule-1");
    }

    @Test
    void anAcceptedFindingIsSuppressed() {
        JsonNode bob = byResource("obj-f-bob");
        assertThat(bob.get("status_id").asInt()).isEqualTo(3);
        assertThat(bob.get("status").asText()).isEqualTo("Suppressed");
        assertThat(bob.get("unmapped").get("accepted").asBoolean()).isTrue();
    }

    @Test
    void resultsWithoutFindingsAreEventsAboutTheTenant() {
        JsonNode pass = byControl("CSP.MFA.2");
        assertThat(pass.get("severity_id").asInt()).isEqualTo(1);
        assertThat(pass.get("compliance").get("status_id").asInt()).isEqualTo(1);
        assertThat(pass.get("compliance").get("status").asText()).isEqualTo("Pass");
        assertThat(pass.get("resource").get("type").asText()).isEqualTo("tenant");
        assertThat(pass.get("resource").get("uid").asText()).isEqualTo(SampleAssessment.PARTNER_ID);
        assertThat(pass.get("metadata").get("uid").asText()).hasSize(32);

        JsonNode notApplicable = byControl("CSP.PRIV.6");
        assertThat(notApplicable.get("compliance").get("status_id").asInt()).isEqualTo(99);
        assertThat(notApplicable.get("compliance").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(notApplicable.get("compliance").get("status_detail").asText()).contains("needs Entra ID P2");
        assertThat(byControl("CSP.MON.5").get("compliance").get("status").asText()).isEqualTo("NOT_ASSESSED");
        assertThat(byControl("X.UNKNOWN.1").get("severity_id").asInt()).isEqualTo(3);
        assertThat(byControl("X.UNKNOWN.1").get("finding_info").get("title").asText()).isEqualTo("X.UNKNOWN.1");
    }

    @Test
    void resultUidsAreStableAndDistinct() {
        var a = SampleAssessment.build();
        var partner = a.tenants().get(0);
        String uid = OcsfReportWriter.resultUid(partner, partner.results().get(1));
        assertThat(uid).isEqualTo(OcsfReportWriter.resultUid(partner, partner.results().get(1)));
        assertThat(uid).isNotEqualTo(OcsfReportWriter.resultUid(partner, partner.results().get(2)));
        assertThat(uid).isNotEqualTo(OcsfReportWriter.resultUid(a.tenants().get(1), partner.results().get(1)));
    }

    private static JsonNode byResource(String objectId) {
        return events.stream().filter(e -> e.get("resource").get("uid").asText().equals(objectId))
                .findFirst().orElseThrow();
    }

    private static JsonNode byControl(String controlId) {
        return events.stream().filter(e -> e.get("compliance").get("control").asText().equals(controlId))
                .findFirst().orElseThrow();
    }
}
