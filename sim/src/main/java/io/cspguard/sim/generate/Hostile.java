package io.cspguard.sim.generate;

/**
 * Decides which strings of a tenant carry a hostile payload. It has its own random stream, so a hostile world has the
 * same structure (ids, users, violations) as the same seed without payloads: only strings differ.
 */
final class Hostile {
    private final boolean on;
    private final Rng rng;

    Hostile(boolean on, long seed) {
        this.on = on;
        this.rng = new Rng(seed);
    }

    boolean on() {
        return on;
    }

    /** A display name, now and then with a payload (before, after, or instead of it). */
    String name(String normal) {
        return name(normal, 0.3);
    }

    String name(String normal, double p) {
        if (!on || !rng.chance(p)) {
            return normal;
        }
        String payload = rng.pick(Names.HOSTILE);
        return switch (rng.nextInt(3)) {
            case 0 -> normal + " " + payload;
            case 1 -> payload + " " + normal;
            default -> payload;
        };
    }

    /** A UPN local part, now and then replaced by a legal but formula-like one (made unique by the caller). */
    String upnLocal(String normal) {
        if (!on || !rng.chance(0.15)) {
            return normal;
        }
        return rng.pick(Names.HOSTILE_UPN) + normal.replace('.', '-');
    }
}
