package io.cspguard.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;

/** One sign-in in the full shape of {@code GET /beta/auditLogs/signIns}, about 2 KB of JSON. */
final class SignInWriter {
    private static final String[][] APPS = {
            {"00000003-0000-0000-c000-000000000000", "Microsoft Graph"},
            {"fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd", "Partner Center"},
            {"00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online"}};
    private final Random random;
    private final String tenantId;
    private final String homeTenantId;
    private final String domain;

    SignInWriter(Random random, String tenantId, String homeTenantId, String domain) {
        this.random = random;
        this.tenantId = tenantId;
        this.homeTenantId = homeTenantId;
        this.domain = domain;
    }

    void write(JsonGenerator g, String userId, String upn, int user, int n) throws IOException {
        String[] app = APPS[(user + n) % APPS.length];
        boolean success = n % 9 != 4;
        g.writeStartObject();
        g.writeStringField("id", SyntheticCollection.uuid(random));
        g.writeStringField("createdDateTime", SyntheticCollection.COLLECTED_AT
                .minus(Duration.ofMinutes(37L * (n + 1) + user)).toString());
        g.writeStringField("userDisplayName", "User " + user);
        g.writeStringField("userPrincipalName", upn);
        g.writeStringField("userId", userId);
        g.writeStringField("appId", app[0]);
        g.writeStringField("appDisplayName", app[1]);
        g.writeStringField("ipAddress", "203.0.113." + (user % 250));
        g.writeStringField("clientAppUsed", "Browser");
        g.writeStringField("correlationId", SyntheticCollection.uuid(random));
        g.writeStringField("conditionalAccessStatus", "success");
        g.writeBooleanField("isInteractive", true);
        g.writeStringField("riskDetail", "none");
        g.writeStringField("riskLevelAggregated", "none");
        g.writeStringField("riskLevelDuringSignIn", "none");
        g.writeStringField("riskState", "none");
        g.writeArrayFieldStart("riskEventTypes_v2");
        g.writeEndArray();
        g.writeStringField("resourceDisplayName", app[1]);
        g.writeStringField("resourceId", app[0]);
        g.writeStringField("authenticationRequirement", n % 5 == 0 ? "singleFactorAuthentication" : "multiFactorAuthentication");
        g.writeStringField("crossTenantAccessType", tenantId.equals(homeTenantId) ? "none" : (n % 7 == 0 ? "serviceProvider" : "none"));
        g.writeStringField("homeTenantId", n % 7 == 0 ? homeTenantId : tenantId);
        g.writeStringField("resourceTenantId", tenantId);
        g.writeStringField("userType", "member");
        g.writeStringField("userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0");
        g.writeStringField("uniqueTokenIdentifier", "tok" + SyntheticCollection.uuid(random).replace("-", ""));
        g.writeStringField("tokenIssuerType", "AzureAD");
        g.writeObjectFieldStart("status");
        g.writeNumberField("errorCode", success ? 0 : 50126);
        g.writeStringField("failureReason", success ? "Other." : "Error validating credentials due to invalid username or password.");
        g.writeNullField("additionalDetails");
        g.writeEndObject();
        g.writeObjectFieldStart("deviceDetail");
        g.writeStringField("deviceId", user % 3 == 0 ? "" : "dev-" + (user % 97));
        g.writeStringField("displayName", user % 3 == 0 ? "" : "LAPTOP-" + (user % 97));
        g.writeStringField("operatingSystem", "Windows 10");
        g.writeStringField("browser", "Edge 126.0.0");
        g.writeBooleanField("isCompliant", user % 3 != 0);
        g.writeBooleanField("isManaged", user % 3 != 0);
        g.writeStringField("trustType", user % 3 == 0 ? "" : "Azure AD joined");
        g.writeEndObject();
        g.writeObjectFieldStart("location");
        g.writeStringField("city", "Redmond");
        g.writeStringField("state", "Washington");
        g.writeStringField("countryOrRegion", "US");
        g.writeObjectFieldStart("geoCoordinates");
        g.writeNullField("altitude");
        g.writeNumberField("latitude", 47.68 + (user % 10) / 100.0);
        g.writeNumberField("longitude", -122.12);
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("appliedConditionalAccessPolicies");
        for (int p = 0; p < 2; p++) {
            g.writeStartObject();
            g.writeStringField("id", "b9418d00-e2af-4e02-a972-dbac104c631" + p);
            g.writeStringField("displayName", p == 0 ? "Require MFA for all users" : "Require compliant device");
            g.writeArrayFieldStart("enforcedGrantControls");
            g.writeString(p == 0 ? "Mfa" : "RequireCompliantDevice");
            g.writeEndArray();
            g.writeArrayFieldStart("enforcedSessionControls");
            g.writeEndArray();
            g.writeStringField("result", "success");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("authenticationDetails");
        g.writeStartObject();
        g.writeStringField("authenticationStepDateTime", SyntheticCollection.COLLECTED_AT.toString());
        g.writeStringField("authenticationMethod", "Password");
        g.writeStringField("authenticationMethodDetail", "Password in the cloud");
        g.writeBooleanField("succeeded", success);
        g.writeStringField("authenticationStepResultDetail", success ? "Correct password" : "Invalid username or password");
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("homeTenantName", domain);
        g.writeEndObject();
    }
}
