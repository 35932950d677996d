package io.cspguard.graph.collect;

import io.cspguard.graph.auth.TokenSource;
import io.cspguard.graph.http.Batch;
import io.cspguard.graph.http.GraphHttp;
import io.cspguard.graph.http.Pager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Collects the partner and every customer tenant into a snapshot (formats.md §1). The partner's tenant comes first: its
 * GDAP relationships (active and others) and Partner Center's customers name the customers, which are then collected
 * concurrently on virtual threads (at most {@link CollectSettings#tenantConcurrency()} at once) while the partner's
 * own collection goes on. A customer for which no token can be had is recorded as failed with the reason, once. Each
 * tenant's folder appears whole when it is done ({@link SnapshotWriter}); {@code collection.json} is written last,
 * with the latest {@code Date} the services sent as {@code collectedAt}.
 */
public final class Collector {
    private Collector() {
    }

    /** What every tenant's collection shares. */
    record Run(CollectSettings settings, TokenSource tokens, GraphHttp http, Pager pager, Batch batch,
               SnapshotWriter writer, int signInWindowDays, Progress listener, long startNanos,
               AtomicInteger done, AtomicInteger total) {
        ProgressEvent.Counts counts() {
            return new ProgressEvent.Counts(done.get(), total.get(), http.stats(),
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }

        void progress(Function<ProgressEvent.Counts, ProgressEvent> event) {
            try {
                listener.on(event.apply(counts()));
            } catch (RuntimeException e) {
                // a progress display must not stop a collection
            }
        }
    }

    /**
     * Collects into {@code outDir} (absent, empty, or an earlier snapshot, which is replaced).
     *
     * @param tokens           the token source (the same one {@code http} uses): a tenant it cannot serve fails
     * @param onlyTenants      customer tenant ids to collect (empty: every customer found); the partner is always
     *                         collected, since the customers' controls read it. The partner's id alone collects the
     *                         partner only, which still names every customer in
     *                         {@link CollectionResult#discoveredCustomers()} (how a sharded run learns its customers)
     * @param signInWindowDays how far back sign-ins, directory audits and Partner Center's audit records are read,
     *                         from the services' {@code Date}
     * @throws IOException when the output folder cannot be prepared or {@code collection.json} cannot be written
     */
    public static CollectionResult collect(CollectSettings settings, TokenSource tokens, GraphHttp http, Path outDir,
                                           Set<String> onlyTenants, int signInWindowDays, Progress progress)
            throws IOException, InterruptedException {
        if (signInWindowDays < 1) {
            throw new IllegalArgumentException("signInWindowDays must be at least 1");
        }
        long start = System.nanoTime();
        SnapshotWriter writer = new SnapshotWriter(outDir);
        Pager pager = new Pager(http);
        Batch batch = new Batch(http, pager, settings.graph() + "/v1.0");
        Run run = new Run(settings, tokens, http, pager, batch, writer, signInWindowDays,
                progress == null ? Progress.NONE : progress, start, new AtomicInteger(), new AtomicInteger(1));
        String partnerId = settings.partnerTenantId();

        CompletableFuture<List<Facts.Customer>> discovery = new CompletableFuture<>();
        List<TenantOutcome> outcomes = new ArrayList<>();
        List<String> discovered = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> heartbeat = threads.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    run.progress(ProgressEvent.Heartbeat::new);
                }
            });
            try {
                run.progress(c -> new ProgressEvent.TenantStarted(partnerId, c));
                Future<TenantOutcome> partner = threads.submit(() -> {
                    try {
                        return finished(run, new TenantCollector(run, partnerId, true, null, discovery::complete)
                                .collect());
                    } finally {
                        discovery.complete(List.of()); // no customers if the partner stopped before naming them
                    }
                });

                List<Facts.Customer> found = discovery.get();
                customers(found, partnerId, Set.of()).values().forEach(c -> discovered.add(c.tenantId()));
                Map<String, Facts.Customer> customers = customers(found, partnerId, onlyTenants);
                run.total().addAndGet(customers.size());
                run.progress(c -> new ProgressEvent.Discovered(List.copyOf(customers.keySet()), c));

                Semaphore slots = new Semaphore(settings.tenantConcurrency());
                List<Future<TenantOutcome>> futures = new ArrayList<>();
                for (Facts.Customer c : customers.values()) {
                    futures.add(threads.submit(() -> {
                        slots.acquire();
                        try {
                            run.progress(x -> new ProgressEvent.TenantStarted(c.tenantId(), x));
                            if (!SnapshotWriter.safeSegment(c.tenantId())) {
                                return finished(run, TenantOutcome.failed(c.tenantId(), c.name(), "customer",
                                        "not a tenant id"));
                            }
                            return finished(run, new TenantCollector(run, c.tenantId(), false, c.name(), null)
                                    .collect());
                        } finally {
                            slots.release();
                        }
                    }));
                }
                outcomes.add(partner.get());
                for (Future<TenantOutcome> f : futures) {
                    outcomes.add(f.get());
                }
            } finally {
                heartbeat.cancel(true);
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InterruptedException ie) {
                throw ie;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("collecting a tenant failed: " + c, c);
        }
        outcomes.sort(Comparator.comparing((TenantOutcome t) -> !"partner".equals(t.role()))
                .thenComparing(TenantOutcome::tenantId, String.CASE_INSENSITIVE_ORDER));
        Instant collectedAt = http.latestDate() != null ? http.latestDate()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> failed = new LinkedHashMap<>();
        for (TenantOutcome t : outcomes) {
            if (t.status() == TenantOutcome.Status.FAILED && t.files() == 0 && t.reason() != null) {
                failed.put(t.tenantId(), t.reason());
            }
        }
        writer.finish(partnerId, collectedAt, failed);
        return new CollectionResult(partnerId, collectedAt, writer.outDir(), outcomes, discovered, http.stats(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static TenantOutcome finished(Run run, TenantOutcome outcome) {
        run.done().incrementAndGet();
        run.progress(c -> new ProgressEvent.TenantFinished(outcome, c));
        return outcome;
    }

    /** The customers to collect: found ones (once each, not the partner), limited to {@code only} if given. */
    static Map<String, Facts.Customer> customers(List<Facts.Customer> found, String partnerId, Set<String> only) {
        Map<String, Facts.Customer> byId = new LinkedHashMap<>();
        for (Facts.Customer c : found) {
            String key = c.tenantId().toLowerCase(Locale.ROOT);
            if (key.equalsIgnoreCase(partnerId)) {
                continue;
            }
            Facts.Customer prior = byId.get(key);
            if (prior == null || (prior.name() == null && c.name() != null)) {
                byId.put(key, prior == null ? c : new Facts.Customer(prior.tenantId(), c.name()));
            }
        }
        if (only == null || only.isEmpty()) {
            return byId;
        }
        Map<String, Facts.Customer> out = new LinkedHashMap<>();
        for (String id : only) {
            String key = id.toLowerCase(Locale.ROOT);
            if (key.equalsIgnoreCase(partnerId)) {
                continue;
            }
            out.put(key, byId.getOrDefault(key, new Facts.Customer(id, null)));
        }
        return out;
    }
}
