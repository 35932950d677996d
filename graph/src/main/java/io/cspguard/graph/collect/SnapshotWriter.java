package io.cspguard.graph.collect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.graph.http.FileOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a collection in the layout of formats.md §1, one tenant at a time and atomically: a tenant is written into
 * a folder of its own under {@code .incomplete/} (outside {@code tenants/}, where a reader would see it) and renamed
 * to {@code tenants/<tenantId>} once its {@code tenant.json} is written; {@code collection.json} comes last. A run that
 * is killed leaves no tenant folder that looks complete, and no {@code collection.json} until the end. Folders are
 * created owner-only (0700) and files 0600 where the file system has POSIX permissions.
 *
 * <p>The output folder must be absent, empty, or an earlier snapshot (a {@code collection.json} is there): that one's
 * {@code collection.json} is removed at once, its tenant folders are replaced as tenants are collected, and those this
 * run did not write are removed at the end.
 */
public final class SnapshotWriter {
    static final String INCOMPLETE = ".incomplete";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path out;
    private final Path tenants;
    private final Path incomplete;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    public SnapshotWriter(Path outDir) throws IOException {
        this.out = outDir.toAbsolutePath().normalize();
        this.tenants = out.resolve("tenants");
        this.incomplete = out.resolve(INCOMPLETE);
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IOException(out + " exists and is not a folder");
            }
            boolean empty;
            try (Stream<Path> entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            }
            boolean snapshot = Files.isRegularFile(out.resolve("collection.json")) || Files.isDirectory(tenants)
                    || Files.isDirectory(incomplete);
            if (!empty && !snapshot) {
                throw new IOException(out + " is neither empty nor a CSP Guard snapshot: not writing into it");
            }
            Files.deleteIfExists(out.resolve("collection.json"));
        }
        createDirectories(out);
        createDirectories(tenants);
        if (Files.isDirectory(incomplete)) {
            deleteTree(incomplete); // what a killed run left
        }
        createDirectories(incomplete);
    }

    public Path outDir() {
        return out;
    }

    /** Whether a tenant id or file-name segment is safe as a path segment (no separators, no leading dot). */
    public static boolean safeSegment(String s) {
        return s != null && SEGMENT.matcher(s).matches() && !s.contains("..");
    }

    /** Starts a tenant's folder under {@code .incomplete/}. */
    public TenantFolder begin(String tenantId) throws IOException {
        if (!safeSegment(tenantId)) {
            throw new IOException("not a tenant id that can name a folder: " + tenantId);
        }
        Path dir = incomplete.resolve(tenantId + "-" + UUID.randomUUID());
        createDirectories(dir);
        return new TenantFolder(tenantId, dir);
    }

    /**
     * Writes {@code collection.json} (the last file of a collection) and removes tenant folders of an earlier run that
     * this one did not write.
     *
     * @param failedTenants tenants that could not be collected at all, with the reason (an optional field)
     */
    public void finish(String partnerTenantId, Instant collectedAt, Map<String, String> failedTenants)
            throws IOException {
        try (Stream<Path> dirs = Files.list(tenants)) {
            for (Path d : dirs.toList()) {
                if (!written.contains(d.getFileName().toString().toLowerCase(Locale.ROOT))) {
                    deleteTree(d);
                }
            }
        }
        deleteTree(incomplete);
        ObjectNode c = MAPPER.createObjectNode();
        c.put("schemaVersion", 1);
        c.put("partnerTenantId", partnerTenantId);
        c.put("collectedAt", collectedAt.toString());
        if (!failedTenants.isEmpty()) {
            ObjectNode failed = c.putObject("failedTenants");
            new TreeMap<>(failedTenants).forEach(failed::put);
        }
        Path tmp = out.resolve("collection.json.tmp");
        writeJson(tmp, c);
        move(tmp, out.resolve("collection.json"));
    }

    /** One tenant's folder while it is being written. */
    public final class TenantFolder {
        private final String tenantId;
        private final Path dir;

        private TenantFolder(String tenantId, Path dir) {
            this.tenantId = tenantId;
            this.dir = dir;
        }

        public String tenantId() {
            return tenantId;
        }

        /**
         * A snapshot file of the tenant.
         *
         * @param name {@code users.json}, {@code groupMembers/<id>.json}, {@code partnerCenter/subscriptions/<id>.json}
         * @throws IllegalArgumentException for a name that is not a safe relative path
         */
        public FileOutput file(String name) {
            String[] parts = name.split("/");
            for (String p : parts) {
                if (!safeSegment(p)) {
                    throw new IllegalArgumentException("not a safe file name: " + name);
                }
            }
            if (!name.endsWith(".json")) {
                throw new IllegalArgumentException("not a .json file: " + name);
            }
            return new Output(dir.resolve(name));
        }

        /** Writes {@code tenant.json} and moves the folder into {@code tenants/}, replacing an earlier one. */
        public void commit(String displayName, String role, Instant collectedAt, Map<String, ErrorEntry> errors)
                throws IOException {
            ObjectNode info = MAPPER.createObjectNode();
            info.put("tenantId", tenantId);
            if (displayName == null) {
                info.putNull("displayName");
            } else {
                info.put("displayName", displayName);
            }
            info.put("role", role);
            info.put("collectedAt", collectedAt.toString());
            ObjectNode e = info.putObject("errors");
            for (Map.Entry<String, ErrorEntry> x : new TreeMap<>(errors).entrySet()) {
                ObjectNode n = e.putObject(x.getKey());
                if (x.getValue().status() == null) {
                    n.putNull("status");
                } else {
                    n.put("status", x.getValue().status());
                }
                n.put("code", x.getValue().code());
                n.put("message", x.getValue().message());
            }
            writeJson(dir.resolve("tenant.json"), info);
            Path target = tenants.resolve(tenantId);
            if (Files.exists(target)) {
                Path old = incomplete.resolve("replaced-" + tenantId + "-" + UUID.randomUUID());
                move(target, old);
                move(dir, target);
                deleteTree(old);
            } else {
                move(dir, target);
            }
            written.add(tenantId.toLowerCase(Locale.ROOT));
        }

        /** Removes what was written (the tenant could not be collected). */
        public void abandon() {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                // left under .incomplete/, which the next run (or finish) removes
            }
        }
    }

    /** An entry of {@code tenant.json} {@code errors}. */
    public record ErrorEntry(Integer status, String code, String message) {
    }

    private static final class Output implements FileOutput {
        private final Path path;
        private OutputStream stream;
        private JsonGenerator generator;

        Output(Path path) {
            this.path = path;
        }

        @Override
        public JsonGenerator open() throws IOException {
            closeQuietly();
            createDirectories(path.getParent());
            if (!Files.exists(path)) {
                try {
                    Files.createFile(path, fileAttributes(FILE));
                } catch (FileAlreadyExistsException e) {
                    // opened again: truncated below
                }
            }
            stream = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
            generator = MAPPER.getFactory().createGenerator(stream, JsonEncoding.UTF8);
            return generator;
        }

        @Override
        public void commit() throws IOException {
            if (generator == null) {
                throw new IOException(path + " was never opened");
            }
            generator.flush();
            stream.write('\n');
            generator.close();
            stream.close();
            generator = null;
            stream = null;
        }

        @Override
        public void discard() {
            closeQuietly();
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the folder is abandoned or replaced as a whole anyway
            }
        }

        private void closeQuietly() {
            try {
                if (generator != null) {
                    generator.close();
                }
            } catch (IOException e) {
                // closing what is being thrown away
            }
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException e) {
                // closing what is being thrown away
            }
            generator = null;
            stream = null;
        }
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, fileAttributes(FILE));
        try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(o), node);
            o.write('\n');
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, fileAttributes(DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> perms) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    /** Deletes a folder and everything in it (a snapshot, or part of one); nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Lets Jackson close its generator without closing the file before the final newline. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
