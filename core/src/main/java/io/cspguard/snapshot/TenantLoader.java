package io.cspguard.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cspguard.snapshot.graph.AccessAssignment;
import io.cspguard.snapshot.graph.Application;
import io.cspguard.snapshot.graph.AuthenticationMethod;
import io.cspguard.snapshot.graph.AuthenticationMethodsPolicy;
import io.cspguard.snapshot.graph.AzureRoleAssignment;
import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import io.cspguard.snapshot.graph.DirectoryAudit;
import io.cspguard.snapshot.graph.DirectoryObject;
import io.cspguard.snapshot.graph.Group;
import io.cspguard.snapshot.graph.Organization;
import io.cspguard.snapshot.graph.PimGroupSchedule;
import io.cspguard.snapshot.graph.PolicyAssignment;
import io.cspguard.snapshot.graph.RegistrationDetail;
import io.cspguard.snapshot.graph.RiskyUser;
import io.cspguard.snapshot.graph.RoleAssignment;
import io.cspguard.snapshot.graph.RoleDefinition;
import io.cspguard.snapshot.graph.RoleSchedule;
import io.cspguard.snapshot.graph.SecurityDefaults;
import io.cspguard.snapshot.graph.ServicePrincipal;
import io.cspguard.snapshot.graph.SubscribedSku;
import io.cspguard.snapshot.graph.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads one tenant folder into a {@link TenantSnapshot}. Nothing here throws for bad data: each unreadable or
 * absent file becomes a {@link Data.Missing} with its reason, and what the tenant's licences make impossible
 * becomes present-and-empty (formats.md §1).
 */
public final class TenantLoader {
    private TenantLoader() {
    }

    /** The result of loading: the snapshot, and the SHA-256 of each of the folder's files. */
    public record Loaded(TenantSnapshot snapshot, Map<String, String> fileDigests) {
    }

    /**
     * @param dir            the tenant folder
     * @param fallbackId     the tenant id to use when {@code tenant.json} is unreadable (the folder name)
     * @param partnerId      the collection's partner tenant id (decides the role when tenant.json cannot)
     * @param fallbackTime   the collection's {@code collectedAt}
     */
    public static Loaded load(Path dir, String fallbackId, String partnerId, Instant fallbackTime) {
        FileDigests digests = new FileDigests(dir);
        TenantInfo info = readInfo(dir, digests, fallbackId, partnerId, fallbackTime);
        GraphFiles files = new GraphFiles(dir, digests, info.errors());

        Data<List<SubscribedSku>> skus = files.collection("subscribedSkus.json", SubscribedSku.class);
        Licences licences = skus instanceof Data.Missing<List<SubscribedSku>> m
                ? Licences.unknown(m.reason()) : Licences.of(skus.orNull());

        Data<List<Organization>> organizations = files.collection("organization.json", Organization.class);
        Data<Organization> organization = organizations instanceof Data.Present<List<Organization>> p
                && p.value().isEmpty()
                ? Data.missing("organization.json", "organization.json holds no organization")
                : organizations.map(list -> list.get(0));

        TenantSnapshot snapshot = new TenantSnapshot(
                info,
                licences,
                organization,
                files.collection("users.json", User.class, "id", "accountEnabled", "assignedPlans"),
                files.collection("userRegistrationDetails.json", RegistrationDetail.class),
                files.collection("groups.json", Group.class),
                files.keyed("groupMembers", f -> files.collection(f, DirectoryObject.class), files::absent),
                files.collection("roleDefinitions.json", RoleDefinition.class),
                files.collection("roleAssignments.json", RoleAssignment.class),
                p2Only(files, licences, "roleAssignmentSchedules.json", RoleSchedule.class),
                p2Only(files, licences, "roleEligibilitySchedules.json", RoleSchedule.class),
                p2Only(files, licences, "roleManagementPolicyAssignments.json", PolicyAssignment.class),
                p2OnlyKeyed(files, licences, "pimGroupAssignmentSchedules", PimGroupSchedule.class),
                p2OnlyKeyed(files, licences, "pimGroupPolicyAssignments", PolicyAssignment.class),
                conditionalAccess(files, licences),
                files.object("securityDefaults.json", SecurityDefaults.class),
                files.object("authenticationMethodsPolicy.json", AuthenticationMethodsPolicy.class),
                files.keyed("authenticationMethods", f -> files.collection(f, AuthenticationMethod.class),
                        files::absent),
                signIns(files, licences),
                files.collection("directoryAudits.json", DirectoryAudit.class),
                p2Only(files, licences, "riskyUsers.json", RiskyUser.class),
                files.collection("applications.json", Application.class),
                files.collection("servicePrincipals.json", ServicePrincipal.class),
                files.collection("delegatedAdminRelationships.json", DelegatedAdminRelationship.class),
                files.keyed("delegatedAdminAccessAssignments", f -> files.collection(f, AccessAssignment.class),
                        files::absent),
                azureRoleAssignments(files));
        return new Loaded(snapshot, digests.complete());
    }

