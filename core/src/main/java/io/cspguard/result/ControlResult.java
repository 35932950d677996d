package io.cspguard.result;

import java.util.List;

/**
 * A control's result for one tenant.
 *
 * @param reason        why NOT_APPLICABLE or NOT_ASSESSED (what is missing); null otherwise
 * @param acceptedCount findings accepted by a live exception (they do not count towards FAIL/WARN)
 * @param notes         further evidence for review that is not a finding (e.g. the partner's changes in a customer)
 */
public record ControlResult(String controlId, String title, Level level, Status status, String summary, String reason,
                            List<Finding> findings, int acceptedCount, List<String> notes) {
    public ControlResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** Findings that count towards the status (not accepted). */
    public long openCount() {
        return findings.stream().filter(f -> !f.accepted()).count();
    }
}
