package io.cspguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
    private static String html;

    @BeforeAll
    static void write() throws Exception {
        html = CapturingStream.written(ReportFormat.HTML).text();
    }

    @Test
    void hostileStringsAreEscaped() {
        assertThat(html).doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<script");
        assertThat(Pattern.compile("<[^<>]*onerror\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
        assertThat(html).contains("Partner &lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("<h2>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h2>");
        assertThat(html).contains("<td>=HYPERLINK(\"http://evil\",\"x\")</td>");
    }

    @Test
    void selfContainedWithAStrictContentSecurityPolicy() {
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:\">");
        assertThat(Pattern.compile("(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
                .matcher(html).find()).isFalse();
        assertThat(html).doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(");
        assertThat(attributes("href")).isNotEmpty().allSatisfy(href -> assertThat(href).startsWith("#"));
    }

    @Test
    void everyMatrixLinkLeadsToAResult() {
        List<String> ids = attributes("id");
        assertThat(attributes("href")).allSatisfy(href -> assertThat(ids).contains(href.substring(1)));
        assertThat(ids).contains("t-0", "t-1", "t-0-CSP.MFA.1", "t-1-CSP.MFA.1", "t-1-X.UNKNOWN.1");
    }

    @Test
    void theMatrixShowsStatusAsTextAndOutOfScopeAsEmpty() {
        assertThat(html).contains("<td class=\"cell s-fail\"><a href=\"#t-0-CSP.MFA.1\"");
        assertThat(html).contains("<td class=\"cell s-pass\"><a href=\"#t-0-CSP.MFA.2\"");
        // CSP.ISO.3 and CSP.MON.5 are customer controls: the partner's row has nothing there.
        assertThat(html).contains("<td class=\"cell out\" title=\"No accounts made in customer tenants for partner use: "
                + "not in this tenant&#39;s scope\"></td>");
        int partner = html.indexOf("<a href=\"#t-0\">");
        int customer = html.indexOf("<a href=\"#t-1\">");
        assertThat(partner).isPositive().isLessThan(customer);
    }

    @Test
    void eachResultShowsItsDetails() {
        assertThat(html).contains("needs Entra ID P2 for PIM", "2027-03-31", "alice@partner.com",
                "An exception expired on 2026-01-31", "note &lt;img");
        assertThat(html).contains("X.UNKNOWN.1 — X.UNKNOWN.1");
    }

    private static List<String> attributes(String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(html);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
