package io.cspguard.snapshot.graph;

import java.time.Instant;

/**
 * A sign-in from {@code GET /beta/auditLogs/signIns}, kept compact: only what the controls and their findings use.
 * Sign-in logs are the bulk of a snapshot, so the loader streams them into this shape ({@code SignInReader}).
 */
public record SignIn(String id, Instant createdDateTime, String userId, String userPrincipalName, String appId,
                     String appDisplayName, String resourceId, String ipAddress, Integer errorCode,
                     String authenticationRequirement, String crossTenantAccessType, String homeTenantId,
                     String deviceId, String deviceName, Boolean isCompliant, Boolean isManaged) {

    /** {@code status.errorCode} 0. */
    public boolean successful() {
        return errorCode != null && errorCode == 0;
    }

    public boolean multiFactor() {
        return Text.eq(authenticationRequirement, "multiFactorAuthentication");
    }

    public boolean singleFactor() {
        return Text.eq(authenticationRequirement, "singleFactorAuthentication");
    }

    /** The device is compliant or managed. */
    public boolean fromHealthyDevice() {
        return Boolean.TRUE.equals(isCompliant) || Boolean.TRUE.equals(isManaged);
    }

    public String describe() {
        return "sign-in at " + createdDateTime + " to '" + (appDisplayName != null ? appDisplayName : appId)
                + "' from " + (ipAddress != null ? ipAddress : "unknown IP") + " on device "
                + (deviceName != null && !deviceName.isBlank() ? "'" + deviceName + "'"
                : deviceId != null && !deviceId.isBlank() ? deviceId : "(unregistered)");
    }
}
