package org.dsrflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would run as formulas arrive as text, and the CSV stays RFC 4180. */
class CsvTest {

    @Test
    void everyCellAFormulaCouldStartWithGetsAnApostrophe() {
        assertThat(Csv.quoted("=HYPERLINK(\"http://evil.example\",\"Click\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\"");
        assertThat(Csv.neutralised("+1+1")).isEqualTo("'+1+1");
        assertThat(Csv.neutralised("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.neutralised("\t=1")).isEqualTo("'\t=1");
        assertThat(Csv.neutralised("\r=1")).isEqualTo("'\r=1");
        assertThat(Csv.neutralised("\n=1")).isEqualTo("'\n=1");
    }

    @Test
    void ordinaryCellsStayAsTheyAreAndAreQuotedOnlyWhenTheyMustBe() {
        assertThat(Csv.cell("DSR-2026-000001")).isEqualTo("DSR-2026-000001");
        assertThat(Csv.cell("2026-05-04")).isEqualTo("2026-05-04");
        assertThat(Csv.cell("")).isEqualTo("");
        assertThat(Csv.cell(null)).isEqualTo("");
        assertThat(Csv.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("-1,5")).isEqualTo("\"'-1,5\"");
        assertThat(Csv.quoted("name,email\nLars")).isEqualTo("\"name,email\nLars\"");
    }
}
