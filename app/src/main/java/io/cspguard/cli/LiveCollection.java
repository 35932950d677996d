package io.cspguard.cli;

import io.cspguard.config.Config;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.auth.ProfileException;
import io.cspguard.graph.auth.TokenSource;
import io.cspguard.graph.auth.TokenSources;
import io.cspguard.graph.auth.Trust;
import io.cspguard.graph.collect.CollectSettings;
import io.cspguard.graph.collect.CollectionResult;
import io.cspguard.graph.collect.Collector;
import io.cspguard.graph.collect.Progress;
import io.cspguard.graph.collect.TenantOutcome;
import io.cspguard.graph.http.GraphHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** One collection from a connection profile into a folder, shared by {@code collect}, {@code assess --live}, demo. */
final class LiveCollection {
    private LiveCollection() {
    }

    static CollectionResult run(ConnectionProfile profile, Config config, Path out, Set<String> tenants,
                                Progress progress) throws ProfileException, IOException, InterruptedException {
        return run(profile, config, out, tenants, progress, 1.0);
    }

    /**
     * @param timeScale the services' time scale: 1 for Microsoft; the demo's simulator shrinks its throttling windows
     *                  by this factor, and the client's own budgets must follow or it waits for nothing
     */
    static CollectionResult run(ConnectionProfile profile, Config config, Path out, Set<String> tenants,
                                Progress progress, double timeScale)
            throws ProfileException, IOException, InterruptedException {
        SSLContext ssl = Trust.sslContext(profile);
        TokenSource tokens = TokenSources.open(profile);
        GraphHttp.Options options = GraphHttp.Options.defaults(ssl)
                .withLimits(io.cspguard.graph.http.ClientThrottle.Limits.scaled(timeScale));
        try (GraphHttp http = new GraphHttp(tokens, options)) {
            return Collector.collect(CollectSettings.of(profile, config.privilegedRoles()), tokens, http, out,
                    tenants, config.thresholds().signInWindowDays(), progress);
        }
    }

    /** The outcome for people: what was collected, and every read that is missing (not the expected ones). */
    static void report(CollectionResult result, PrintStream out) {
        out.printf("collected %d tenant(s) into %s in %d s: %d complete, %d partial, %d failed; %d requests, "
                        + "%d throttled, %d retried%n", result.tenants().size(), result.outDir(),
                result.elapsed().toSeconds(), result.with(TenantOutcome.Status.COMPLETE).size(),
                result.with(TenantOutcome.Status.PARTIAL).size(), result.with(TenantOutcome.Status.FAILED).size(),
                result.stats().requests(), result.stats().throttled(), result.stats().retries());
        for (TenantOutcome t : result.tenants()) {
            if (t.status() == TenantOutcome.Status.FAILED) {
                out.println("  failed: " + ProgressDisplay.describe(t) + ": " + t.reason());
            }
            t.missing().stream().filter(m -> !m.expected()).forEach(m -> out.println("  missing: " + t.tenantId()
                    + " " + m.file() + " (" + (m.status() == null ? "no response" : "HTTP " + m.status())
                    + (m.code() == null ? "" : " " + m.code()) + ")"));
        }
    }

    /** Reports the outcome on stderr and returns it in one line, for a stored run's audit entry. */
    static String summary(CollectionResult r) {
        report(r, System.err);
        return "collected " + r.tenants().size() + " tenants (" + r.with(TenantOutcome.Status.FAILED).size()
                + " failed, " + r.with(TenantOutcome.Status.PARTIAL).size() + " partial) in "
                + r.elapsed().toSeconds() + " s";
    }
}
