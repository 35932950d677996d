package io.cspguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {
    private static String csv;
    private static List<String[]> rows;

    @BeforeAll
    static void write() throws Exception {
        csv = CapturingStream.written(ReportFormat.CSV).text();
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
            rows = it.readAll();
        }
    }

    @Test
    void headerThenOneRowPerFindingOrPerResultWithoutFindings() {
        assertThat(rows.get(0)).containsExactly("tenantId", "tenantName", "controlId", "level", "status",
                "objectType", "objectId", "objectName", "detail", "accepted", "findingId");
        assertThat(rows).hasSize(1 + SampleAssessment.rowCount(SampleAssessment.build()));
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(11));
        assertThat(csv).contains("\r\n");
    }

    @Test
    void aResultWithoutFindingsHasEmptyObjectColumns() {
        String[] pass = rows.stream().filter(r -> r[2].equals("CSP.MFA.2")).findFirst().orElseThrow();
        assertThat(pass[4]).isEqualTo("PASS");
        assertThat(List.of(pass).subList(5, 11)).containsOnly("");
    }

    @Test
    void formulaCellsBeginWithAQuoteAndKeepTheirText() {
        String[] ann = row("obj-f-ann");
        assertThat(ann[7]).isEqualTo("'" + SampleAssessment.HYPERLINK);
        assertThat(ann[8]).isEqualTo(SampleAssessment.IMG);
        assertThat(row("obj-f-bob")[7]).isEqualTo("'" + SampleAssessment.CMD);
        assertThat(row("obj-f-bob")[8]).isEqualTo(SampleAssessment.PIPES);
        assertThat(row("obj-f-bob")[9]).isEqualTo("true");
        assertThat(row("obj-dev-1")[8]).isEqualTo("'" + SampleAssessment.MINUS);
        assertThat(row("obj-c-1")[8]).isEqualTo("'" + SampleAssessment.TAB);
        assertThat(row("obj-c-2")[8]).isEqualTo("'" + SampleAssessment.CR);
        assertThat(row("obj-c-3")[8]).isEqualTo(SampleAssessment.LINK);
        assertThat(row("obj-c-1")[1]).isEqualTo(SampleAssessment.SCRIPT);
    }

    @Test
    void noCellBeginsWithAFormulaCharacter() {
        assertThat(rows).allSatisfy(r -> assertThat(r).allSatisfy(cell ->
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r")));
    }

    @Test
    void neutralisingLeavesOrdinaryCellsAlone() {
        assertThat(SpreadsheetCells.neutralise("")).isEmpty();
        assertThat(SpreadsheetCells.neutralise("ann@fabrikam.com")).isEqualTo("ann@fabrikam.com");
        assertThat(SpreadsheetCells.neutralise("@SUM(1)")).isEqualTo("'@SUM(1)");
    }

    private static String[] row(String objectId) {
        return rows.stream().filter(r -> r[6].equals(objectId)).findFirst().orElseThrow();
    }
}
