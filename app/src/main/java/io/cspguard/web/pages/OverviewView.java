package io.cspguard.web.pages;

import java.util.List;

/**
 * The partner overview: the latest stored run (null before the first), its counts, the trend, and one page of the
 * tenants × controls matrix.
 */
public record OverviewView(RunSummary latest, TrendChart trend, List<String> controlIds, List<Row> rows,
                           OverviewFilter filter, Paging paging, List<String> licences) {

    /** One tenant's line of the matrix, its cells in catalog order. */
    public record Row(String tenantId, String displayName, String role, String licence, String href, List<Cell> cells) {
    }

    /**
     * One tenant's result for one control; {@code status} is null when the run has none. {@code label} is the
     * cell's title and accessible name: the status in words, and the open and accepted findings.
     */
    public record Cell(String controlId, String status, int open, int accepted, String href, String label) {
    }
}
