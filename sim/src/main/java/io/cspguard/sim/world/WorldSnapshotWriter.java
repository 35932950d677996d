package io.cspguard.sim.world;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.ReadError;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes what a simulated world holds (formats.md §5): {@code world/} — the world's data as a snapshot, exactly
 * what a perfect collector would write (formats.md §1) — {@code planted.json} and {@code cspguard.yaml}.
 * Pretty-printed, UTF-8, {@code \n} line ends, every file ending with one: the same world gives the same bytes.
 */
public final class WorldSnapshotWriter {
    public static final String WORLD = "world";
    public static final String PLANTED = "planted.json";
    public static final String CONFIG = "cspguard.yaml";

    private static final String GRAPH = "https://graph.microsoft.com/v1.0/$metadata#";
    private static final String USERS_SELECT = "id,userPrincipalName,displayName,mail,accountEnabled,userType,"
            + "createdDateTime,onPremisesSyncEnabled,assignedLicenses,assignedPlans";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final int threads;

    public WorldSnapshotWriter() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public WorldSnapshotWriter(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * Writes {@code world/}, {@code planted.json} and {@code cspguard.yaml} into {@code folder}. A {@code world/}
     * already there is replaced, if it is a snapshot; anything else there is an error.
     *
     * @return the number of bytes written
     */
    public long write(World world, Path folder) throws IOException {
        Files.createDirectories(folder);
        long bytes = writeSnapshot(world, folder.resolve(WORLD));
        bytes += writePlanted(world, folder.resolve(PLANTED));
        byte[] yaml = world.configYaml().getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve(CONFIG), yaml);
        return bytes + yaml.length;
    }

