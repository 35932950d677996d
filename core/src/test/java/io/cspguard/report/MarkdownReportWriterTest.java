package io.cspguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {
    private static String md;

    @BeforeAll
    static void write() throws Exception {
        md = CapturingStream.written(ReportFormat.MD).text();
    }

    @Test
    void noRawHtmlFromTheData() {
        assertThat(md).doesNotContain("<img").doesNotContain("<script").doesNotContain("<b>");
        assertThat(md).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void noLinkOrCodeCanBeInjected() {
        assertThat(md).doesNotContain("[click](").doesNotContain(" `code`");
        assertThat(md).contains("\\[click\\](http://evil.example/x) \\`code\\` \\*bold\\* \\_it\\_ second line");
    }

    @Test
    void hostileNamesDoNotBreakTheTable() {
        List<String> tableRows = md.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(tableRows).hasSize(1 + 2 + 1); // header, two tenants, total
        assertThat(tableRows).allSatisfy(l -> assertThat(unescapedPipes(l)).isEqualTo(8));
        assertThat(md).contains("\\| table \\| break");
    }

    @Test
    void provenanceAndWhatNeedsAttention() {
        assertThat(md).startsWith("# CSP Guard report\n");
        assertThat(md).contains("0.1.0", "0123456789ab", "fedcba987654", "2026-11-26T10:05:00Z");
        assertThat(md).contains("**FAIL** CSP.MFA.1", "**WARN** CSP.DEV.2", "**NOT_ASSESSED** CSP.MON.3");
        assertThat(md).doesNotContain("CSP.MFA.2").doesNotContain("CSP.PRIV.6");
        assertThat(md).contains("  - …and 2 more");
        assertThat(md).contains("**WARN** X.UNKNOWN.1 X.UNKNOWN.1");
    }

    private static long unescapedPipes(String line) {
        long n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) {
                n++;
            }
        }
        return n;
    }
}
