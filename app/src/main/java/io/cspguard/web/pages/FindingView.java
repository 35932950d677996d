package io.cspguard.web.pages;

import io.cspguard.exceptions.ExceptionRow;

import java.time.Instant;
import java.util.List;

/**
 * A finding's page: the evidence, why (its control's result in the run that last saw it), how to fix it, its
 * lifecycle and history, and the exceptions that cover it (live, or requested and waiting for an approver).
 */
public record FindingView(FindingRow finding, String tenantName, String controlTitle, String resultStatus,
                          String resultSummary, String resultReason, String remediation, List<Event> history,
                          ExceptionRow liveException, List<ExceptionRow> pendingRequests) {

    /** What happened to the finding in a run. */
    public record Event(long runId, String event, Instant at, Instant runStartedAt) {
        public String href() {
            return Links.run(runId);
        }
    }

    public String tenantHref() {
        return Links.tenant(finding.tenantId());
    }

    public String controlHref() {
        return Links.control(finding.controlId());
    }
}
