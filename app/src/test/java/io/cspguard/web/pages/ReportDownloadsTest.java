package io.cspguard.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditEvent;
import io.cspguard.report.ReportFormat;
import io.cspguard.reports.StoredAssessment;
import io.cspguard.reports.StoredAssessmentTest;
import io.cspguard.result.Assessment;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

/** Every report format downloaded from a stored run equals core's writer output for the stored assessment. */
class ReportDownloadsTest {
    static final String OPERATOR = "olga:operator";
    static final String TAILSPIN = "199c72a0-2c64-427e-b033-e6f7d62e49d6";

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void everyFormatWholeAndForOneTenant(TestDatabases.Kind kind, @TempDir Path dir) throws Exception {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            Assessment example = StoredAssessmentTest.exampleAssessment();
            d.fixture.report(t.run3, StoredAssessmentTest.json(example));
            Assessment stored = StoredAssessment.read(d.db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT assessment_json FROM run_reports WHERE run_id = :r").bind("r", t.run3).mapTo(byte[].class).one()));
            for (ReportFormat f : ReportFormat.values()) {
                HttpResponse<byte[]> whole = d.bytes(OPERATOR, "/runs/" + t.run3 + "/report." + f.extension());
                assertThat(whole.statusCode()).as(f.name()).isEqualTo(200);
                assertThat(whole.body()).as(f.name()).isEqualTo(StoredAssessmentTest.write(stored, f))
                        .isEqualTo(StoredAssessmentTest.write(example, f));
                assertThat(whole.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"cspguard-run-"
                        + t.run3 + "." + (f == ReportFormat.OCSF ? "ocsf.jsonl" : f.extension()) + "\"");
                assertThat(whole.headers().firstValue("Content-Type").orElseThrow()).contains("charset=utf-8");

                HttpResponse<byte[]> one = d.bytes(OPERATOR, "/runs/" + t.run3 + "/report." + f.extension()
                        + "?tenant=" + TAILSPIN.toUpperCase());
                assertThat(one.body()).as(f.name()).isEqualTo(StoredAssessmentTest.write(stored.onlyTenants(Set.of(TAILSPIN)), f));
                assertThat(one.headers().firstValue("Content-Disposition").orElseThrow()).contains("cspguard-run-" + t.run3
                        + "-" + TAILSPIN + ".");
            }
            assertThat(d.audit.withAction("export.downloaded")).hasSize(10).contains(
                    new AuditEvent("olga", "192.0.2.7", null, "export.downloaded", "run " + t.run3 + " html", "success", null),
                    new AuditEvent("olga", "192.0.2.7", TAILSPIN, "export.downloaded", "run " + t.run3 + " csv", "success", null));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void badDownloadsAnswerAMessageAndAreNotAudited(TestDatabases.Kind kind, @TempDir Path dir) throws Exception {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            d.fixture.report(t.run3, StoredAssessmentTest.json(StoredAssessmentTest.exampleAssessment()));
            assertThat(d.get(OPERATOR, "/runs/" + t.run3 + "/report.pdf").statusCode()).isEqualTo(404);
            assertThat(d.get(OPERATOR, "/runs/" + t.run3 + "/other.json").statusCode()).isEqualTo(404);
            HttpResponse<String> noTenant = d.get(OPERATOR, "/runs/" + t.run3 + "/report.json?tenant=%3Cscript%3E");
            assertThat(noTenant.statusCode()).isEqualTo(404);
            assertThat(noTenant.body()).contains("tenant '&lt;script&gt;' is not in run " + t.run3);
            assertThat(d.get(OPERATOR, "/runs/" + t.run2 + "/report.json").body()).contains("has no stored report");
            assertThat(d.get(OPERATOR, "/runs/x/report.json").statusCode()).isEqualTo(400);
            assertThat(d.get("vera:viewer", "/runs/" + t.run3 + "/report.json").statusCode()).isEqualTo(403);
            assertThat(d.audit.withAction("export.downloaded")).isEmpty();
            assertThat(ReportDownloads.fileName(7, "../\"x\r\n", ReportFormat.CSV)).isEqualTo("cspguard-run-7-..__x__.csv");
        }
    }
}
