package io.cspguard.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshTokenStoreTest {
    private static final String TOKEN = "0.ARwA-refresh-token-" + "x".repeat(300) + "-end";

    @TempDir
    Path dir;

    @Test
    void encryptedAtRestWithAnOwnerOnlyKeyFile() throws Exception {
        RefreshTokenStore store = new RefreshTokenStore(dir.resolve("state/refresh.bin"), Map.<String, String>of()::get);
        assertThat(store.exists()).isFalse();
        assertThatThrownBy(store::load).isInstanceOf(NoSuchFileException.class);
        store.save(TOKEN);
        assertThat(store.exists()).isTrue();
        byte[] bytes = Files.readAllBytes(store.tokenFile());
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN).doesNotContain("refresh-token");
        assertThat(perms(store.tokenFile())).isEqualTo("rw-------");
        assertThat(perms(store.keyFile())).isEqualTo("rw-------");
        assertThat(perms(store.tokenFile().getParent())).isEqualTo("rwx------");
        assertThat(store.keyFile()).isEqualTo(dir.resolve("state/refresh.bin.key"));
        assertThat(store.load()).isEqualTo(TOKEN);
        // a new store on the same files (the next run) reads it; a rotation replaces it
        RefreshTokenStore next = new RefreshTokenStore(dir.resolve("state/refresh.bin"), Map.<String, String>of()::get);
        assertThat(next.load()).isEqualTo(TOKEN);
        next.save(TOKEN + "-rotated");
        assertThat(store.load()).isEqualTo(TOKEN + "-rotated");
        assertThat(perms(store.tokenFile())).isEqualTo("rw-------");
        try (var files = Files.list(store.tokenFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("refresh.bin",
                    "refresh.bin.key");
        }
        // two encryptions of one token differ (random nonce)
        byte[] before = Files.readAllBytes(store.tokenFile());
        store.save(TOKEN + "-rotated");
        assertThat(Files.readAllBytes(store.tokenFile())).isNotEqualTo(before);
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        RefreshTokenStore store = new RefreshTokenStore(dir.resolve("rt.bin"), Map.<String, String>of()::get);
        store.save(TOKEN);
        Files.setPosixFilePermissions(store.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(store::load).hasMessageContaining("accessible to others").hasMessageContaining("chmod 600");
    }

    @Test
    void theKeyFromTheEnvironment() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String b64 = Base64.getEncoder().encodeToString(key);
        Map<String, String> env = Map.of(RefreshTokenStore.KEY_VARIABLE, b64);
        RefreshTokenStore store = new RefreshTokenStore(dir.resolve("rt.bin"), env::get);
        store.save(TOKEN);
        assertThat(store.keyFile()).doesNotExist();
        assertThat(new String(Files.readAllBytes(store.tokenFile()), StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(perms(store.tokenFile())).isEqualTo("rw-------");
        assertThat(store.load()).isEqualTo(TOKEN);

        // another key cannot open it, and says which key it tried, never the key
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        String otherB64 = Base64.getEncoder().encodeToString(other);
        RefreshTokenStore wrong = new RefreshTokenStore(dir.resolve("rt.bin"),
                Map.of(RefreshTokenStore.KEY_VARIABLE, otherB64)::get);
        assertThatThrownBy(wrong::load).hasMessageContaining(RefreshTokenStore.KEY_VARIABLE)
                .hasMessageContaining("cspguard connect").message().doesNotContain(otherB64);
        // without the variable, and no key file
        assertThatThrownBy(new RefreshTokenStore(dir.resolve("rt.bin"), Map.<String, String>of()::get)::load)
                .hasMessageContaining("no key");
        // a key of the wrong size
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new RefreshTokenStore(dir.resolve("rt2.bin"),
                Map.of(RefreshTokenStore.KEY_VARIABLE, shortKey)::get).save(TOKEN))
                .hasMessageContaining("32 bytes").message().doesNotContain(shortKey);
    }

    @Test
    void aDamagedFileIsRefused() throws Exception {
        RefreshTokenStore store = new RefreshTokenStore(dir.resolve("rt.bin"), Map.<String, String>of()::get);
        store.save(TOKEN);
        byte[] bytes = Files.readAllBytes(store.tokenFile());
        bytes[bytes.length - 1] ^= 1;
        Files.write(store.tokenFile(), bytes);
        assertThatThrownBy(store::load).hasMessageContaining("altered");
        Files.writeString(store.tokenFile(), "not ours");
        assertThatThrownBy(store::load).hasMessageContaining("not a refresh token file");
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
