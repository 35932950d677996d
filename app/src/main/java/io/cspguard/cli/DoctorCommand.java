package io.cspguard.cli;

import io.cspguard.graph.collect.SnapshotWriter;
import io.cspguard.config.Config;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.auth.ProfileException;
import io.cspguard.graph.auth.ProfileLoader;
import io.cspguard.graph.collect.CollectionResult;
import io.cspguard.graph.collect.MissingRead;
import io.cspguard.graph.collect.TenantOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cspguard doctor}: per tenant, what CSP Guard can and cannot read with this profile, and what to grant. It
 * finds out the only reliable way — by reading, as a collection does — into a private temporary folder it deletes.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show, per tenant, what CSP Guard can and cannot read with a connection profile, and what to "
                + "grant to fix it (see docs/onboarding.md).")
final class DoctorCommand implements Callable<Integer> {
    /** Snapshot file (or folder) → what an app needs to read it, and what a delegated user's GDAP role must be. */
    static final Map<String, String> GRANTS = Map.ofEntries(
            Map.entry("organization.json", "Organization.Read.All (app) / any GDAP reader role"),
            Map.entry("subscribedSkus.json", "Organization.Read.All (app) / any GDAP reader role"),
            Map.entry("users.json", "User.Read.All and AuditLog.Read.All (app) / Global Reader"),
            Map.entry("userRegistrationDetails.json", "AuditLog.Read.All (app) / Reports Reader or Global Reader"),
            Map.entry("groups.json", "Group.Read.All (app) / Directory Readers"),
            Map.entry("groupMembers", "GroupMember.Read.All (app) / Directory Readers"),
            Map.entry("roleDefinitions.json", "RoleManagement.Read.Directory (app) / Directory Readers"),
            Map.entry("roleAssignments.json", "RoleManagement.Read.Directory (app) / Directory Readers"),
            Map.entry("roleAssignmentSchedules.json", "RoleAssignmentSchedule.Read.Directory (app) / Global Reader"),
            Map.entry("roleEligibilitySchedules.json", "RoleEligibilitySchedule.Read.Directory (app) / Global Reader"),
            Map.entry("roleManagementPolicyAssignments.json", "RoleManagementPolicy.Read.Directory (app) / Global Reader"),
            Map.entry("pimGroupAssignmentSchedules", "PrivilegedAssignmentSchedule.Read.AzureADGroup (app)"),
            Map.entry("pimGroupEligibilitySchedules", "PrivilegedEligibilitySchedule.Read.AzureADGroup (app)"),
            Map.entry("pimGroupPolicyAssignments", "RoleManagementPolicy.Read.AzureADGroup (app)"),
            Map.entry("conditionalAccessPolicies.json", "Policy.Read.All (app) / Security Reader or Global Reader"),
            Map.entry("securityDefaults.json", "Policy.Read.All (app) / Security Reader or Global Reader"),
            Map.entry("authenticationMethodsPolicy.json", "Policy.Read.All (app) / Security Reader or Global Reader"),
            Map.entry("authenticationMethods", "UserAuthenticationMethod.Read.All (app) / Global Reader"),
            Map.entry("signIns.json", "AuditLog.Read.All (app) / Reports Reader, Security Reader or Global Reader; "
                    + "the tenant needs Entra ID P1"),
            Map.entry("directoryAudits.json", "AuditLog.Read.All and Directory.Read.All (app) / Reports Reader or "
                    + "Global Reader"),
            Map.entry("riskyUsers.json", "IdentityRiskyUser.Read.All (app) / Security Reader; the tenant needs P2"),
            Map.entry("applications.json", "Application.Read.All (app) / Directory Readers"),
            Map.entry("servicePrincipals.json", "Application.Read.All (app) / Directory Readers"),
            Map.entry("devices.json", "Device.Read.All (app) / Directory Readers"),
            Map.entry("delegatedAdminRelationships.json", "DelegatedAdminRelationship.Read.All (app, partner tenant)"),
            Map.entry("delegatedAdminAccessAssignments", "DelegatedAdminRelationship.Read.All (app, partner tenant)"),
            Map.entry("partnerCenter", "Partner Center API access for the app (Partner Center > App management)"));

