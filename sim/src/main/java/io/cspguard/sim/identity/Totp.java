package io.cspguard.sim.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP as authenticator apps use it: HMAC-SHA1, 6 digits, 30-second steps, Base32 secret (RFC 4648).
 * Twenty lines of javax.crypto rather than a dependency.
 */
public final class Totp {
    private static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The code an authenticator shows at {@code at}. */
    public static String code(String base32Secret, Instant at) {
        return code(decodeBase32(base32Secret), Math.floorDiv(at.getEpochSecond(), STEP_SECONDS));
    }

    /**
     * Whether {@code code} is valid at any of {@code at}, allowing one step either side for clock drift, as Entra does.
     * Compared in constant time.
     */
    public static boolean verify(String base32Secret, String code, Instant... at) {
        if (code == null || !code.strip().matches("\\d{" + DIGITS + "}")) {
            return false;
        }
        byte[] key = decodeBase32(base32Secret);
        byte[] given = code.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean ok = false;
        for (Instant instant : at) {
            long step = Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
            for (long s = step - 1; s <= step + 1; s++) {
                ok |= MessageDigest.isEqual(given,
                        code(key, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        return ok;
    }

    static String code(byte[] key, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }

    static byte[] decodeBase32(String text) {
        String s = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not Base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
