package io.cspguard.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditEntry;
import io.cspguard.audit.VerifyReport;
import io.cspguard.result.Assessment;
import io.cspguard.result.Finding;
import io.cspguard.result.TenantResult;
import io.cspguard.web.Role;
import io.cspguard.web.e2e.Assessments;
import io.cspguard.web.e2e.E2eServer;
import io.cspguard.web.e2e.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A partner's day on the real dashboard in headless Chromium: an operator signs in with password and TOTP, reads
 * the matrix, opens a tenant and a finding, requests an exception and signs out; an approver (another account)
 * approves it, sees it live and downloads the run's reports; and the audit trail holds every step, intact.
 */
class BrowserJourneyTest {
    private static Assessment example;

    @BeforeAll
    static void assess() throws Exception {
        example = Assessments.example();
    }

    @Test
    void operatorRequestsApproverApprovesAndDownloads(@TempDir Path dir) throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        try (E2eServer server = new E2eServer(dir.resolve("server"))) {
            long run = server.store(example);
            String olga = server.totpUser("olga", Role.OPERATOR);
            String bob = server.totpUser("bob", Role.APPROVER);
            TenantResult tenant = example.tenants().stream().filter(t -> Assessments.openFinding(t).isPresent())
                    .filter(t -> !t.tenantId().equals(example.partnerTenantId())).findFirst().orElseThrow();
            Finding finding = Assessments.openFinding(tenant).orElseThrow();
            ChromeDriver browser = Browser.open(downloads);
            try {
                // an anonymous visit is sent to sign in, and back to the page after it
                browser.get(server.url("/"));
                assertThat(browser.getCurrentUrl()).startsWith(server.url("/signin?next="));
                Ui.signInWithTotp(browser, "olga", E2eServer.PASSWORD, server.code(olga));
                assertThat(browser.getCurrentUrl()).isEqualTo(server.url("/"));
                assertThat(Ui.whoIsSignedIn(browser)).isEqualTo("olga (operator)");

                // the matrix: a row per tenant, a cell per control coloured by status
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Partner overview");
                List<String> rowNames = browser.findElements(By.cssSelector("table.matrix tbody th[scope=row] a"))
                        .stream().map(WebElement::getText).toList();
                assertThat(rowNames).containsExactlyInAnyOrderElementsOf(
                        example.tenants().stream().map(TenantResult::displayName).toList());
                List<WebElement> cells = browser.findElements(By.cssSelector("table.matrix td.cell"));
                assertThat(cells.size()).as("a cell per tenant and catalog control")
                        .isEqualTo(example.tenants().size() * io.cspguard.controls.ControlRegistry.ids().size());
                Set<String> statusClasses = cells.stream().map(c -> c.getAttribute("class").replace("cell", "").strip())
                        .collect(Collectors.toSet());
                assertThat(statusClasses).contains("status-PASS", "status-FAIL").allMatch(c -> c.startsWith("status-"));
                assertThat(cells.stream().filter(c -> c.getAttribute("class").contains("status-FAIL")).findFirst()
                        .orElseThrow().findElement(By.tagName("a")).getAttribute("aria-label")).containsIgnoringCase("fail");

                // a tenant, then one of its findings with the evidence
                browser.findElement(By.linkText(tenant.displayName())).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(server.url("/tenants/" + tenant.tenantId()));
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(tenant.displayName());
                browser.findElement(By.cssSelector("table.findings a[href='/findings/" + finding.findingId() + "']")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(server.url("/findings/" + finding.findingId()));
                String evidence = browser.findElement(By.cssSelector("dl.facts")).getText();
                assertThat(evidence).contains(finding.findingId(), finding.rule(), tenant.displayName());
                if (finding.objectName() != null && !finding.objectName().isBlank()) {
                    assertThat(evidence).contains(finding.objectName());
                }

                // request an exception from the finding's own form (tenant, control and object filled in)
                WebElement form = browser.findElement(By.cssSelector("form.exception-request"));
                assertThat(form.findElement(By.name("tenant")).getAttribute("value")).isEqualTo(tenant.tenantId());
                form.findElement(By.name("reason")).sendKeys("Compensating control: the account is monitored daily");
                String expires = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC).plusDays(30).toString();
                browser.executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("expires")), expires);
                form.findElement(By.cssSelector("button[type=submit]")).click();
                Ui.waitUpTo(browser, 10).until(ExpectedConditions.urlContains("done=requested"));
                long exceptionId = idIn(browser.getCurrentUrl());
                assertThat(browser.findElement(By.cssSelector("p.notice")).getText())
                        .startsWith("Exception #" + exceptionId + " requested");
                // the requester sees no approve button (an operator cannot approve at all)
                assertThat(browser.findElements(By.cssSelector("form[action='/exceptions/" + exceptionId + "/approve']")))
                        .isEmpty();

                Ui.signOut(browser);
                browser.get(server.url("/exceptions"));
                assertThat(browser.getCurrentUrl()).startsWith(server.url("/signin?next="));

