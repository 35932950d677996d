package io.cspguard.web.pages;

import static io.cspguard.web.pages.ThreeTenants.A;
import static io.cspguard.web.pages.ThreeTenants.B;
import static io.cspguard.web.pages.ThreeTenants.F1;
import static io.cspguard.web.pages.ThreeTenants.F2;
import static io.cspguard.web.pages.ThreeTenants.F4;
import static io.cspguard.web.pages.ThreeTenants.P;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditEvent;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Each page shows the fixture's facts (ThreeTenants), on H2 and PostgreSQL. */
class DashboardPagesTest {
    static final String VIEWER = "vera:viewer";
    static final String OPERATOR = "olga:operator";

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void overviewShowsTheLatestStoredRunItsTrendAndTheMatrix(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            HttpResponse<String> r = d.get(VIEWER, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            String html = r.body();
            assertThat(html).contains("Latest stored run <a href=\"/runs/" + t.run3 + "\">#" + t.run3 + "</a>");
            // run 3: 78 results: 2 FAIL, 1 NOT_ASSESSED, 1 NOT_APPLICABLE, 74 PASS.
            assertThat(count(html, "status-FAIL\" href=\"/?status=FAIL\"><span class=\"n\">2</span>")).isEqualTo(1);
            assertThat(html).contains("<span class=\"n\">74</span> pass", "<span class=\"n\">1</span> not assessed");
            // The trend: five series over the three stored runs (not the failed fourth).
            assertThat(count(html, "<polyline class=\"line line-")).isEqualTo(5);
            assertThat(html).contains(">#1</text>", ">#3</text>").doesNotContain(">#4</text>");
            // Partner first, then customers by name; a FAIL cell links to the tenant's control, with its status in words.
            assertThat(html.indexOf("Contoso Partner")).isLessThan(html.indexOf("Fabrikam"));
            assertThat(html.indexOf("Fabrikam")).isLessThan(html.indexOf("Tailspin"));
            assertThat(html).contains("<td class=\"cell status-FAIL\"><a href=\"/tenants/" + A + "#control-CSP.MFA.2\""
                    + " title=\"CSP.MFA.2: fail, 1 open finding\" aria-label=\"CSP.MFA.2: fail, 1 open finding\">1</a></td>");
            assertThat(html).contains("title=\"CSP.MON.2: not assessed\"");
            assertThat(count(html, "<td class=\"cell ")).isEqualTo(3 * 26);
            // Operators get the downloads of the latest run; viewers do not.
            assertThat(html).doesNotContain("/report.html");
            assertThat(d.get(OPERATOR, "/").body()).contains("href=\"/runs/" + t.run3 + "/report.html\"");
            assertThat(d.audit.events()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void overviewFiltersBySearchStatusLicenceAndRole(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants.fill(d.fixture);
            assertThat(rows(d.get(VIEWER, "/?q=FABRIK").body())).containsExactly(A);
            assertThat(rows(d.get(VIEWER, "/?q=3333-3333").body())).containsExactly(B);
            assertThat(rows(d.get(VIEWER, "/?q=%25").body())).isEmpty();
            assertThat(rows(d.get(VIEWER, "/?status=NOT_ASSESSED").body())).containsExactly(P);
            assertThat(rows(d.get(VIEWER, "/?status=fail").body())).containsExactly(A, B);
            assertThat(rows(d.get(VIEWER, "/?licence=P1").body())).containsExactly(A);
            assertThat(rows(d.get(VIEWER, "/?role=partner").body())).containsExactly(P);
            assertThat(rows(d.get(VIEWER, "/?role=customer&status=FAIL&q=tail").body())).containsExactly(B);
            assertThat(d.get(VIEWER, "/?role=customer&q=nobody").body()).contains("No tenant matches these filters.");

            HttpResponse<String> badStatus = d.get(VIEWER, "/?status=BROKEN");
            assertThat(badStatus.statusCode()).isEqualTo(400);
            assertThat(badStatus.body()).contains("'BROKEN' is not a status: use one of PASS, FAIL");
            assertThat(d.get(VIEWER, "/?role=admin").statusCode()).isEqualTo(400);
            assertThat(d.get(VIEWER, "/?page=abc").statusCode()).isEqualTo(400);
            assertThat(d.get(VIEWER, "/?page=0").statusCode()).isEqualTo(400);
            assertThat(d.get(VIEWER, "/?page=2").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void overviewPagesFiftyTenantsAtATimeAndKeepsTheFilters(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            for (int i = 0; i < 120; i++) {
                String id = String.format("c0000000-0000-0000-0000-%012d", i);
                d.fixture.tenant(id, String.format("Customer %03d", i), "customer", "P1", t.run3, null);
                d.fixture.runTenant(t.run3, id, String.format("Customer %03d", i), "[]");
                d.fixture.result(t.run3, id, "CSP.MFA.1", i % 2 == 0 ? "FAIL" : "PASS", "s", null, i % 2, 0);
            }
            String first = d.get(VIEWER, "/").body();
            assertThat(rows(first)).hasSize(50).startsWith(P);
            assertThat(first).contains("Tenants 1–50 of 123.", "Page 1 of 3", "href=\"/?page=2\" rel=\"next\"");
            String third = d.get(VIEWER, "/?page=3").body();
            assertThat(rows(third)).hasSize(23);
            assertThat(third).contains("Tenants 101–123 of 123.", "href=\"/?page=2\" rel=\"prev\"").doesNotContain("rel=\"next\"");

            String filtered = d.get(VIEWER, "/?q=customer&status=FAIL&licence=P1").body();
            assertThat(rows(filtered)).hasSize(50);
            assertThat(filtered).contains("Tenants 1–50 of 60.", "href=\"/?q=customer&amp;status=FAIL&amp;licence=P1&amp;page=2\"");
            assertThat(rows(d.get(VIEWER, "/?q=customer&status=FAIL&licence=P1&page=2").body())).hasSize(10);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void tenantPageShowsItsResultsAndOpenFindingsAndIsAudited(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            String html = d.get(VIEWER, "/tenants/" + A).body();
            assertThat(html).contains("<h1>Fabrikam &lt;script&gt;alert(1)&lt;/script&gt;</h1>", "P1",
                    "<a href=\"/runs/" + t.run3 + "\">#" + t.run3 + "</a>",
                    "signIns.json unreadable", "<tr id=\"control-CSP.MFA.2\">", "href=\"/findings/" + F1 + "\"");
            assertThat(count(html, "<tr id=\"control-")).isEqualTo(26);
            assertThat(html).contains("<td class=\"status-FAIL\">fail</td>");
            assertThat(html).doesNotContain(F4); // resolved: not an open finding
            assertThat(html).doesNotContain("/report.html?tenant=");
            assertThat(d.get(OPERATOR, "/tenants/" + A).body()).contains("href=\"/runs/" + t.run3 + "/report.html?tenant=" + A + "\"");

            assertThat(d.audit.withAction("tenant.viewed")).containsExactly(
                    new AuditEvent("vera", "192.0.2.7", A, "tenant.viewed", A, "success", null),
                    new AuditEvent("olga", "192.0.2.7", A, "tenant.viewed", A, "success", null));

            HttpResponse<String> unknown = d.get(VIEWER, "/tenants/nope%22%3E%3Cb%3E");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no tenant 'nope\"&gt;&lt;b&gt;'").doesNotContain("<b>");
            assertThat(d.audit.withAction("tenant.viewed")).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void controlPagesShowTheCatalogAndWhoFails(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants.fill(d.fixture);
            String list = d.get(VIEWER, "/controls").body();
            assertThat(count(list, "<tr>\n      <td><a href=\"/controls/CSP.")).isEqualTo(26);
            assertThat(list).contains("<a href=\"/controls/CSP.PRIV.3\">CSP.PRIV.3</a>");

            String html = d.get(VIEWER, "/controls/CSP.PRIV.3").body();
            assertThat(html).contains("CSP.PRIV.3: ", "Remediation", "Tailspin \"&gt;&lt;img src=x onerror=alert(1)&gt;",
                    "href=\"/tenants/" + B + "\"", "<a href=\"/findings/" + F2 + "\">javascript:alert(1)</a>");
            assertThat(html).doesNotContain("Fabrikam");
            assertThat(d.get(VIEWER, "/controls/CSP.MFA.3").body()).contains("No tenant fails this control.");
            assertThat(d.get(VIEWER, "/controls/CSP.NOPE.9").statusCode()).isEqualTo(404);
            // it names every tenant's failing users: audited, once per control page served, never for the catalog
            assertThat(d.audit.withAction("control.viewed")).extracting(AuditEvent::actor, AuditEvent::target)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("vera", "CSP.PRIV.3"),
                            org.assertj.core.groups.Tuple.tuple("vera", "CSP.MFA.3"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void findingPageShowsEvidenceWhyRemediationAndHistory(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            String html = d.get(VIEWER, "/findings/" + F1).body();
            assertThat(html).contains("<code>no-mfa</code>", "u-0001", "<dd>\"&gt;&lt;img src=x onerror=alert(1)&gt;</dd>",
                    "Summary \"&gt;&lt;img", "<dt>Reopened</dt><dd>1 time</dd>", "No live exception covers this finding.");
            String history = html.substring(html.indexOf("<h2>History</h2>"));
            assertThat(history).containsSubsequence("#" + t.run1, "event-new", "#" + t.run2, "event-resolved",
                    "#" + t.run3, "event-reopened");
            assertThat(html).contains(io.cspguard.controls.ControlRegistry.info("CSP.MFA.2").orElseThrow().remediation()
                    .substring(0, 20));
            // The request form is for operators, with the CSRF token and the finding's scope filled in.
            assertThat(html).doesNotContain("action=\"/exceptions\"");
            String op = d.get(OPERATOR, "/findings/" + F1).body();
            assertThat(op).contains("action=\"/exceptions\"", "name=\"_csrf\" value=\"test-csrf-token\"",
                    "name=\"tenant\" value=\"" + A + "\"", ">u-0001</textarea>");
            assertThat(d.audit.withAction("finding.viewed")).extracting(AuditEvent::tenantId, AuditEvent::target)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(A, F1));

            String resolved = d.get(OPERATOR, "/findings/" + F4).body();
            assertThat(resolved).contains("<dt>Resolved</dt>").doesNotContain("action=\"/exceptions\"");
            assertThat(d.get(VIEWER, "/findings/unknown").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void runHistoryAndEachRunsDiffAgainstThePreviousStoredRun(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            String runs = d.get(VIEWER, "/runs").body();
            assertThat(runs).containsSubsequence("#" + t.run4, "failed", "collection failed: &lt;script&gt;",
                    "#" + t.run3, "manual", "bob", "#" + t.run2, "alice", "#" + t.run1, "schedule");
            assertThat(runs).doesNotContain("Start a run now");

            String second = d.get(VIEWER, "/runs/" + t.run2).body();
            assertThat(second).contains("<a href=\"/runs/" + t.run1 + "\">run #" + t.run1 + "</a>");
            assertThat(section(second, "New findings")).contains("/findings/" + F4).doesNotContain(F1);
            assertThat(section(second, "Resolved findings")).contains("/findings/" + F1).doesNotContain(F4);
            assertThat(section(second, "Reopened findings")).contains("None.");

            String third = d.get(VIEWER, "/runs/" + t.run3).body();
            assertThat(section(third, "New findings")).contains("None.");
            assertThat(section(third, "Resolved findings")).contains("/findings/" + F4);
            assertThat(section(third, "Reopened findings")).contains("/findings/" + F1,
                    "Fabrikam &lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(d.get(VIEWER, "/runs/" + t.run1).body()).contains("no earlier stored run");
            assertThat(d.audit.withAction("run.viewed")).extracting(AuditEvent::target)
                    .startsWith("run " + t.run2, "run " + t.run3, "run " + t.run1);
            assertThat(d.get(VIEWER, "/runs/" + t.run4).body()).contains("This run was not stored");

            assertThat(d.get(VIEWER, "/runs/abc").statusCode()).isEqualTo(400);
            assertThat(d.get(VIEWER, "/runs/-1").statusCode()).isEqualTo(400);
            assertThat(d.get(VIEWER, "/runs/99999").statusCode()).isEqualTo(404);
            assertThat(d.get(VIEWER, "/runs?page=x").statusCode()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void operatorsStartRunsAndSeeARefusal(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants.fill(d.fixture);
            assertThat(d.get(OPERATOR, "/runs").body()).contains("Start a run now", "name=\"_csrf\" value=\"test-csrf-token\"");
            HttpResponse<String> started = d.post(OPERATOR, "/runs", Map.of());
            assertThat(started.statusCode()).isEqualTo(303);
            assertThat(started.headers().firstValue("Location")).hasValue("/runs?started=101");
            assertThat(d.launches).containsExactly("olga@192.0.2.7");
            assertThat(d.get(OPERATOR, "/runs?started=101").body()).contains("Run #101 started");

            d.refuseLaunch = "a run is already in progress <b>";
            HttpResponse<String> refused = d.post(OPERATOR, "/runs", Map.of());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("The run was not started: a run is already in progress &lt;b&gt;");
            assertThat(d.launches).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEmptyStoreRendersEveryPage(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            assertThat(d.get(OPERATOR, "/").body()).contains("No run has been stored yet.");
            assertThat(d.get(VIEWER, "/controls").body()).contains("the counts appear after the first one");
            assertThat(d.get(VIEWER, "/controls/CSP.MFA.1").statusCode()).isEqualTo(200);
            assertThat(d.get(VIEWER, "/runs").body()).contains("No run yet.");
            assertThat(d.get(VIEWER, "/exceptions").body()).contains("No exception.");
        }
    }

    static String section(String html, String heading) {
        int start = html.indexOf("<h2>" + heading);
        int end = html.indexOf("<h2>", start + 4);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    /** The tenant ids of the matrix's rows, in order. */
    static java.util.List<String> rows(String html) {
        Matcher m = Pattern.compile("<th scope=\"row\"><a href=\"/tenants/([^\"]+)\">").matcher(html);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
