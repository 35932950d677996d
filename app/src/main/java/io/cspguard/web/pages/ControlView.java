package io.cspguard.web.pages;

import io.cspguard.controls.ControlInfo;

import java.util.List;
import java.util.Map;

/**
 * One control: its catalog text, how many tenants have each status in the latest stored run, the tenants that fail
 * it (FAIL or WARN) and, for each, who: the open findings. {@code findingsShown} &lt; {@code findingsTotal} when the
 * list was cut.
 */
public record ControlView(ControlInfo info, Long runId, Map<String, Integer> counts, List<FailingTenant> failing,
                          int findingsShown, int findingsTotal) {
    public int count(String status) {
        return counts.getOrDefault(status, 0);
    }

    public record FailingTenant(String tenantId, String displayName, String status, String summary, int open,
                                int accepted, List<FindingRow> findings) {
        public String href() {
            return Links.tenant(tenantId);
        }
    }
}
