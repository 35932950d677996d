package io.cspguard.sim.generate;

/**
 * What the generator makes: one partner and {@code customers} customer tenants, seeded.
 *
 * @param seed           the world's seed: the same options give the same world, byte for byte
 * @param customers      number of customer tenants (0 or more)
 * @param maxUsers       the largest customer tenant; most tenants have 5–60 users, some up to 300, a few up to this
 * @param signInsPerUser average sign-ins per enabled user over the sign-in window (P1/P2 tenants only)
 * @param violationRate  chance, per tenant and per control, that a violation of that control is planted there
 *                       (0: a compliant world but for what a tenant's licence makes inevitable; every control that a
 *                       snapshot can decide gets at least one violation when the rate is above 0)
 * @param hostile        whether tenant strings carry HTML/JS/CSV-formula payloads (display names, UPN local parts
 *                       where legal, group, app and policy names); the world is otherwise the same as without
 */
public record GeneratorOptions(long seed, int customers, int maxUsers, int signInsPerUser, double violationRate,
                               boolean hostile) {

    public static final int DEFAULT_CUSTOMERS = 20;
    public static final int DEFAULT_MAX_USERS = 2000;
    public static final int DEFAULT_SIGN_INS_PER_USER = 10;
    public static final double DEFAULT_VIOLATION_RATE = 0.3;

    public GeneratorOptions {
        if (customers < 0) {
            throw new IllegalArgumentException("customers must be 0 or more, not " + customers);
        }
        if (maxUsers < 5) {
            throw new IllegalArgumentException("maxUsers must be at least 5, not " + maxUsers);
        }
        if (signInsPerUser < 0) {
            throw new IllegalArgumentException("signInsPerUser must be 0 or more, not " + signInsPerUser);
        }
        if (!(violationRate >= 0 && violationRate <= 1)) {
            throw new IllegalArgumentException("violationRate must be between 0 and 1, not " + violationRate);
        }
    }

    /** The defaults: 2,000 users at most, 10 sign-ins per user, violations at 0.3, no hostile strings. */
    public static GeneratorOptions of(long seed, int customers) {
        return new GeneratorOptions(seed, customers, DEFAULT_MAX_USERS, DEFAULT_SIGN_INS_PER_USER,
                DEFAULT_VIOLATION_RATE, false);
    }

    public GeneratorOptions withMaxUsers(int value) {
        return new GeneratorOptions(seed, customers, value, signInsPerUser, violationRate, hostile);
    }

    public GeneratorOptions withSignInsPerUser(int value) {
        return new GeneratorOptions(seed, customers, maxUsers, value, violationRate, hostile);
    }

    public GeneratorOptions withViolationRate(double value) {
        return new GeneratorOptions(seed, customers, maxUsers, signInsPerUser, value, hostile);
    }

    public GeneratorOptions withHostile(boolean value) {
        return new GeneratorOptions(seed, customers, maxUsers, signInsPerUser, violationRate, value);
    }
}
