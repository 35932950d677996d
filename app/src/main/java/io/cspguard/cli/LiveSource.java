package io.cspguard.cli;

import io.cspguard.config.Config;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.collect.CollectionResult;
import io.cspguard.graph.collect.TenantOutcome;
import io.cspguard.graph.collect.Progress;
import io.cspguard.runs.ShardableSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A server's runs collected through a connection profile (Microsoft's services, or the simulator's). It can name
 * the customers first, so that a run of many is split into shards that several servers collect.
 */
public final class LiveSource implements ShardableSource {
    /** The reads that name the customers. */
    private static final Set<String> DISCOVERY_READS = Set.of("delegatedAdminRelationships.json",
            "partnerCenter/customers.json");

    private final ConnectionProfile profile;
    private final double timeScale;
    private final boolean showProgress;

    /**
     * @param timeScale    1 for Microsoft; the simulator's time scale otherwise (see {@link LiveCollection})
     * @param showProgress a live progress line on the console for a run collected in one piece; never for a shard,
     *                     since a server may collect several side by side and their lines would overwrite each other
     */
    public LiveSource(ConnectionProfile profile, double timeScale, boolean showProgress) {
        this.profile = profile;
        this.timeScale = timeScale;
        this.showProgress = showProgress;
    }

    @Override
    public String collect(Path into, Config config) throws Exception {
        return collect(into, config, Set.of());
    }

    @Override
    public String collect(Path into, Config config, Set<String> customers) throws Exception {
        ProgressDisplay display = showProgress && customers.isEmpty() ? ProgressDisplay.forConsole(System.err) : null;
        try {
            return LiveCollection.summary(LiveCollection.run(profile, config, into, customers,
                    display == null ? Progress.NONE : display, timeScale));
        } finally {
            if (display != null) {
                display.finish();
            }
        }
    }

    /**
     * Collects the partner alone (the collector's partner-only form), which reads its GDAP relationships and Partner
     * Center's customers, and returns every customer they name — or none (collect the run in one piece) when either
     * read failed: a partial list would split the run over some customers only, while a one-piece collection
     * discovers again and reports what it cannot read.
     */
    @Override
    public List<String> discover(Path scratch, Config config) throws Exception {
        CollectionResult partner = LiveCollection.run(profile, config, scratch, Set.of(profile.partnerTenantId()),
                Progress.NONE, timeScale);
        return discoveryComplete(partner) ? partner.discoveredCustomers() : List.of();
    }

    /** Whether the partner was collected and both reads that name the customers came back. */
    static boolean discoveryComplete(CollectionResult partnerOnly) {
        return partnerOnly.tenants().stream().filter(t -> "partner".equals(t.role())).findFirst()
                .filter(t -> t.status() != TenantOutcome.Status.FAILED)
                .map(t -> t.missing().stream().noneMatch(m -> DISCOVERY_READS.contains(m.file())))
                .orElse(false);
    }
}
