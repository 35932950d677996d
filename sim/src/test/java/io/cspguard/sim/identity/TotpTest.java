package io.cspguard.sim.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 appendix B's SHA-1 key "12345678901234567890", Base32-encoded. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfc6238TestVectors() {
        // The RFC lists 8 digits; authenticators show the last 6.
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void decodesBase32() {
        assertThat(new String(Totp.decodeBase32(RFC_SECRET), StandardCharsets.US_ASCII))
                .isEqualTo("12345678901234567890");
        assertThat(Totp.decodeBase32("gezdgnbv gy3tqojq====")).hasSize(10);
    }

    @Test
    void acceptsOneStepOfDriftAndNothingElse() {
        Instant t = Instant.ofEpochSecond(1111111109);
        assertThat(Totp.verify(RFC_SECRET, "081804", t)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, t.minusSeconds(30)), t)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, t.plusSeconds(30)), t)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, t.plusSeconds(90)), t)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, "123", t)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, null, t)).isFalse();
    }
}
