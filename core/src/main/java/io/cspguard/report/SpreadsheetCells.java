package io.cspguard.report;

/**
 * CSV injection defence (OWASP): a cell that begins with {@code = + - @}, a tab or a carriage return is a formula to
 * Excel, LibreOffice and Google Sheets; a leading single quote makes it text, and the quote is not shown.
 */
final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
