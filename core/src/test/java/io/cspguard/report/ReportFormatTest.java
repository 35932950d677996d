package io.cspguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.result.Assessment;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatTest {
    @Test
    void parsesCaseInsensitively() {
        assertThat(ReportFormat.parse("json")).isEqualTo(ReportFormat.JSON);
        assertThat(ReportFormat.parse("Html")).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.parse(" OCSF ")).isEqualTo(ReportFormat.OCSF);
    }

    @Test
    void anUnknownFormatNamesTheValidOnes() {
        assertThatThrownBy(() -> ReportFormat.parse("pdfx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pdfx")
                .hasMessageContaining("json, html, csv, md, ocsf");
        assertThatThrownBy(() -> ReportFormat.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExtensionIsTheFormatName() {
        assertThat(ReportFormat.JSON.fileName()).isEqualTo("report.json");
        assertThat(ReportFormat.MD.extension()).isEqualTo("md");
        assertThat(ReportFormat.OCSF.fileName()).isEqualTo("report.ocsf");
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void everyWriterFlushesButNeverClosesTheStream(ReportFormat format) throws Exception {
        CapturingStream out = CapturingStream.written(format);
        assertThat(out.closed).as("closed").isFalse();
        assertThat(out.flushed).as("flushed").isTrue();
        assertThat(out.size()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aRunWithoutTenantsStillWrites(ReportFormat format) throws Exception {
        Assessment empty = SampleAssessment.build().onlyTenants(Set.of());
        CapturingStream out = new CapturingStream();
        ReportWriters.forFormat(format).write(empty, out);
        assertThat(out.closed).isFalse();
        if (format != ReportFormat.OCSF) {
            assertThat(out.size()).isPositive();
        }
    }
}
