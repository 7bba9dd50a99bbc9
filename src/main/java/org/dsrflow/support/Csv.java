package org.dsrflow.support;

/**
 * Cells of the CSV files dsr-flow writes (RFC 4180), safe to open in a spreadsheet. A cell starting
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage return or a line feed would be
 * read as a formula by Excel, LibreOffice or Google Sheets ("CSV injection", OWASP), e.g. a
 * department's answer {@code =HYPERLINK(...)} in a portability export; such a cell gets a leading
 * apostrophe, which spreadsheets read as "this is text" and do not show. The file stays valid CSV.
 */
public final class Csv {

    private Csv() {
    }

    /** The value, with an apostrophe in front when a spreadsheet would read it as a formula. */
    public static String neutralised(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n' -> "'" + value;
            default -> value;
        };
    }

    /** A neutralised cell, always in quotes (quotes inside doubled). */
    public static String quoted(String value) {
        return "\"" + neutralised(value).replace("\"", "\"\"") + "\"";
    }

    /** A neutralised cell, in quotes only when it holds a comma, a quote or a line break. */
    public static String cell(String value) {
        String safe = neutralised(value);
        return safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n') ? quoted(value) : safe;
    }
}
