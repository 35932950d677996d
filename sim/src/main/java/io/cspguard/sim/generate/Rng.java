package io.cspguard.sim.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** The generator's only source of randomness: seeded, so the same seed gives the same world. */
final class Rng {
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] BASE64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A well-mixed seed from several parts (a world seed, a tenant index, a purpose). */
    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = stafford(h ^ stafford(p + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    private static long stafford(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return random.nextLong();
    }

    /** 0 (inclusive) to bound (exclusive). */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** lo to hi, both inclusive. */
    int between(int lo, int hi) {
        return hi <= lo ? lo : lo + random.nextInt(hi - lo + 1);
    }

    double unit() {
        return random.nextDouble();
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    <T> T pick(T[] array) {
        return array[random.nextInt(array.length)];
    }

    /** k distinct elements in a random order (all of them when k ≥ size). */
    <T> List<T> sample(List<T> list, int k) {
        List<T> copy = new ArrayList<>(list);
        int n = Math.min(k, copy.size());
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(copy.size() - i);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return new ArrayList<>(copy.subList(0, n));
    }

    /** A random (version 4) GUID, as Graph writes them. */
    String uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    String alnum(int n) {
        return chars(ALNUM, n);
    }

    String base32(int n) {
        return chars(BASE32, n);
    }

    String base64url(int n) {
        return chars(BASE64URL, n);
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String chars(char[] alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    /** A time (whole seconds) between {@code minDays} and {@code maxDays} before {@code now}. */
    Instant daysAgo(Instant now, double minDays, double maxDays) {
        double days = minDays + (maxDays - minDays) * random.nextDouble();
        return now.minusSeconds((long) (days * 86_400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** A time (whole seconds) between {@code minDays} and {@code maxDays} after {@code now}. */
    Instant daysAhead(Instant now, double minDays, double maxDays) {
        double days = minDays + (maxDays - minDays) * random.nextDouble();
        return now.plusSeconds((long) (days * 86_400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    Instant hoursAgo(Instant now, double minHours, double maxHours) {
        double h = minHours + (maxHours - minHours) * random.nextDouble();
        return now.minus(Duration.ofSeconds((long) (h * 3600)));
    }
}
