package io.cspguard.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.TenantResult;
import io.cspguard.web.Role;
import io.cspguard.web.browser.Browser;
import io.cspguard.web.browser.Ui;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The simulator's {@code hostile} scenario through the whole dashboard: a world whose tenant, user, group, app and
 * policy names carry HTML, JavaScript and spreadsheet-formula payloads is assessed by CSP Guard's own assessor,
 * stored through the real store, and then every page (overview, every tenant, every control, every finding, runs,
 * the run, exceptions, admin pages) and every download format is fetched: no payload becomes an element, an
 * attribute, a script or a link, the headers forbid inline script, and in Chromium nothing runs.
 */
class HostileTenantTest {
    /** A payload of our own that would change the page's title if it ever ran. */
    static final String TITLE_IMG = "<img src=x onerror=\"document.title='pwned'\">";
    static final String TITLE_SVG = "\"><svg onload=\"document.title='pwned'\">";
    static final String TITLE_SCRIPT = "<script>document.title='pwned'</script>";
    /** Payloads of the simulator's hostile scenario (sim's Names.HOSTILE) that are markup. */
    static final List<String> SIM_MARKUP = List.of("<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>",
            "<svg/onload=alert('x')>");
    static final List<String> RAW = List.of(TITLE_IMG, TITLE_SVG, TITLE_SCRIPT, SIM_MARKUP.get(0), SIM_MARKUP.get(1),
            SIM_MARKUP.get(2), "<script>", "<img src=x", "<svg/onload", "<svg onload");

    @TempDir
    static Path dir;
    private static E2eServer server;
    private static WebClient admin;
    private static Assessment stored;
    private static long run;
    private static TenantResult hostileTenant;
    private static Finding hostileFinding;

    @BeforeAll
    static void storeAHostileWorld() throws Exception {
        Assessment world = Assessments.world(18, 4, true, dir.resolve("world"));
        // the simulator's payloads are in the data (a precondition: this seed puts markup in names and findings)
        assertThat(world.tenants()).as("tenants named with markup by the hostile scenario")
                .anyMatch(t -> SIM_MARKUP.stream().anyMatch(t.displayName()::contains)
                        || t.displayName().contains("javascript:") || t.displayName().contains("=HYPERLINK"));
        assertThat(findings(world)).as("findings whose object names carry markup")
                .anyMatch(f -> f.objectName() != null && f.objectName().contains("<"));
        // and two of our own, that would change the title if they ran
        hostileTenant = world.tenants().stream().filter(t -> !t.tenantId().equals(world.partnerTenantId()))
                .filter(t -> Assessments.openFinding(t).isPresent()).findFirst().orElseThrow();
        hostileFinding = Assessments.openFinding(hostileTenant).orElseThrow();
        Assessment withOurs = Assessments.renameTenant(world, hostileTenant.tenantId(), n -> n + " " + TITLE_IMG);
        stored = Assessments.changeFinding(withOurs, hostileFinding.findingId(), n -> TITLE_SVG + " " + n,
                d -> TITLE_SCRIPT + " " + d);

        server = new E2eServer(dir.resolve("server"));
        run = server.store(stored);
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
        server.exceptions.request(hostileTenant.tenantId(), controlOf(hostileFinding),
                List.of(TITLE_IMG, "javascript:alert(1)"),
                "because " + TITLE_SCRIPT, today.plusDays(20), "requester " + TITLE_SVG, "192.0.2.7");
        server.users().createOidc("evil" + TITLE_IMG + "@contoso.example", Role.VIEWER, "test");
        String secret = server.totpUser("ada", Role.ADMIN);
        admin = new WebClient(server.base()).signIn("ada", E2eServer.PASSWORD, server.code(secret));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theScannerSeesInjectedMarkup() {
        // the check below is only worth something if it flags what an unescaped payload would become
        assertThat(HtmlScan.activeContent("<p>x <img src=x onerror=alert(1)></p>")).isNotEmpty();
        assertThat(HtmlScan.activeContent("<p>\"><script>alert(1)</script></p>")).isNotEmpty();
        assertThat(HtmlScan.activeContent("<p><svg/onload=alert('x')></p>")).isNotEmpty();
        assertThat(HtmlScan.activeContent("<a href=\"javascript:alert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlScan.activeContent("<a href=\"/x\" title=\"\" onmouseover=\"alert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlScan.activeContent("<p style=\"color:red\">x</p>")).isNotEmpty();
        assertThat(HtmlScan.activeContent("<p>&lt;img src=x onerror=alert(1)&gt; &#34;&gt;</p>"
                + "<a href=\"/t\" title=\"&#34;>&lt;svg onload=x>\">t</a><script src=\"/static/passkey.js\"></script>"))
                .isEmpty();
    }

    @Test
    void everyPageShowsThePayloadsAsText() {
        List<String> paths = new ArrayList<>(List.of("/", "/?q=" + enc(TITLE_IMG), "/controls", "/runs", "/runs/" + run,
                "/exceptions", "/admin/users", "/admin/settings", "/tenants/" + enc(TITLE_IMG),
                "/findings/" + enc(TITLE_SVG)));
        ControlRegistry.ids().forEach(c -> paths.add("/controls/" + enc(c)));
        stored.tenants().forEach(t -> paths.add("/tenants/" + enc(t.tenantId())));
        findings(stored).stream().map(Finding::findingId).distinct().forEach(f -> paths.add("/findings/" + enc(f)));

        List<String> problems = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (String path : paths) {
            HttpResponse<String> r = admin.get(path);
            boolean unknownId = path.startsWith("/tenants/%3C") || path.startsWith("/findings/%22");
            if (r.statusCode() != (unknownId ? 404 : 200)) {
                problems.add(path + ": status " + r.statusCode());
            }
            if (!r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'")) {
                problems.add(path + ": no Content-Security-Policy");
            }
            String html = r.body();
            HtmlScan.activeContent(html).forEach(p -> problems.add(path + ": " + p));
            RAW.stream().filter(html::contains).forEach(p -> problems.add(path + ": raw payload " + p));
            all.append(html);
        }
        assertThat(paths.size()).as("pages fetched").isGreaterThan(60);
        assertThat(problems).isEmpty();
        // the payloads are there, as text: the test looked at pages that hold them
        assertThat(all.toString()).contains("&lt;img src=x onerror=", "&lt;script&gt;document.title=",
                "&lt;svg onload=");
    }

    @Test
    void everyDownloadKeepsThePayloadsInert() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        for (String scope : List.of("", "?tenant=" + enc(hostileTenant.tenantId()))) {
            for (String format : List.of("json", "html", "csv", "md", "ocsf")) {
                String path = "/runs/" + run + "/report." + format + scope;
                HttpResponse<byte[]> r = admin.bytes(path);
                String body = new String(r.body(), StandardCharsets.UTF_8);
                String disposition = r.headers().firstValue("Content-Disposition").orElse("");
                if (r.statusCode() != 200 || !disposition.matches("attachment; filename=\"cspguard-run-\\d+[A-Za-z0-9._-]*\"")) {
                    problems.add(path + ": " + r.statusCode() + " " + disposition);
                }
                if (!"nosniff".equals(r.headers().firstValue("X-Content-Type-Options").orElse(""))) {
                    problems.add(path + ": no nosniff");
                }
                switch (format) {
                    case "json" -> assertThat(json.readTree(body).toString()).as(path).contains("document.title='pwned'");
                    case "ocsf" -> body.lines().forEach(line -> {
                        try {
                            json.readTree(line);
                        } catch (Exception e) {
                            problems.add(path + ": a line that is not JSON: " + line);
                        }
                    });
                    case "html" -> {
                        HtmlScan.scriptsOrHandlers(body).forEach(p -> problems.add(path + ": " + p));
                        RAW.stream().filter(body::contains).forEach(p -> problems.add(path + ": raw payload " + p));
                    }
                    case "md" -> List.of("<img", "<script", "<svg").stream().filter(body::contains)
                            .forEach(p -> problems.add(path + ": raw " + p));
                    case "csv" -> Csv.cells(body).stream().filter(formula())
                            .forEach(c -> problems.add(path + ": a cell a spreadsheet runs: " + c));
                    default -> throw new IllegalStateException(format);
                }
            }
        }
        assertThat(problems).isEmpty();
        JsonNode tenantOnly = json.readTree(admin.bytes("/runs/" + run + "/report.json?tenant="
                + enc(hostileTenant.tenantId())).body());
        assertThat(tenantOnly.toString()).contains(TITLE_IMG.replace("\"", "\\\""));
    }

