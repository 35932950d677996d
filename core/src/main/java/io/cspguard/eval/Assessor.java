package io.cspguard.eval;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.controls.OwnRecords;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.TenantResult;
import io.cspguard.snapshot.InputHash;
import io.cspguard.snapshot.SnapshotInput;
import io.cspguard.snapshot.TenantLoader;
import io.cspguard.snapshot.TenantSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Assesses a whole input: the partner's tenant first (the others read it for cross-tenant controls), then every
 * other tenant in parallel, each loaded, judged by every control whose scope includes it, and dropped — memory
 * holds one tenant per thread plus the partner, whatever the size of the collection.
 */
public final class Assessor {
    private final Config config;
    private final OwnRecords records;
    private final Clock clock;
    private final int threads;

    public Assessor(Config config, OwnRecords records, Clock clock, int threads) {
        this.config = config;
        this.records = records;
        this.clock = clock;
        this.threads = Math.max(1, threads);
    }

    public Assessor(Config config) {
        this(config, OwnRecords.NONE, Clock.systemUTC(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param onlyTenants tenant ids to report (empty: all); the partner is still read for cross-tenant controls
     * @param version     the tool's version, for provenance
     */
    public Assessment assess(SnapshotInput input, Set<String> onlyTenants, String version) throws InterruptedException {
        InputHash hash = new InputHash();
        input.rootFileDigests().forEach((path, sha) -> hash.add("", java.util.Map.of(path, sha)));
        SnapshotInput.TenantFolder partnerFolder = input.tenants().stream()
                .filter(f -> input.partnerTenantId() != null && f.folderName().equalsIgnoreCase(input.partnerTenantId()))
                .findFirst().orElse(null);
        TenantView partner = null;
        List<TenantResult> results = new ArrayList<>();
        if (partnerFolder != null) {
            TenantLoader.Loaded loaded = load(input, partnerFolder);
            hash.add(partnerFolder.pathPrefix(), loaded.fileDigests());
            partner = new TenantView(loaded.snapshot(), null, config, records);
            if (wanted(loaded.snapshot().tenantId(), onlyTenants)) {
                results.add(judge(partner));
            }
        }
        List<SnapshotInput.TenantFolder> others = input.tenants().stream().filter(f -> f != partnerFolder).toList();
        final TenantView partnerView = partner;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "assess");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TenantResult>> futures = new ArrayList<>();
            for (SnapshotInput.TenantFolder folder : others) {
                futures.add(pool.submit(() -> {
                    TenantLoader.Loaded loaded = load(input, folder);
                    hash.add(folder.pathPrefix(), loaded.fileDigests());
                    TenantSnapshot t = loaded.snapshot();
                    if (!wanted(t.tenantId(), onlyTenants)) {
                        return null;
                    }
                    TenantView view = new TenantView(t, t.isPartner() ? null : partnerView, config, records);
                    return judge(view);
                }));
            }
            List<TenantResult> rest = new ArrayList<>();
            for (Future<TenantResult> f : futures) {
                TenantResult r = f.get();
                if (r != null) {
                    rest.add(r);
                }
            }
            rest.sort(TenantResult.REPORT_ORDER);
            results.addAll(rest);
        } catch (ExecutionException e) {
            throw new IllegalStateException("assessing a tenant failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        String partnerId = input.partnerTenantId() != null ? input.partnerTenantId()
                : partner != null ? partner.tenantId() : null;
        return new Assessment(1, clock.instant(), partnerId, "CSP Guard", version, input.root().toString(),
                hash.sha256(), hash.fileCount(), config.sha256(), results);
    }

    private static TenantLoader.Loaded load(SnapshotInput input, SnapshotInput.TenantFolder folder) {
        return TenantLoader.load(folder.dir(), folder.folderName(), input.partnerTenantId(), input.collectedAt());
    }

    private static boolean wanted(String tenantId, Set<String> only) {
        return only.isEmpty() || only.stream().anyMatch(id -> id.equalsIgnoreCase(tenantId));
    }

    /** Every control whose scope includes the tenant, in catalog order. */
    public TenantResult judge(TenantView view) {
        TenantSnapshot t = view.snapshot();
        List<ControlResult> results = new ArrayList<>();
        for (Control c : ControlRegistry.all()) {
            if (c.info().scope().includes(t.role())) {
                results.add(Evaluator.evaluate(c, view, config));
            }
        }
        List<String> problems = new ArrayList<>();
        if (t.info().loadProblem() != null) {
            problems.add(t.info().loadProblem());
        }
        t.info().errors().forEach((file, err) -> problems.add(file + " could not be collected: " + err.describe()));
        return new TenantResult(t.tenantId(), t.info().displayName(), t.role().json(), t.licences().label(),
                t.collectedAt(), results, problems);
    }
}
