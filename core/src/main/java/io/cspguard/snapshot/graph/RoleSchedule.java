package io.cspguard.snapshot.graph;

/**
 * {@code roleAssignmentSchedules} and {@code roleEligibilitySchedules} (the latter has no {@code assignmentType}).
 */
public record RoleSchedule(String id, String principalId, String roleDefinitionId, String directoryScopeId,
                           String assignmentType, String memberType, String status, Schedule scheduleInfo) {
    public boolean permanent() {
        return scheduleInfo != null && scheduleInfo.permanent();
    }
}
