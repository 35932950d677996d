package io.cspguard.web.auth;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 codes (SHA-1, 6 digits, 30 s: what every authenticator app reads from an otpauth URI). A code is accepted
 * for the step before, at and after now (±30 s of clock drift), and only for a step later than the last one accepted,
 * so that a code seen over someone's shoulder cannot be used again.
 */
final class TotpCodes {
    static final int PERIOD_SECONDS = 30;
    private static final DefaultCodeGenerator GENERATOR = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    private TotpCodes() {
    }

    /** A new random base32 secret (160 bits). */
    static String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    static String otpauthUri(String accountName, String secret) {
        return new QrData.Builder().label(accountName).secret(secret).issuer("CSP Guard")
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(PERIOD_SECONDS).build().getUri();
    }

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of {@code secret} at {@code at} (tests and the demo use it). */
    static String code(String secret, Instant at) {
        return generate(secret, step(at));
    }

    /**
     * The step {@code code} matches, if it is within ±1 step of {@code now} and after {@code lastUsedStep}.
     */
    static OptionalLong match(String secret, String code, Instant now, Long lastUsedStep) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        String given = code.strip();
        long current = step(now);
        for (long s = current - 1; s <= current + 1; s++) {
            if ((lastUsedStep == null || s > lastUsedStep) && Tokens.same(generate(secret, s), given)) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    private static String generate(String secret, long step) {
        try {
            return GENERATOR.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute a TOTP code: " + e.getMessage(), e);
        }
    }
}
