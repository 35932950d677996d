package io.cspguard.sim.faults;

/** What goes wrong in a simulated world ({@code --faults NAME}). */
public enum Scenario {
    /** Nothing. */
    NONE,
    /** Transient 429 storms, 500/503/504, slow responses, a dropped connection, a token that expires mid-run. */
    FLAKY,
    /** Tenant strings carrying HTML/JS/CSV-formula payloads (applied by the generator to the world's data). */
    HOSTILE,
    /** Permanent 403s on some endpoints and a truncated page: data a correct client reports as missing. */
    BROKEN
}