    /** Writes the world's data as a snapshot into {@code dir} (which must be absent, empty, or a snapshot). */
    public long writeSnapshot(World world, Path dir) throws IOException {
        clear(dir);
        Files.createDirectories(dir.resolve("tenants"));
        String collectedAt = world.worldTime().toString();
        ObjectNode collection = F.objectNode();
        collection.put("schemaVersion", 1);
        collection.put("partnerTenantId", world.partnerTenantId());
        collection.put("collectedAt", collectedAt);
        long bytes = writeJson(dir.resolve("collection.json"), collection);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, world.tenants().size())));
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (SimTenant t : world.tenants()) {
                futures.add(pool.submit(() -> writeTenant(t, dir.resolve("tenants").resolve(t.tenantId()),
                        collectedAt)));
            }
            for (Future<Long> f : futures) {
                bytes += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + dir, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("writing " + dir + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return bytes;
    }

    /** {@code planted.json}: {@code {"schemaVersion":1,"seed":…,"partnerTenantId":…,"planted":[…]}}. */
    public long writePlanted(World world, Path file) throws IOException {
        ObjectNode root = F.objectNode();
        root.put("schemaVersion", 1);
        root.put("seed", world.seed());
        root.put("partnerTenantId", world.partnerTenantId());
        ArrayNode list = root.putArray("planted");
        for (Planted p : world.planted()) {
            ObjectNode n = list.addObject();
            n.put("tenantId", p.tenantId());
            n.put("controlId", p.controlId());
            ArrayNode ids = n.putArray("objectIds");
            p.objectIds().forEach(ids::add);
            n.put("note", p.note());
        }
        return writeJson(file, root);
    }

    private long writeTenant(SimTenant t, Path dir, String collectedAt) throws IOException {
        var lock = t.lock().readLock();
        lock.lock();
        try {
            Files.createDirectories(dir);
            long bytes = 0;
            ObjectNode info = F.objectNode();
            info.put("tenantId", t.tenantId());
            info.put("displayName", t.displayName());
            info.put("role", t.role().json());
            info.put("collectedAt", collectedAt);
            ObjectNode errors = info.putObject("errors");
            for (Map.Entry<String, ReadError> e : new TreeMap<>(t.readErrors()).entrySet()) {
                ObjectNode err = errors.putObject(e.getKey());
                if (e.getValue().status() == null) {
                    err.putNull("status");
                } else {
                    err.put("status", e.getValue().status());
                }
                err.put("code", e.getValue().code());
                err.put("message", e.getValue().message());
            }
            bytes += writeJson(dir.resolve("tenant.json"), info);
            TreeMap<String, JsonNode> files = new TreeMap<>();
            for (Map.Entry<String, List<ObjectNode>> e : t.collections().entrySet()) {
                files.put(e.getKey(), envelope(e.getKey(), e.getValue(), t.licence()));
            }
            for (Map.Entry<String, ObjectNode> e : t.objects().entrySet()) {
                ObjectNode single = F.objectNode();
                single.put("@odata.context", odataContext(e.getKey(), t.licence()));
                single.setAll(e.getValue());
                files.put(e.getKey(), single);
            }
            for (Map.Entry<String, JsonNode> e : files.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                bytes += writeJson(file, e.getValue());
            }
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** A collection file as Graph (all pages merged) or Partner Center returns it. */
    public static ObjectNode envelope(String file, List<ObjectNode> items, Licences.Tier licence) {
        ObjectNode root = F.objectNode();
        if (file.startsWith("partnerCenter/")) {
            root.put("totalCount", items.size());
            root.putArray("items").addAll(items);
            if (file.equals("partnerCenter/customers.json")) {
                link(root, "/customers?size=500");
            } else if (file.startsWith("partnerCenter/subscriptions/")) {
                String customer = file.substring("partnerCenter/subscriptions/".length(), file.length() - 5);
                link(root, "/customers/" + customer + "/subscriptions");
            }
            root.putObject("attributes").put("objectType", "Collection");
            return root;
        }
        root.put("@odata.context", odataContext(file, licence));
        root.putArray("value").addAll(items);
        return root;
    }

    private static void link(ObjectNode root, String uri) {
        ObjectNode self = root.putObject("links").putObject("self");
        self.put("uri", uri);
        self.put("method", "GET");
        self.putArray("headers");
    }

    /** The {@code @odata.context} Graph gives the response a snapshot file holds. */
    public static String odataContext(String file, Licences.Tier licence) {
        int slash = file.indexOf('/');
        if (slash > 0) {
            String folder = file.substring(0, slash);
            String id = file.substring(slash + 1, file.length() - ".json".length());
            return switch (folder) {
                case "groupMembers" -> GRAPH + "directoryObjects";
                case "authenticationMethods" -> GRAPH + "Collection(microsoft.graph.authenticationMethod)";
                case "delegatedAdminAccessAssignments" -> GRAPH + "tenantRelationships/delegatedAdminRelationships('"
                        + id + "')/accessAssignments";
                case "pimGroupAssignmentSchedules" -> GRAPH + "identityGovernance/privilegedAccess/group/"
                        + "assignmentSchedules";
                case "pimGroupEligibilitySchedules" -> GRAPH + "identityGovernance/privilegedAccess/group/"
                        + "eligibilitySchedules";
                case "pimGroupPolicyAssignments" -> GRAPH + "policies/roleManagementPolicyAssignments(policy(rules()))";
                default -> GRAPH + folder;
            };
        }
        String name = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        boolean p1 = licence == Licences.Tier.P1 || licence == Licences.Tier.P2;
        return switch (name) {
            case "users" -> GRAPH + "users(" + USERS_SELECT + (p1 ? ",signInActivity" : "") + ")";
            case "groups" -> GRAPH + "groups(id,displayName,securityEnabled,mailEnabled,isAssignableToRole)";
            case "userRegistrationDetails" -> GRAPH + "reports/authenticationMethods/userRegistrationDetails";
            case "roleDefinitions", "roleAssignments", "roleAssignmentSchedules", "roleEligibilitySchedules" ->
                    GRAPH + "roleManagement/directory/" + name;
            case "roleManagementPolicyAssignments" ->
                    GRAPH + "policies/roleManagementPolicyAssignments(policy(rules()))";
            case "conditionalAccessPolicies" -> GRAPH + "identity/conditionalAccess/policies";
            case "securityDefaults" -> GRAPH + "policies/identitySecurityDefaultsEnforcementPolicy/$entity";
            case "authenticationMethodsPolicy" -> GRAPH + "policies/authenticationMethodsPolicy/$entity";
            case "signIns" -> "https://graph.microsoft.com/beta/$metadata#auditLogs/signIns";
            case "directoryAudits" -> GRAPH + "auditLogs/directoryAudits";
            case "riskyUsers" -> GRAPH + "identityProtection/riskyUsers";
            case "managedDevices" -> GRAPH + "deviceManagement/managedDevices";
            case "delegatedAdminRelationships" -> GRAPH + "tenantRelationships/delegatedAdminRelationships";
            default -> GRAPH + name;
        };
    }

    private static long writeJson(Path file, JsonNode node) throws IOException {
        try (Counting out = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            JsonGenerator gen = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setPrettyPrinter(PRETTY.createInstance());
            MAPPER.writeTree(gen, node);
            gen.flush();
            out.write('\n');
            out.flush();
            return out.count;
        }
    }

    /** Removes a previous snapshot at {@code dir}; refuses to remove anything that is not one. */
    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        if (!Files.isRegularFile(dir.resolve("collection.json"))) {
            throw new IOException(dir + " exists and is not a snapshot (no collection.json): not replacing it");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