    @Option(names = "--connection", required = true, paramLabel = "FILE", description = "The connection profile.")
    Path connection;

    @Option(names = "--tenant", paramLabel = "ID", description = "Check only this customer (repeatable).")
    List<String> tenants = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ConnectionProfile profile;
        try {
            profile = ProfileLoader.load(connection);
        } catch (ProfileException e) {
            System.err.println("cspguard doctor: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path dir = Files.createTempDirectory("cspguard-doctor",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            ProgressDisplay progress = ProgressDisplay.forConsole(System.err);
            CollectionResult r = LiveCollection.run(profile, Config.DEFAULTS, dir.resolve("probe"),
                    Set.copyOf(tenants), progress);
            progress.finish();
            System.out.println("CSP Guard doctor — " + profile);
            for (TenantOutcome t : r.tenants()) {
                System.out.println();
                System.out.println(t.role() + " " + (t.displayName() != null ? t.displayName() + " " : "")
                        + t.tenantId() + ": " + verdict(t));
                if (t.status() == TenantOutcome.Status.FAILED) {
                    System.out.println("  cannot read anything: " + t.reason());
                    System.out.println("  fix: " + fix(t, profile));
                }
                for (MissingRead m : t.missing()) {
                    if (!m.expected()) {
                        System.out.println("  cannot read " + m.file() + " (" + (m.status() == null ? "no response"
                                : "HTTP " + m.status()) + (m.code() == null ? "" : " " + m.code()) + "): grant "
                                + grant(m.file()));
                    }
                }
                for (MissingRead m : t.expected()) {
                    System.out.println("  not available: " + m.file() + " (the tenant's licence does not provide it)");
                }
            }
            return r.exitCode();
        } catch (IOException | ProfileException e) {
            System.err.println("cspguard doctor: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            SnapshotWriter.deleteTree(dir);
        }
    }

    /** What to do about a tenant that could not be read at all, from the reason Entra or TLS gave. */
    static String fix(TenantOutcome t, ConnectionProfile profile) {
        String reason = t.reason() == null ? "" : t.reason();
        if (reason.contains("PKIX") || reason.contains("SSL") || reason.contains("certificate_unknown")) {
            return "the service's TLS certificate is not trusted: set caCert in the profile to the CA that issued it "
                    + "(never turn verification off)";
        }
        if (reason.contains("7000215") || reason.contains("invalid_client") || reason.contains("700027")) {
            return "the app's credential is wrong or expired: check clientSecret / certificatePath in the profile "
                    + "against the app registration";
        }
        if (reason.contains("90002")) {
            return "the tenant id is not known to Entra: check partnerTenantId and the GDAP relationship";
        }
        if ("partner".equals(t.role())) {
            return profile.mode() == ConnectionProfile.Mode.APP
                    ? "grant the app its permissions with admin consent in the partner tenant (docs/onboarding.md)"
                    : "sign in again with cspguard connect; the user needs a directory role (e.g. Global Reader) "
                    + "in the partner tenant";
        }
        return profile.mode() == ConnectionProfile.Mode.APP
                ? "consent the partner's app in this customer (Partner Center application consent), or use "
                + "delegated mode"
                : "give the signed-in user a GDAP role in this customer (an active relationship and an access "
                + "assignment to one of their groups)";
    }

    private static String verdict(TenantOutcome t) {
        return switch (t.status()) {
            case COMPLETE -> "everything CSP Guard needs can be read (" + t.files() + " files)";
            case PARTIAL -> "some reads fail";
            case FAILED -> "not reachable";
        };
    }

    static String grant(String file) {
        String key = file.contains("/") ? file.substring(0, file.indexOf('/')) : file;
        return GRANTS.getOrDefault(key, "the permission for " + file + " (docs/onboarding.md)");
    }
}