                // the approver: another account, its own code
                Ui.signInWithTotp(browser, "bob", E2eServer.PASSWORD, server.code(bob));
                assertThat(browser.getCurrentUrl()).isEqualTo(server.url("/exceptions"));
                WebElement row = browser.findElement(By.xpath("//table[@class='exceptions']//tr[td[1]='" + exceptionId + "']"));
                assertThat(row.getAttribute("class")).isEqualTo("exception-requested");
                assertThat(row.getText()).contains("olga", tenant.tenantId(), finding.objectId());
                row.findElement(By.cssSelector("form[action='/exceptions/" + exceptionId + "/approve'] button")).click();
                Ui.waitUpTo(browser, 10).until(ExpectedConditions.urlContains("done=approved"));
                row = browser.findElement(By.xpath("//table[@class='exceptions']//tr[td[1]='" + exceptionId + "']"));
                assertThat(row.getAttribute("class")).isEqualTo("exception-live");
                assertThat(row.findElement(By.cssSelector(".tag")).getText()).isEqualTo("live");
                assertThat(row.getText()).contains("approved by bob");
                assertThat(server.exceptions.get(exceptionId).orElseThrow().status()).isEqualTo("live");

                // the run's reports, downloaded from its page
                browser.get(server.url("/runs/" + run));
                browser.findElement(By.linkText("CSV")).click();
                Path csv = Ui.downloaded(downloads, "cspguard-run-" + run + ".csv");
                browser.findElement(By.linkText("HTML")).click();
                Path html = Ui.downloaded(downloads, "cspguard-run-" + run + ".html");
                String csvText = Files.readString(csv, StandardCharsets.UTF_8);
                assertThat(csvText).startsWith("tenantId,tenantName,controlId");
                Set<String> runFindings = example.tenants().stream().flatMap(t -> t.results().stream())
                        .flatMap(r -> r.findings().stream()).map(Finding::findingId).collect(Collectors.toSet());
                assertThat(runFindings).isNotEmpty().allMatch(csvText::contains);
                String htmlText = Files.readString(html, StandardCharsets.UTF_8);
                assertThat(htmlText).contains("<title>CSP Guard report</title>");
                for (TenantResult t : example.tenants()) {
                    assertThat(htmlText).contains(t.displayName().replace("&", "&amp;"));
                }
            } finally {
                browser.quit();
            }

            List<AuditEntry> trail = server.auditEntries();
            assertThat(trail).anyMatch(e -> is(e, "olga", "signin.success") && "totp".equals(e.target()))
                    .anyMatch(e -> is(e, "bob", "signin.success") && "totp".equals(e.target()))
                    .anyMatch(e -> is(e, "olga", "tenant.viewed") && tenant.tenantId().equals(e.tenantId()))
                    .anyMatch(e -> is(e, "olga", "finding.viewed") && finding.findingId().equals(e.target()))
                    .anyMatch(e -> is(e, "olga", "exception.requested") && tenant.tenantId().equals(e.tenantId()))
                    .anyMatch(e -> is(e, "olga", "signout"))
                    .anyMatch(e -> is(e, "bob", "exception.approved"))
                    .anyMatch(e -> is(e, "bob", "export.downloaded") && ("run " + run + " csv").equals(e.target()))
                    .anyMatch(e -> is(e, "bob", "export.downloaded") && ("run " + run + " html").equals(e.target()));
            assertThat(trail).filteredOn(e -> e.action().startsWith("signin.success"))
                    .allMatch(e -> e.sourceIp() != null && !e.sourceIp().isBlank());
            VerifyReport report = server.audit.verify();
            assertThat(report.intact()).as(report.summary() + " " + report.problems()).isTrue();
            assertThat(report.entries()).isEqualTo(trail.size());
        }
    }

    @Test
    void anApproverCannotApproveTheirOwnRequest(@TempDir Path dir) {
        try (E2eServer server = new E2eServer(dir)) {
            server.store(example);
            String secret = server.totpUser("alice", Role.APPROVER);
            WebClient alice = new WebClient(server.base()).signIn("alice", E2eServer.PASSWORD, server.code(secret));
            String tenant = example.tenants().getLast().tenantId();
            String expires = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC).plusDays(10).toString();
            HttpResponse<String> requested = alice.postWithCsrf("/exceptions", Map.of("tenant", tenant,
                    "control", "CSP.MFA.2", "objects", "", "reason", "pilot group", "expires", expires));
            assertThat(requested.statusCode()).isEqualTo(303);
            long id = idIn(requested.headers().firstValue("Location").orElseThrow());

            // the page offers her no approve button for her own request, and says why
            String page = alice.get("/exceptions").body();
            assertThat(page).doesNotContain("/exceptions/" + id + "/approve\"")
                    .contains("your request: someone else approves it");
            // a direct POST is refused, changes nothing and is audited as denied
            HttpResponse<String> approved = alice.postWithCsrf("/exceptions/" + id + "/approve", Map.of());
            assertThat(approved.statusCode()).isEqualTo(409);
            assertThat(approved.body()).contains("separation of duties");
            assertThat(server.exceptions.get(id).orElseThrow().status()).isEqualTo("requested");
            assertThat(server.auditEntries()).anyMatch(e -> "alice".equals(e.actor())
                    && "exception.approved".equals(e.action()) && "denied".equals(e.result())
                    && ("exception " + id).equals(e.target()) && e.detail().contains("separation of duties"));
            assertThat(server.audit.verify().intact()).isTrue();
        }
    }

    private static boolean is(AuditEntry e, String actor, String action) {
        return actor.equals(e.actor()) && action.equals(e.action()) && !"denied".equals(e.result());
    }

    private static long idIn(String url) {
        Matcher m = Pattern.compile("[?&]id=(\\d+)").matcher(url);
        assertThat(m.find()).as("an id in " + url).isTrue();
        return Long.parseLong(m.group(1));
    }
}
