package io.cspguard.web.pages;

import java.time.Instant;
import java.util.List;

/** A tenant's page: its facts, the run it was last judged in, and every control's result with its open findings. */
public record TenantView(String tenantId, String displayName, String role, String licence, Instant collectedAt,
                         RunSummary run, List<String> problems, List<Control> controls, int openFindings) {

    /** One control's result for this tenant in {@code run}, and the tenant's open findings of it. */
    public record Control(String controlId, String title, String status, String summary, String reason, int open,
                          int accepted, List<String> notes, List<FindingRow> findings) {
        public String anchor() {
            return Links.anchor(controlId);
        }

        public String href() {
            return Links.control(controlId);
        }
    }
}
