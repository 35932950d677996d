package io.cspguard.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a synthetic collection for benchmarks: one partner and N-1 customers, each with U users and S sign-ins per
 * user in the full shape Graph returns (locations, applied policies, authentication details), so that the benchmark
 * parses what a real collection holds. Seeded: the same sizes give the same bytes.
 */
public final class SyntheticCollection {
    static final Instant COLLECTED_AT = Instant.parse("2026-11-20T09:00:00Z");
    private static final String GA = "62e90394-69f5-4237-9190-012177145e10";
    private static final JsonFactory JSON = new JsonFactory();

    private final int tenants;
    private final int users;
    private final int signInsPerUser;

    public SyntheticCollection(int tenants, int users, int signInsPerUser) {
        this.tenants = tenants;
        this.users = users;
        this.signInsPerUser = signInsPerUser;
    }

    public void write(Path root) throws IOException {
        Random random = new Random(42);
        String partnerId = uuid(random);
        Files.createDirectories(root.resolve("tenants"));
        try (JsonGenerator g = open(root.resolve("collection.json"))) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 1);
            g.writeStringField("partnerTenantId", partnerId);
            g.writeStringField("collectedAt", COLLECTED_AT.toString());
            g.writeEndObject();
        }
        for (int t = 0; t < tenants; t++) {
            String id = t == 0 ? partnerId : uuid(random);
            writeTenant(root.resolve("tenants").resolve(id), id, t == 0, partnerId, random);
        }
    }

    private void writeTenant(Path dir, String id, boolean partner, String partnerId, Random random) throws IOException {
        Files.createDirectories(dir);
        String domain = (partner ? "partner" : "customer" + id.substring(0, 8)) + ".example";
        String[] userIds = new String[users];
        for (int i = 0; i < users; i++) {
            userIds[i] = uuid(random);
        }
        try (JsonGenerator g = open(dir.resolve("tenant.json"))) {
            g.writeStartObject();
            g.writeStringField("tenantId", id);
            g.writeStringField("displayName", partner ? "Partner" : "Customer " + id.substring(0, 8));
            g.writeStringField("role", partner ? "partner" : "customer");
            g.writeStringField("collectedAt", COLLECTED_AT.toString());
            g.writeObjectFieldStart("errors");
            g.writeEndObject();
            g.writeEndObject();
        }
        collection(dir, "subscribedSkus.json", g -> {
            g.writeStartObject();
            g.writeStringField("skuId", "06ebc4ee-1bb5-47dd-8120-11324bc54e06");
            g.writeStringField("skuPartNumber", "SPE_E5");
            g.writeStringField("capabilityStatus", "Enabled");
            g.writeObjectFieldStart("prepaidUnits");
            g.writeNumberField("enabled", users);
            g.writeEndObject();
            g.writeArrayFieldStart("servicePlans");
            for (String plan : new String[] {"AAD_PREMIUM", "AAD_PREMIUM_P2", "EXCHANGE_S_ENTERPRISE"}) {
                g.writeStartObject();
                g.writeStringField("servicePlanName", plan);
                g.writeStringField("provisioningStatus", "Success");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        collection(dir, "organization.json", g -> {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("displayName", domain);
            g.writeArrayFieldStart("verifiedDomains");
            g.writeStartObject();
            g.writeStringField("name", domain);
            g.writeBooleanField("isDefault", true);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
        collection(dir, "users.json", g -> {
            for (int i = 0; i < users; i++) {
                g.writeStartObject();
                g.writeStringField("id", userIds[i]);
                g.writeStringField("userPrincipalName", "user" + i + "@" + domain);
                g.writeStringField("displayName", "User " + i);
                g.writeStringField("mail", "user" + i + "@" + domain);
                g.writeBooleanField("accountEnabled", i % 50 != 7);
                g.writeStringField("userType", i % 40 == 3 ? "Guest" : "Member");
                g.writeStringField("createdDateTime", "2024-01-01T00:00:00Z");
                g.writeArrayFieldStart("assignedPlans");
                if (i >= 3) {
                    g.writeStartObject();
                    g.writeStringField("assignedDateTime", "2024-01-01T00:00:00Z");
                    g.writeStringField("capabilityStatus", "Enabled");
                    g.writeStringField("service", "exchange");
                    g.writeStringField("servicePlanId", "efb87545-963c-4e0d-99df-69c6916d9eb0");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("signInActivity");
                g.writeStringField("lastSignInDateTime", COLLECTED_AT.minus(Duration.ofDays(i % 120)).toString());
                g.writeStringField("lastSuccessfulSignInDateTime", COLLECTED_AT.minus(Duration.ofDays(i % 120)).toString());
                g.writeEndObject();
                g.writeEndObject();
            }
        });
        collection(dir, "userRegistrationDetails.json", g -> {
            for (int i = 0; i < users; i++) {
                g.writeStartObject();
                g.writeStringField("id", userIds[i]);
                g.writeStringField("userPrincipalName", "user" + i + "@" + domain);
                g.writeBooleanField("isMfaRegistered", i % 17 != 5);
                g.writeArrayFieldStart("methodsRegistered");
                g.writeString(i < 3 ? "fido2SecurityKey" : "microsoftAuthenticatorPush");
                g.writeEndArray();
                g.writeEndObject();
            }
        });
        String adminGroup = uuid(random);
        collection(dir, "groups.json", g -> {
            group(g, adminGroup, partner ? "AdminAgents" : "Contractors");
        });
        Files.createDirectories(dir.resolve("groupMembers"));
        try (JsonGenerator g = open(dir.resolve("groupMembers").resolve(adminGroup + ".json"))) {
            g.writeStartObject();
            g.writeArrayFieldStart("value");
            for (int i = 0; i < Math.min(5, users); i++) {
                g.writeStartObject();
                g.writeStringField("@odata.type", "#microsoft.graph.user");
                g.writeStringField("id", userIds[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        collection(dir, "roleDefinitions.json", g -> {
            g.writeStartObject();
            g.writeStringField("id", GA);
            g.writeStringField("templateId", GA);
            g.writeStringField("displayName", "Global Administrator");
            g.writeEndObject();
        });
        collection(dir, "roleAssignments.json", g -> {
            for (int i = 0; i < Math.min(3, users); i++) {
                g.writeStartObject();
                g.writeStringField("id", uuid(random));
                g.writeStringField("principalId", userIds[i]);
                g.writeStringField("roleDefinitionId", GA);
                g.writeStringField("directoryScopeId", "/");
                g.writeEndObject();
            }
        });
        for (String f : new String[] {"roleEligibilitySchedules.json", "roleAssignmentSchedules.json",
                "roleManagementPolicyAssignments.json", "riskyUsers.json", "servicePrincipals.json",
                "delegatedAdminRelationships.json", "devices.json"}) {
            collection(dir, f, g -> { });
        }
        collection(dir, "conditionalAccessPolicies.json", g -> caPolicy(g, uuid(random), adminGroup));
        object(dir, "securityDefaults.json", g -> g.writeBooleanField("isEnabled", false));
        object(dir, "authenticationMethodsPolicy.json", g -> {
            g.writeArrayFieldStart("authenticationMethodConfigurations");
            g.writeStartObject();
            g.writeStringField("@odata.type", "#microsoft.graph.smsAuthenticationMethodConfiguration");
            g.writeStringField("id", "Sms");
            g.writeStringField("state", "disabled");
            g.writeEndObject();
            g.writeEndArray();
        });
        Files.createDirectories(dir.resolve("authenticationMethods"));
        for (int i = 0; i < Math.min(3, users); i++) {
            int n = i;
            try (JsonGenerator g = open(dir.resolve("authenticationMethods").resolve(userIds[i] + ".json"))) {
                g.writeStartObject();
                g.writeArrayFieldStart("value");
                g.writeStartObject();
                g.writeStringField("@odata.type", "#microsoft.graph.emailAuthenticationMethod");
                g.writeStringField("id", "3ddfcfc8-9383-446f-83cc-3ab9be4be18f");
                g.writeStringField("emailAddress", "recovery" + n + "@" + domain);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        collection(dir, "directoryAudits.json", g -> {
            for (int i = 0; i < users; i++) {
                g.writeStartObject();
                g.writeStringField("id", "Directory_" + uuid(random));
                g.writeStringField("category", "UserManagement");
                g.writeStringField("activityDisplayName", "Update user");
                g.writeStringField("activityDateTime", COLLECTED_AT.minus(Duration.ofHours(i)).toString());
                g.writeStringField("loggedByService", "Core Directory");
                g.writeStringField("result", "success");
                g.writeObjectFieldStart("initiatedBy");
                g.writeObjectFieldStart("user");
                g.writeStringField("id", userIds[0]);
                g.writeStringField("userPrincipalName", "user0@" + domain);
                g.writeEndObject();
                g.writeEndObject();
                g.writeArrayFieldStart("targetResources");
                g.writeStartObject();
                g.writeStringField("id", userIds[i]);
                g.writeStringField("type", "User");
                g.writeStringField("userPrincipalName", "user" + i + "@" + domain);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
        });
        collection(dir, "applications.json", g -> {
            g.writeStartObject();
            g.writeStringField("id", uuid(random));
            g.writeStringField("appId", uuid(random));
            g.writeStringField("displayName", "Line-of-business app");
            g.writeArrayFieldStart("requiredResourceAccess");
            g.writeEndArray();
            g.writeArrayFieldStart("passwordCredentials");
            g.writeEndArray();
            g.writeEndObject();
        });
        SignInWriter signIns = new SignInWriter(random, id, partner ? id : partnerId, domain);
        try (JsonGenerator g = open(dir.resolve("signIns.json"))) {
            g.writeStartObject();
            g.writeStringField("@odata.context", "https://graph.microsoft.com/beta/$metadata#auditLogs/signIns");
            g.writeArrayFieldStart("value");
            for (int i = 0; i < users; i++) {
                for (int s = 0; s < signInsPerUser; s++) {
                    signIns.write(g, userIds[i], "user" + i + "@" + domain, i, s);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void group(JsonGenerator g, String id, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("displayName", name);
        g.writeBooleanField("securityEnabled", true);
        g.writeBooleanField("mailEnabled", false);
        g.writeEndObject();
    }

    private static void caPolicy(JsonGenerator g, String id, String excludedGroup) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("displayName", "Require MFA for all users");
        g.writeStringField("state", "enabled");
        g.writeObjectFieldStart("conditions");
        g.writeArrayFieldStart("clientAppTypes");
        g.writeString("all");
        g.writeEndArray();
        g.writeObjectFieldStart("applications");
        g.writeArrayFieldStart("includeApplications");
        g.writeString("All");
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("users");
        g.writeArrayFieldStart("includeUsers");
        g.writeString("All");
        g.writeEndArray();
        g.writeArrayFieldStart("excludeGroups");
        g.writeString(excludedGroup);
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("grantControls");
        g.writeStringField("operator", "OR");
        g.writeArrayFieldStart("builtInControls");
        g.writeString("mfa");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void collection(Path dir, String file, Body items) throws IOException {
        try (JsonGenerator g = open(dir.resolve(file))) {
            g.writeStartObject();
            g.writeStringField("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + file.replace(".json", ""));
            g.writeArrayFieldStart("value");
            items.write(g);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void object(Path dir, String file, Body fields) throws IOException {
        try (JsonGenerator g = open(dir.resolve(file))) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
    }

    private static JsonGenerator open(Path file) throws IOException {
        return JSON.createGenerator(file.toFile(), JsonEncoding.UTF8);
    }

    static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
