package io.cspguard.web.pages;

import java.util.List;

/**
 * A run and its diff against the previous stored run: the findings that are new, resolved or reopened in it (its
 * finding_events). Each list shows at most {@link RunQuery#MAX_PER_EVENT}; the counts are the run's.
 */
public record RunView(RunSummary run, Long previousRunId, List<Change> newFindings, List<Change> resolvedFindings,
                      List<Change> reopenedFindings, boolean hasReport) {

    /** A finding that changed in this run, with its tenant's name. */
    public record Change(String findingId, String tenantId, String tenantName, String controlId, String objectType,
                         String object, String rule) {
        public String href() {
            return Links.finding(findingId);
        }

        public String tenantHref() {
            return Links.tenant(tenantId);
        }

        public String controlHref() {
            return Links.control(controlId);
        }
    }

    public String previousHref() {
        return previousRunId == null ? null : Links.run(previousRunId);
    }
}
