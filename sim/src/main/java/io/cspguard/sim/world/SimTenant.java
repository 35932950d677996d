package io.cspguard.sim.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.ReadError;
import io.cspguard.snapshot.TenantRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One simulated tenant. Its Graph data is held exactly as the snapshot files hold it (formats.md §1): a collection
 * file name ({@code users.json}, {@code groupMembers/<groupId>.json}, {@code partnerCenter/customers.json}…) maps to
 * the objects of its {@code value} array, a single-object file ({@code securityDefaults.json}) to its object. The
 * simulator serves these, the generator fills them, and {@link WorldSnapshotWriter} writes them as {@code world/}.
 * Writes (group member add/remove, user disable…) change them under {@link #lock()}.
 *
 * <p>{@code readErrors} are the reads that fail in this tenant on purpose — a licence the tenant lacks (sign-ins of a
 * free tenant), a permission the partner was not granted: the simulator answers them with Graph's error, and a perfect
 * collector records them in {@code tenant.json} {@code errors}.
 */
public final class SimTenant {
    private final String tenantId;
    private final String displayName;
    private final TenantRole role;
    private final Licences.Tier licence;
    private final Map<String, List<ObjectNode>> collections = new LinkedHashMap<>();
    private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
    private final Map<String, ReadError> readErrors = new LinkedHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean appConsented;
    private Set<String> appPermissions = Set.of();

    public SimTenant(String tenantId, String displayName, TenantRole role, Licences.Tier licence) {
        this.tenantId = tenantId;
        this.displayName = displayName;
        this.role = role;
        this.licence = licence;
    }

    public String tenantId() {
        return tenantId;
    }

    public String displayName() {
        return displayName;
    }

    public TenantRole role() {
        return role;
    }

    public Licences.Tier licence() {
        return licence;
    }

    /** Guards {@link #collections()} and {@link #objects()} against concurrent reads and writes. */
    public ReentrantReadWriteLock lock() {
        return lock;
    }

    /** Snapshot file name → the objects of its {@code value} array, in order (mutable, under the lock). */
    public Map<String, List<ObjectNode>> collections() {
        return collections;
    }

    /** Snapshot file name → the single object it holds (mutable, under the lock). */
    public Map<String, ObjectNode> objects() {
        return objects;
    }

    public List<ObjectNode> collection(String file) {
        return collections.computeIfAbsent(file, f -> new ArrayList<>());
    }

    public Optional<List<ObjectNode>> existingCollection(String file) {
        return Optional.ofNullable(collections.get(file));
    }

    /** Snapshot file name → the error Graph answers for that read in this tenant. */
    public Map<String, ReadError> readErrors() {
        return readErrors;
    }

    /** Whether the partner's multi-tenant app was consented here (app-only access, formats.md §4). */
    public boolean appConsented() {
        return appConsented;
    }

    /** The application permissions the partner's app holds here (e.g. Directory.Read.All, AuditLog.Read.All). */
    public Set<String> appPermissions() {
        return appPermissions;
    }

    public void consent(Set<String> permissions) {
        this.appConsented = true;
        this.appPermissions = Set.copyOf(permissions);
    }
}
