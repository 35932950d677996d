package io.cspguard.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes, 1 lane) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so that stronger parameters can be introduced later and old
 * hashes still verify.
 */
final class PasswordHasher {
    static final int MIN_LENGTH = 12;
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    /** Verified against when the name is unknown, so that a wrong name takes as long as a wrong password. */
    private static final String DECOY = hash("decoy password never used by anyone");

    private PasswordHasher() {
    }

    static String hash(String password) {
        byte[] salt = Tokens.bytes(16);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, LANES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /**
     * Whether {@code password} matches {@code stored}; a null or malformed hash matches nothing. A missing password
     * is checked as the empty one (which matches no hash this class made: passwords have at least
     * {@value #MIN_LENGTH} characters), so that it costs the same time as a wrong one.
     */
    static boolean verify(String password, String stored) {
        String given = password == null ? "" : password;
        if (stored == null) {
            verify(given, DECOY);
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            String[] pair = kv.split("=", 2);
            int v = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> m = v;
                case "t" -> t = v;
                case "p" -> p = v;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        byte[] actual = derive(given, salt, m, t, p);
        boolean same = MessageDigest.isEqual(expected, actual) && password != null;
        Arrays.fill(actual, (byte) 0);
        return same;
    }

    /** Spends the time of one verification, for requests that have no account to check. */
    static void spendVerificationTime(String password) {
        verify(password == null ? "" : password, DECOY);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes) {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[HASH_BYTES];
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        gen.generateBytes(pw, out);
        Arrays.fill(pw, (byte) 0);
        return out;
    }
}
