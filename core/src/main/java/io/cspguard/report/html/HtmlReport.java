package io.cspguard.report.html;

import java.util.List;

/**
 * What the HTML template shows, prepared in Java so that the template only lays it out. Strings here are plain text;
 * the template escapes them all (JTE's HTML escaping), tenant-supplied or not.
 *
 * @param columns the controls of the overview matrix, in catalog order
 * @param tenants the partner first, then by id (the model's order)
 */
public record HtmlReport(String toolName, String toolVersion, String generatedAt, String inputSha256,
                         int inputFiles, String configHash, List<Column> columns, List<TenantSection> tenants,
                         Counts overall) {

    /** A control of the matrix: {@code label} is its id without the common "CSP." prefix. */
    /** @param notMet tenants where the control fails or warns; @param judged tenants it has a result for */
    public record Column(String controlId, String label, String title, int notMet, int judged) {
    }

    /** Results per status. */
    public record Counts(long pass, long fail, long warn, long notApplicable, long notAssessed) {
    }

    /**
     * A matrix cell: {@code badge} null when the control does not apply to the tenant's scope (no result at all).
     *
     * @param anchor the id of the result's section, made of indexes and the control id only
     */
    public record Cell(String controlId, Badge badge, String anchor, String title) {
    }

    public record TenantSection(int index, String anchor, String tenantId, String displayName, String role,
                                String licence, String collectedAt, List<String> problems, List<Cell> cells,
                                Counts counts, List<ResultSection> results) {
    }

    public record ResultSection(String anchor, String controlId, String title, String level, Badge badge,
                                String summary, String reason, String rationale, String remediation,
                                int acceptedCount, List<FindingRow> findings, List<String> notes) {
    }

    /**
     * A finding as a table row; the exception fields are null when there is no (live, or expired) exception.
     */
    public record FindingRow(String objectType, String objectName, String objectId, String detail, boolean accepted,
                             String exceptionReason, String approvedBy, String expires, String expiredReason,
                             String expiredApprovedBy, String expiredOn) {
        public boolean hasExpiredException() {
            return expiredOn != null || expiredReason != null;
        }
    }
}