    /** PIM and Identity Protection data: none exists without P2. */
    private static <T> Data<List<T>> p2Only(GraphFiles files, Licences licences, String file, Class<T> type) {
        if (licences.known() && !licences.hasP2()) {
            return Data.present(List.of());
        }
        return files.collection(file, type);
    }

    private static <T> Keyed<List<T>> p2OnlyKeyed(GraphFiles files, Licences licences, String folder, Class<T> type) {
        if (licences.known() && !licences.hasP2()) {
            return new Keyed<>(folder, Map.of(), file -> Data.present(List.of()));
        }
        return files.keyed(folder, f -> files.collection(f, type), files::absent);
    }

    /** Without P1, Conditional Access is not enforced: its policies, even if collected, do not count. */
    private static Data<List<CaPolicy>> conditionalAccess(GraphFiles files, Licences licences) {
        if (licences.known() && !licences.hasP1()) {
            return Data.present(List.of());
        }
        return files.collection("conditionalAccessPolicies.json", CaPolicy.class);
    }

    /**
     * Sign-ins of a tenant without P1 exist but cannot be read through Graph: missing, never empty — and a file
     * that claims to hold them anyway is not trusted (an empty one would pass every sign-in clause).
     */
    private static Data<List<io.cspguard.snapshot.graph.SignIn>> signIns(GraphFiles files, Licences licences) {
        if (licences.known() && !licences.hasP1()) {
            String why = files.exists("signIns.json") ? "signIns.json is present, but"
                    : ((Data.Missing<?>) files.absent("signIns.json")).reason() + ";";
            return Data.missing("signIns.json", why + " Graph serves sign-in logs only to tenants with Entra ID P1 or P2");
        }
        return files.bulkCollection("signIns.json", new SignInReader());
    }

    /**
     * Azure role assignments are optional: absent (and not recorded as failed), there are none to judge and the clause
     * is skipped; recorded as failed, or unreadable, they are missing like any other file.
     */
    private static Data<List<AzureRoleAssignment>> azureRoleAssignments(GraphFiles files) {
        String file = "azureRoleAssignments.json";
        if (!files.exists(file) && !files.recordedAsFailed(file)) {
            return Data.present(List.of());
        }
        return files.collection(file, AzureRoleAssignment.class);
    }

    private record TenantJson(String tenantId, String displayName, String role, Instant collectedAt,
                              Map<String, ReadError> errors) {
    }

    private static TenantInfo readInfo(Path dir, FileDigests digests, String fallbackId, String partnerId,
                                       Instant fallbackTime) {
        Path file = dir.resolve("tenant.json");
        TenantRole fallbackRole = fallbackId != null && fallbackId.equalsIgnoreCase(partnerId)
                ? TenantRole.PARTNER : TenantRole.CUSTOMER;
        if (!Files.isRegularFile(file)) {
            return new TenantInfo(fallbackId, null, fallbackRole, fallbackTime, Map.of(),
                    "tenant.json is missing");
        }
        try (InputStream in = digests.open(file)) {
            TenantJson t = Json.MAPPER.readValue(in, TenantJson.class);
            if (t == null) {
                throw new IOException("tenant.json is empty");
            }
            String id = t.tenantId() != null ? t.tenantId() : fallbackId;
            TenantRole role = parseRole(t.role(), id, partnerId);
            Instant at = t.collectedAt() != null ? t.collectedAt() : fallbackTime;
            return new TenantInfo(id, t.displayName(), role, at, t.errors() == null ? Map.of() : t.errors(), null);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return new TenantInfo(fallbackId, null, fallbackRole, fallbackTime, Map.of(),
                    "tenant.json is unreadable" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException | IllegalArgumentException e) {
            return new TenantInfo(fallbackId, null, fallbackRole, fallbackTime, Map.of(),
                    "tenant.json is unreadable: " + e.getMessage());
        }
    }

    private static TenantRole parseRole(String role, String id, String partnerId) {
        if (role != null) {
            return switch (role.toLowerCase(Locale.ROOT)) {
                case "partner" -> TenantRole.PARTNER;
                case "customer" -> TenantRole.CUSTOMER;
                default -> throw new IllegalArgumentException("\"role\" must be \"partner\" or \"customer\", not \""
                        + role + "\"");
            };
        }
        return id != null && id.equalsIgnoreCase(partnerId) ? TenantRole.PARTNER : TenantRole.CUSTOMER;
    }
}
