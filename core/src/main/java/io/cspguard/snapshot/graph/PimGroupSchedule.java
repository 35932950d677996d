package io.cspguard.snapshot.graph;

/** {@code GET /identityGovernance/privilegedAccess/group/assignmentSchedules?$filter=groupId eq '…'}. */
public record PimGroupSchedule(String id, String groupId, String principalId, String accessId, String assignmentType,
                               String memberType, String status, Schedule scheduleInfo) {
    public boolean permanent() {
        return scheduleInfo != null && scheduleInfo.permanent();
    }

    /** The schedule certainly ends ({@link Schedule#hasEnd()}). */
    public boolean hasEnd() {
        return scheduleInfo != null && scheduleInfo.hasEnd();
    }
}
