package io.cspguard.web.pages;

import static io.cspguard.web.pages.ThreeTenants.A;
import static io.cspguard.web.pages.ThreeTenants.B;
import static io.cspguard.web.pages.ThreeTenants.F1;
import static io.cspguard.web.pages.ThreeTenants.F2;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every route asks for its role, and hostile tenant strings (names, objects, details, errors, reasons) appear only
 * escaped, in every page: no script, no injected element or attribute, no javascript: link, no inline style.
 */
class DashboardSecurityTest {
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void everyRouteRefusesAnonymousAndUnderPrivilegedUsers(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            long exception = d.exceptions.request(A, "CSP.MFA.2", List.of(), "why", java.time.LocalDate.parse("2026-06-01"),
                    "olga", "ip");
            List<String> reads = List.of("/", "/tenants/" + A, "/controls", "/controls/CSP.MFA.2", "/findings/" + F1,
                    "/runs", "/runs/" + t.run3, "/exceptions");
            for (String path : reads) {
                assertThat(d.get(null, path).statusCode()).as(path).isEqualTo(401);
                assertThat(d.get("vera:viewer", path).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(d.get("vera:viewer", "/runs/" + t.run3 + "/report.json").statusCode()).isEqualTo(403);
            assertThat(d.get(null, "/runs/" + t.run3 + "/report.json").statusCode()).isEqualTo(401);

            assertThat(d.post(null, "/runs", Map.of()).statusCode()).isEqualTo(401);
            assertThat(d.post("vera:viewer", "/runs", Map.of()).statusCode()).isEqualTo(403);
            assertThat(d.post("vera:viewer", "/exceptions", ExceptionPagesTest.request("x", "2026-06-01")).statusCode())
                    .isEqualTo(403);
            for (String action : List.of("approve", "reject", "revoke")) {
                String path = "/exceptions/" + exception + "/" + action;
                assertThat(d.post(null, path, Map.of()).statusCode()).as(path).isEqualTo(401);
                assertThat(d.post("vera:viewer", path, Map.of()).statusCode()).as(path).isEqualTo(403);
                assertThat(d.post("olga:operator", path, Map.of()).statusCode()).as(path).isEqualTo(403);
            }
            // The test security layer refuses a POST without the form's CSRF token; the pages' forms carry it.
            assertThat(d.post("olga:operator", "/runs", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
            assertThat(d.launches).isEmpty();
            assertThat(d.exceptions.get(exception).orElseThrow().status()).isEqualTo("requested");
            // Operators see no approve buttons; approvers do.
            assertThat(d.get("olga:operator", "/exceptions").body()).doesNotContain("/approve\"");
            assertThat(d.get("bob:approver", "/exceptions").body()).contains("/approve\"");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void hostileStringsAreEscapedInEveryPage(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants t = ThreeTenants.fill(d.fixture);
            d.exceptions.request(A, "CSP.MFA.2", List.of(ThreeTenants.SCRIPT, ThreeTenants.JS_URL),
                    "because " + ThreeTenants.IMG, java.time.LocalDate.parse("2026-06-01"), "mallory<script>", "ip");
            List<String> pages = List.of("/", "/?q=" + java.net.URLEncoder.encode(ThreeTenants.IMG, java.nio.charset.StandardCharsets.UTF_8),
                    "/tenants/" + A, "/tenants/" + B, "/controls", "/controls/CSP.MFA.2", "/controls/CSP.PRIV.3",
                    "/findings/" + F1, "/findings/" + F2, "/runs", "/runs/" + t.run1, "/runs/" + t.run2, "/runs/" + t.run3,
                    "/runs/" + t.run4, "/exceptions", "/tenants/%3Cscript%3E", "/findings/%22%3E%3Cimg%20src=x%3E");
            for (String path : pages) {
                HttpResponse<String> r = d.get("bob:approver", path);
                String html = r.body();
                assertThat(html).as(path).doesNotContain("<script", "<img", "\"><img", "href=\"javascript:",
                        "style=\"", " style=");
                assertThat(html).as(path).contains("<link rel=\"stylesheet\" href=\"/static/app.css\">");
            }
            String all = String.join("", pages.stream().map(p -> d.get("bob:approver", p).body()).toList());
            // Text escapes <, > and &; attributes escape ", < and & (JTE's contexts).
            assertThat(all).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "\"&gt;&lt;img src=x onerror=alert(1)&gt;",
                    ">javascript:alert(1)</");
            // The hostile search is echoed only inside the escaped value attribute.
            assertThat(d.get("vera:viewer", "/?q=%22%3E%3Cimg%20src%3Dx%3E").body())
                    .contains("name=\"q\" value=\"&#34;>&lt;img src=x>\"");
        }
    }
}
