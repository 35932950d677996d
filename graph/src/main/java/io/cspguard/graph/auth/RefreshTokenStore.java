package io.cspguard.graph.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The delegated mode's refresh token at rest: AES-256-GCM, in a file readable by its owner only (0600).
 *
 * <p>The key comes from the environment variable {@value #KEY_VARIABLE} (Base64 of 32 bytes, e.g. {@code openssl
 * rand -base64 32}) when it is set; otherwise from the key file next to the token file ({@code <token file>.key},
 * Base64), created at the first {@link #save} with owner-only permissions (0600). A key file readable by anyone else is
 * refused, as ssh refuses such a private key.
 *
 * <p>File: {@code CSPGRT01} (8 bytes, also the authenticated data), a 12-byte random nonce, then the ciphertext with
 * its 16-byte tag. Writes go to a temporary owner-only file renamed over the old one, so a crash never leaves half a
 * token. Thread-safe.
 */
public final class RefreshTokenStore {
    /** The environment variable that may hold the key. */
    public static final String KEY_VARIABLE = "CSPGUARD_TOKEN_KEY";
    private static final byte[] MAGIC = "CSPGRT01".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path tokenFile;
    private final Function<String, String> env;

    /** With the key from this process's environment, or the key file. */
    public RefreshTokenStore(Path tokenFile) {
        this(tokenFile, System::getenv);
    }

    /** @param env the environment {@value #KEY_VARIABLE} is read from */
    public RefreshTokenStore(Path tokenFile, Function<String, String> env) {
        this.tokenFile = tokenFile.toAbsolutePath().normalize();
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The profile's {@code refreshToken} file. */
    public static RefreshTokenStore of(ConnectionProfile profile, Function<String, String> env)
            throws ProfileException {
        if (profile.refreshToken() == null) {
            throw new ProfileException(profile.source(), "refreshToken", "not set: name the file where `cspguard "
                    + "connect` keeps the refresh token");
        }
        return new RefreshTokenStore(profile.refreshToken(), env);
    }

    public Path tokenFile() {
        return tokenFile;
    }

    /** Where the key is kept when {@value #KEY_VARIABLE} is not set. */
    public Path keyFile() {
        return tokenFile.resolveSibling(tokenFile.getFileName() + ".key");
    }

    /** Whether a token has been stored. */
    public boolean exists() {
        return Files.isRegularFile(tokenFile);
    }

    /** Encrypts and stores {@code refreshToken}, replacing the one stored; creates the key file if needed. */
    public synchronized void save(String refreshToken) throws IOException {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Path dir = tokenFile.getParent();
        if (!Files.isDirectory(dir)) {
            createDirectories(dir);
        }
        byte[] key = key(true);
        byte[] plain = refreshToken.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(MAGIC);
            byte[] sealed = c.doFinal(plain);
            byte[] out = ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length)
                    .put(MAGIC).put(nonce).put(sealed).array();
            writeOwnerOnly(tokenFile, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The stored refresh token.
     *
     * @throws NoSuchFileException no token stored yet
     * @throws IOException         no key, a key that does not open it, a damaged file
     */
    public synchronized String load() throws IOException {
        byte[] data = Files.readAllBytes(tokenFile);
        if (data.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new IOException(tokenFile + " is not a refresh token file written by `cspguard connect`");
        }
        byte[] key = key(false);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, data, MAGIC.length, NONCE_BYTES));
            c.updateAAD(MAGIC);
            byte[] plain = c.doFinal(data, MAGIC.length + NONCE_BYTES, data.length - MAGIC.length - NONCE_BYTES);
            String token = new String(plain, StandardCharsets.UTF_8);
            Arrays.fill(plain, (byte) 0);
            return token;
        } catch (AEADBadTagException e) {
            throw new IOException("cannot decrypt " + tokenFile + ": the key (" + keySource() + ") is not the one it "
                    + "was written with, or the file was altered; run `cspguard connect` again");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt " + tokenFile + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Deletes the token and its key file (signing out of delegated mode). */
    public synchronized void delete() throws IOException {
        Files.deleteIfExists(tokenFile);
        Files.deleteIfExists(keyFile());
    }

    private String keySource() {
        return env.apply(KEY_VARIABLE) != null ? KEY_VARIABLE : keyFile().toString();
    }

    /** The 32-byte key: from the environment, else the key file (made when {@code create} and missing). */
    private byte[] key(boolean create) throws IOException {
        String fromEnv = env.apply(KEY_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return decodeKey(fromEnv, "environment variable " + KEY_VARIABLE);
        }
        Path file = keyFile();
        if (!Files.exists(file)) {
            if (!create) {
                throw new IOException("no key to decrypt " + tokenFile + ": neither " + KEY_VARIABLE + " is set nor "
                        + file + " exists");
            }
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
            try {
                createOwnerOnly(file, text);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            } finally {
                Arrays.fill(text, (byte) 0);
            }
        }
        requireOwnerOnly(file);
        byte[] text = Files.readAllBytes(file);
        try {
            return decodeKey(new String(text, StandardCharsets.US_ASCII), "key file " + file);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static byte[] decodeKey(String base64, String where) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(where + " is not Base64 (make one with: openssl rand -base64 32)");
        }
        if (key.length != KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IOException(where + " must hold 32 bytes in Base64, not " + key.length
                    + " (make one with: openssl rand -base64 32)");
        }
        return key;
    }

    /** Refuses a key file that anyone but its owner may read or write. */
    private static void requireOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException(file + " is accessible to others (" + PosixFilePermissions.toString(perms)
                        + "): make it readable by its owner only (chmod 600)");
            }
        }
    }

    /** Writes {@code bytes} to {@code target} through an owner-only temporary file renamed over it. */
    private static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".tmp");
        try {
            createOwnerOnly(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code file} (it must not exist) readable and writable by its owner only, then writes it. */
    private static void createOwnerOnly(Path file, byte[] bytes) throws IOException {
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, attr);
            // the umask cannot add bits, but be explicit
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } else {
            Files.createFile(file);
            ownerOnlyAcl(file);
        }
        Files.write(file, bytes);
    }

    private static void createDirectories(Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null
                && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Windows: an ACL granting the owner alone full access. */
    private static void ownerOnlyAcl(Path file) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        UserPrincipal owner = Files.getOwner(file);
        AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(entry));
    }
}
