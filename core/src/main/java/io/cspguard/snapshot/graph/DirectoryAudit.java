package io.cspguard.snapshot.graph;

import java.time.Instant;
import java.util.List;

/** {@code GET /auditLogs/directoryAudits}. */
public record DirectoryAudit(String id, String category, String activityDisplayName, Instant activityDateTime,
                             String loggedByService, String result, InitiatedBy initiatedBy,
                             List<TargetResource> targetResources) {
    public DirectoryAudit {
        targetResources = Text.list(targetResources);
    }

    public record InitiatedBy(AuditUser user, AuditApp app) {
    }

    public record AuditUser(String id, String displayName, String userPrincipalName, String homeTenantId) {
    }

    public record AuditApp(String appId, String displayName, String servicePrincipalId) {
    }

    public record TargetResource(String id, String displayName, String type, String userPrincipalName) {
    }

    public AuditUser initiatingUser() {
        return initiatedBy == null ? null : initiatedBy.user();
    }
}
