package io.cspguard.web.pages;

/**
 * Starts a collect + assess run for a user of the dashboard (POST /runs). The implementation audits
 * {@code run.started}; it throws {@link IllegalStateException} with a message for the user when it refuses
 * (for example, a run is already in progress).
 */
@FunctionalInterface
public interface RunLauncher {
    /** Returns the new run's id. */
    long start(String actor, String sourceIp);
}
