package io.cspguard.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code --input} names: a collection ({@code collection.json} + {@code tenants/<id>/}) or one tenant folder
 * ({@code tenant.json}). Opening reads only the index; tenants are loaded one by one, so a run's memory does not
 * grow with the number of tenants.
 */
public record SnapshotInput(Path root, String partnerTenantId, Instant collectedAt, List<TenantFolder> tenants,
                            Map<String, String> rootFileDigests) {

    /** A tenant folder, and the path prefix of its files within the input (for the input hash). */
    public record TenantFolder(Path dir, String folderName, String pathPrefix) {
    }

    private record CollectionJson(Integer schemaVersion, String partnerTenantId, Instant collectedAt) {
    }

    public static SnapshotInput open(Path path) throws InputException {
        if (!Files.exists(path)) {
            throw new InputException("--input " + path + ": no such file or folder");
        }
        if (!Files.isDirectory(path)) {
            throw new InputException("--input " + path + ": not a folder (expected a collection with collection.json, "
                    + "or a tenant folder with tenant.json)");
        }
        Path collection = path.resolve("collection.json");
        if (Files.isRegularFile(collection)) {
            return openCollection(path, collection);
        }
        if (Files.isRegularFile(path.resolve("tenant.json"))) {
            return openTenant(path);
        }
        throw new InputException("--input " + path + ": holds neither collection.json nor tenant.json");
    }

    private static SnapshotInput openCollection(Path root, Path collectionFile) throws InputException {
        FileDigests digests = new FileDigests(root);
        CollectionJson c;
        try (InputStream in = digests.open(collectionFile)) {
            c = Json.MAPPER.readValue(in, CollectionJson.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InputException(collectionFile + " is malformed"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InputException(collectionFile + " cannot be read: " + e.getMessage());
        }
        if (c == null || c.collectedAt() == null) {
            throw new InputException(collectionFile + ": \"collectedAt\" is required");
        }
        if (c.schemaVersion() != null && c.schemaVersion() != 1) {
            throw new InputException(collectionFile + ": schemaVersion " + c.schemaVersion()
                    + " is not supported (this version reads 1)");
        }
        Path tenantsDir = root.resolve("tenants");
        List<TenantFolder> tenants = new ArrayList<>();
        if (Files.isDirectory(tenantsDir)) {
            try (var dirs = Files.list(tenantsDir)) {
                dirs.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).forEach(d -> {
                    String name = d.getFileName().toString();
                    tenants.add(new TenantFolder(d, name, "tenants/" + name + "/"));
                });
            } catch (IOException e) {
                throw new InputException(tenantsDir + " cannot be listed: " + e.getMessage());
            }
        }
        if (tenants.isEmpty()) {
            throw new InputException(root + ": the collection holds no tenant folder under tenants/");
        }
        return new SnapshotInput(root, c.partnerTenantId(), c.collectedAt(), List.copyOf(tenants),
                Map.of("collection.json", digestOf(digests, "collection.json")));
    }

    private static String digestOf(FileDigests digests, String key) {
        return digests.digest(key);
    }

    /** A lone tenant folder: its tenant.json must be readable and say when it was collected. */
    private static SnapshotInput openTenant(Path dir) throws InputException {
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        Path file = dir.resolve("tenant.json");
        Instant collectedAt;
        try (InputStream in = Files.newInputStream(file)) {
            var node = Json.MAPPER.readTree(in);
            var at = node == null ? null : node.get("collectedAt");
            if (at == null || !at.isTextual()) {
                throw new InputException(file + ": \"collectedAt\" is required when a tenant folder is assessed on its own");
            }
            collectedAt = Instant.parse(at.asText());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InputException(file + " is malformed"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException | java.time.DateTimeException e) {
            throw new InputException(file + " cannot be read: " + e.getMessage());
        }
        return new SnapshotInput(dir, null, collectedAt, List.of(new TenantFolder(dir, name, "")), Map.of());
    }

    public boolean isCollection() {
        return !rootFileDigests.isEmpty();
    }
}
