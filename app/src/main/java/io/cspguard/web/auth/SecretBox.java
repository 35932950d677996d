package io.cspguard.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (TOTP secrets) for the store with AES-256-GCM: {@code version byte, 12-byte nonce, ciphertext
 * and tag}. The authenticated data is {@code purpose|owner}, the owner being the account's immutable random user
 * handle: a sealed value copied to another column or to another account's row does not open, so someone who can write
 * the table but lacks the key cannot give a victim's account an authenticator secret they know.
 *
 * <p>Version 1 values (sealed before the owner was bound: purpose alone as authenticated data) still open, so stored
 * secrets keep working; {@link #bound} tells the caller to seal them again with their owner.
 *
 * <p>The key is {@value #KEY_VARIABLE} (Base64 of 32 bytes; every server sharing one PostgreSQL needs the same) when
 * set, otherwise {@code secret.key} in the data folder, created owner-only (0600) on first use; a key file others can
 * read is refused, as ssh refuses such a private key.
 */
final class SecretBox {
    static final String KEY_VARIABLE = "CSPGUARD_SECRET_KEY";
    /** Purpose alone as authenticated data: read only. */
    private static final byte LEGACY_VERSION = 1;
    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path keyFile;
    private final Function<String, String> env;
    private byte[] key;

    SecretBox(Path dataDir, Function<String, String> env) {
        this.keyFile = dataDir.toAbsolutePath().normalize().resolve("secret.key");
        this.env = env;
    }

    byte[] seal(String purpose, String owner, String secret) {
        try {
            byte[] nonce = Tokens.bytes(NONCE_BYTES);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(associatedData(purpose, owner));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Whether {@code sealed} is bound to its owner (false: an older value, to be sealed again). */
    static boolean bound(byte[] sealed) {
        return sealed != null && sealed.length > 0 && sealed[0] == VERSION;
    }

    /**
     * @throws IllegalStateException when the value is damaged, or was sealed with another key, for another purpose or
     *     for another owner (the message says which can be the cause; it never contains the secret)
     */
    String open(String purpose, String owner, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + 16
                || sealed[0] != VERSION && sealed[0] != LEGACY_VERSION) {
            throw new IllegalStateException("a sealed " + purpose + " in the store is damaged");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, sealed, 1, NONCE_BYTES));
            c.updateAAD(sealed[0] == LEGACY_VERSION ? purpose.getBytes(StandardCharsets.UTF_8)
                    : associatedData(purpose, owner));
            return new String(c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a sealed " + purpose + ": it was sealed for another account"
                    + " (copied from another user's row?) or with another key than " + keySource()
                    + " (servers sharing one database need the same " + KEY_VARIABLE + ")");
        }
    }

    private static byte[] associatedData(String purpose, String owner) {
        if (owner == null || owner.isEmpty()) {
            throw new IllegalArgumentException("a sealed " + purpose + " needs its owner");
        }
        return (purpose + "|" + owner).getBytes(StandardCharsets.UTF_8);
    }

    private String keySource() {
        String v = env.apply(KEY_VARIABLE);
        return v != null && !v.isBlank() ? KEY_VARIABLE : keyFile.toString();
    }

    private synchronized byte[] key() {
        if (key == null) {
            try {
                key = loadKey();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return key;
    }

    private byte[] loadKey() throws IOException {
        String fromEnv = env.apply(KEY_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return decode(fromEnv, "environment variable " + KEY_VARIABLE);
        }
        if (!Files.exists(keyFile)) {
            byte[] fresh = Tokens.bytes(32);
            try {
                Files.createDirectories(keyFile.getParent());
                boolean posix = Files.getFileStore(keyFile.getParent())
                        .supportsFileAttributeView(PosixFileAttributeView.class);
                if (posix) {
                    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(keyFile);
                }
                Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                return fresh;
            } catch (FileAlreadyExistsException raced) {
                Arrays.fill(fresh, (byte) 0); // another process made it first: use theirs
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view != null && !OWNER_ONLY.containsAll(view.readAttributes().permissions())) {
            throw new IOException(keyFile + " is accessible to others ("
                    + PosixFilePermissions.toString(view.readAttributes().permissions())
                    + "): make it readable by its owner only (chmod 600)");
        }
        return decode(Files.readString(keyFile, StandardCharsets.US_ASCII), "key file " + keyFile);
    }

    private static byte[] decode(String base64, String where) throws IOException {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(where + " is not Base64 (make one with: openssl rand -base64 32)");
        }
        if (k.length != 32) {
            throw new IOException(where + " must hold 32 bytes in Base64, not " + k.length
                    + " (make one with: openssl rand -base64 32)");
        }
        return k;
    }
}
