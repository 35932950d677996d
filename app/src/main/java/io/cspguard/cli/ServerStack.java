package io.cspguard.cli;

import io.cspguard.audit.AuditTrail;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.runs.RunService;
import io.cspguard.runs.RunSettings;
import io.cspguard.runs.SnapshotSource;
import io.cspguard.schedule.RunScheduler;
import io.cspguard.store.Database;
import io.cspguard.store.RunStore;
import io.cspguard.web.WebServer;
import io.cspguard.web.admin.SettingsStore;
import io.cspguard.web.auth.SecuritySettings;
import io.cspguard.web.pages.RunLauncher;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Everything {@code serve} and {@code demo} run on one store: the audit trail, runs, exceptions, settings, the run
 * service (when there is something to collect from), the scheduler and the dashboard; closed in reverse order.
 */
final class ServerStack implements AutoCloseable {
    static final Duration MIN_INTERVAL = Duration.ofHours(1);

    final Database db;
    final Clock clock;
    final AuditTrail audit;
    final RunStore runs;
    final ExceptionStore exceptions;
    final SettingsStore settings;
    final RunService runService;
    final String worker;
    private final List<AutoCloseable> started = new ArrayList<>();
    private WebServer web;

    ServerStack(Database db, Clock clock, SnapshotSource source, RunSettings runSettings) {
        this.db = db;
        this.clock = clock;
        this.worker = workerName();
        this.audit = new AuditTrail(db, clock);
        this.runs = new RunStore(db, clock);
        this.exceptions = new ExceptionStore(db, audit, clock);
        this.settings = new SettingsStore(db, audit, clock);
        this.runService = source == null ? null
                : new RunService(runs, exceptions, audit, clock, source, runSettings, worker);
        if (runService != null) {
            started.add(runService);
        }
        // runs of a process that died (no heartbeat for minutes) would otherwise show as running until the next run
        runs.failAbandoned(RunService.ABANDONED_AFTER);
    }

    /** Starts the scheduled audit pruning and, with a source to collect from, the scheduled collect + assess. */
    void schedule() {
        started.add(RunScheduler.start(db, runService, audit, this::interval, this::retention, worker));
    }

    WebServer serve(String bind, int port, SecuritySettings security, Path dataDir) {
        web = WebServer.start(bind, port, security,
                new WebServer.Services(db, audit, clock, exceptions, settings, launcher(), dataDir));
        started.add(web);
        return web;
    }

    private RunLauncher launcher() {
        if (runService != null) {
            return runService;
        }
        return (actor, ip) -> {
            throw new IllegalStateException("this server has no connection profile (serve --connection FILE), so it "
                    + "cannot collect; it shows the runs stored so far");
        };
    }

    /** The admin's interval (at least an hour); a value edited by hand into something unreadable counts as unset. */
    Duration interval() {
        Duration d;
        try {
            d = settings.scheduleInterval();
        } catch (RuntimeException unreadable) {
            d = SettingsStore.DEFAULT_SCHEDULE_INTERVAL;
        }
        return d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d;
    }

    Duration retention() {
        try {
            return Duration.ofDays(settings.retentionDays());
        } catch (RuntimeException unreadable) {
            return Duration.ofDays(SettingsStore.DEFAULT_RETENTION_DAYS);
        }
    }

    /** Names this process in runs and in db-scheduler's picked_by: host, process id and a random suffix. */
    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("cspguard: while stopping: " + e.getMessage());
            }
        }
        db.close();
    }
}
