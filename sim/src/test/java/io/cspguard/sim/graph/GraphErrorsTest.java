package io.cspguard.sim.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error bodies and headers; 401, 403 (app permissions and GDAP roles), licence errors, readErrors, 400/404. */
class GraphErrorsTest {
    static SimFixture sim;

    @BeforeAll
    static void start() {
        sim = new SimFixture();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static void assertGraphError(SimFixture.Res r, int status, String code) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("message").asText()).isNotBlank();
        JsonNode inner = e.get("innerError");
        assertThat(inner.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(inner.get("request-id").asText()).isEqualTo(r.header("request-id"));
        assertThat(inner.get("client-request-id").asText()).isEqualTo(r.header("client-request-id"));
    }

    @Test
    void noTokenOrABadOneIs401InvalidAuthenticationToken() throws Exception {
        SimFixture.Res none = sim.get(null, "/v1.0/users");
        assertGraphError(none, 401, "InvalidAuthenticationToken");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertGraphError(sim.get("not-a-token", "/v1.0/users"), 401, "InvalidAuthenticationToken");
        // A Partner Center token is not a Graph token.
        assertGraphError(sim.get("pc-app", "/v1.0/users"), 401, "InvalidAuthenticationToken");
    }

    @Test
    void dateHeaderFollowsTheSimClockAndIdsAreEchoed() throws Exception {
        SimFixture.Res r = sim.get("app-c1", "/v1.0/organization", "client-request-id", "my-id-1");
        assertThat(r.headers("Date")).hasSize(1);
        Instant date = ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(date).isBetween(SimFixture.WORLD_TIME.minusSeconds(1), sim.clock.instant().plusSeconds(1));
        assertThat(r.header("Date")).matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
        assertThat(r.header("client-request-id")).isEqualTo("my-id-1");
        assertThat(r.header("request-id")).hasSize(36);
        SimFixture.Res err = sim.get(null, "/v1.0/users");
        assertThat(ZonedDateTime.parse(err.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .withZoneSameInstant(ZoneOffset.UTC).getYear()).isEqualTo(2026);
    }

    @Test
    void appTokenWithoutThePermissionIs403() throws Exception {
        assertThat(sim.get("app-c1-users-only", "/v1.0/users").status()).isEqualTo(200);
        assertGraphError(sim.get("app-c1-users-only", "/v1.0/groups"), 403, "Authorization_RequestDenied");
        assertGraphError(sim.get("app-c1-users-only", "/v1.0/auditLogs/directoryAudits"), 403,
                "Authorization_RequestDenied");
        // Directory audits need AuditLog.Read.All and Directory.Read.All together.
        sim.tokens.put("app-c1-audit-only", SimFixture.app(SimFixture.C1, java.util.Set.of("AuditLog.Read.All")));
        assertGraphError(sim.get("app-c1-audit-only", "/v1.0/auditLogs/directoryAudits"), 403,
                "Authorization_RequestDenied");
        sim.tokens.put("app-c1-audit-dir", SimFixture.app(SimFixture.C1,
                java.util.Set.of("AuditLog.Read.All", "Directory.Read.All")));
        assertThat(sim.get("app-c1-audit-dir", "/v1.0/auditLogs/directoryAudits").status()).isEqualTo(200);
    }

    @Test
    void delegatedCallsNeedAGdapRole() throws Exception {
        assertThat(sim.get("user-c1-reader", "/v1.0/users").status()).isEqualTo(200);
        assertGraphError(sim.get("user-c1-norole", "/v1.0/users"), 403, "Authorization_RequestDenied");
        // Audit logs: Directory Readers is not enough, Global Reader is.
        assertGraphError(sim.get("user-c1-reader", "/v1.0/auditLogs/directoryAudits"), 403,
                "Authorization_RequestDenied");
        assertThat(sim.get("user-c1-globalreader", "/v1.0/auditLogs/directoryAudits").status()).isEqualTo(200);
    }

    @Test
    void licenceErrorsAreGraphs() throws Exception {
        // Sign-ins of a free tenant.
        SimFixture.Res signIns = sim.get("app-c1", "/beta/auditLogs/signIns?$filter=createdDateTime%20ge%20"
                + "2026-11-01T00:00:00Z");
        assertGraphError(signIns, 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        assertThat(signIns.json().get("error").get("message").asText())
                .isEqualTo("Neither tenant is B2C or tenant doesn't have premium license");
        // signInActivity selected in a free tenant; without it the same request works.
        assertGraphError(sim.get("app-c1", "/v1.0/users?$select=id,signInActivity"), 403,
                "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        assertThat(sim.get("app-c1", "/v1.0/users?$select=id,accountEnabled").status()).isEqualTo(200);
        // PIM without P2 (C2 has P1).
        assertGraphError(sim.get("app-c2", "/v1.0/roleManagement/directory/roleEligibilitySchedules"), 400,
                "AadPremiumLicenseRequired");
        assertGraphError(sim.get("app-c2", "/v1.0/identityProtection/riskyUsers"), 403,
                "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        // P1 is enough for sign-ins.
        assertThat(sim.get("app-c2", "/beta/auditLogs/signIns").status()).isEqualTo(200);
    }

    @Test
    void theWorldsReadErrorsComeFirst() throws Exception {
        SimFixture.Res r = sim.get("app-c1", "/v1.0/devices");
        assertGraphError(r, 403, "Authorization_RequestDenied");
        assertThat(r.json().get("error").get("message").asText())
                .isEqualTo("Insufficient privileges to complete the operation.");
    }

    @Test
    void unknownIdsAre404AndUnknownSegments400() throws Exception {
        assertGraphError(sim.get("app-p", "/v1.0/groups/00000000-0000-0000-0000-00000000dead"), 404,
                "Request_ResourceNotFound");
        assertGraphError(sim.get("app-p", "/v1.0/users/nobody@partner.example"), 404, "Request_ResourceNotFound");
        SimFixture.Res seg = sim.get("app-p", "/v1.0/nonsense");
        assertGraphError(seg, 400, "BadRequest");
        assertThat(seg.json().get("error").get("message").asText()).contains("'nonsense'");
        assertGraphError(sim.send("PUT", "app-p", "/v1.0/users", "{}"), 405, "Request_BadRequest");
    }

    @Test
    void successCarriesTheResourceUnitCost() throws Exception {
        assertThat(sim.get("app-c1", "/v1.0/users").header("x-ms-resource-unit")).isEqualTo("2");
        assertThat(sim.get("app-c1", "/v1.0/users?$select=id").header("x-ms-resource-unit")).isEqualTo("1");
        assertThat(sim.get("app-p", "/v1.0/groups/" + SimFixture.ADMIN_AGENTS + "/transitiveMembers")
                .header("x-ms-resource-unit")).isEqualTo("5");
        assertThat(sim.get("app-p", "/v1.0/subscribedSkus").header("x-ms-resource-unit")).isEqualTo("3");
        assertThat(sim.get("app-p", "/v1.0/groups?$top=5").header("x-ms-resource-unit")).isEqualTo("1");
    }
}