    @Test
    void inChromiumNothingRuns() {
        String secret = server.totpUser("vic", Role.VIEWER);
        ChromeDriver browser = Browser.open(dir.resolve("downloads"));
        try {
            browser.get(server.url("/signin"));
            Ui.signInWithTotp(browser, "vic", E2eServer.PASSWORD, server.code(secret));
            for (String path : List.of("/", "/tenants/" + enc(hostileTenant.tenantId()),
                    "/findings/" + enc(hostileFinding.findingId()), "/exceptions")) {
                browser.get(server.url(path));
                // the payloads set the title to exactly "pwned" if they ran; as text, they are part of a longer title
                assertThat(browser.getTitle()).as(path).isNotEqualTo("pwned").endsWith(" · CSP Guard");
                assertThat(browser.findElements(By.tagName("img"))).as(path + ": images").isEmpty();
                assertThat(browser.findElements(By.cssSelector("main script, main svg[onload], main iframe")))
                        .as(path + ": scripts in the content").isEmpty();
                assertThat(browser.findElements(By.cssSelector("[onerror], [onload], [onmouseover]"))).as(path).isEmpty();
                try {
                    browser.switchTo().alert();
                    throw new AssertionError(path + ": a payload opened an alert");
                } catch (NoAlertPresentException expected) {
                    // nothing ran
                }
            }
            // the payloads are on the pages, as text
            browser.get(server.url("/tenants/" + enc(hostileTenant.tenantId())));
            assertThat(browser.findElement(By.tagName("h1")).getText()).endsWith(TITLE_IMG);
            browser.get(server.url("/findings/" + enc(hostileFinding.findingId())));
            assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains(TITLE_SVG, TITLE_SCRIPT);
        } finally {
            browser.quit();
        }
    }

    private static Predicate<String> formula() {
        return c -> !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0;
    }

    private static List<Finding> findings(Assessment a) {
        return a.tenants().stream().flatMap(t -> t.results().stream()).flatMap(r -> r.findings().stream()).toList();
    }

    private static String controlOf(Finding f) {
        for (TenantResult t : stored.tenants()) {
            for (ControlResult r : t.results()) {
                if (r.findings().stream().anyMatch(x -> x.findingId().equals(f.findingId()))) {
                    return r.controlId();
                }
            }
        }
        throw new IllegalStateException("no control has finding " + f.findingId());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Just enough of RFC 4180 to read every cell back. */
    static final class Csv {
        static List<String> cells(String text) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',' || c == '\n') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c != '\r') {
                    cell.append(c);
                }
            }
            if (!cell.isEmpty()) {
                cells.add(cell.toString());
            }
            return cells;
        }
    }
}
