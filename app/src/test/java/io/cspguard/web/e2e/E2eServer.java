package io.cspguard.web.e2e;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.cspguard.audit.AuditEntry;
import io.cspguard.audit.AuditEvent;
import io.cspguard.audit.AuditQuery;
import io.cspguard.audit.AuditTrail;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.result.Assessment;
import io.cspguard.store.Database;
import io.cspguard.store.RunStore;
import io.cspguard.store.RunTrigger;
import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import io.cspguard.web.WebServer;
import io.cspguard.web.admin.SettingsStore;
import io.cspguard.web.auth.SecuritySettings;
import io.cspguard.web.auth.UserAccounts;
import io.cspguard.testing.MutableClock;
import io.javalin.Javalin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real dashboard ({@link WebServer#start}) over a fresh H2 store, with the real audit trail, exceptions and
 * settings stores, a run launcher that only counts (and audits {@code run.started}, as the real one does), and a
 * clock the test can move, started at the real time so that the browser and the server agree on "now"; TOTP codes
 * are computed for the server's clock (a code is good once per account: each sign-in here uses its own account).
 *
 * <p>It listens on 127.0.0.1 and is browsed as {@code http://localhost:PORT}: the public URL (WebAuthn's RP id,
 * the Origin every POST must come from) is {@code localhost}, so the port is chosen before the server starts.
 */
public final class E2eServer implements AutoCloseable {
    /** Every test account's password (at least 12 characters). */
    public static final String PASSWORD = "correct horse battery staple";
    private static final DefaultCodeGenerator TOTP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    public final Database db;
    public final MutableClock clock;
    public final AuditTrail audit;
    public final ExceptionStore exceptions;
    public final SettingsStore settings;
    public final RunStore runs;
    /** How often POST /runs reached the launcher. */
    public final AtomicInteger launches = new AtomicInteger();
    private final WebServer server;
    private final int port;

    public E2eServer(Path dir) {
        this.db = TestDatabases.open(TestDatabases.Kind.H2, dir);
        this.clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        this.audit = new AuditTrail(db, clock);
        this.exceptions = new ExceptionStore(db, audit, clock);
        this.settings = new SettingsStore(db, audit, clock);
        this.runs = new RunStore(db, clock);
        this.port = freePort();
        this.server = WebServer.start("127.0.0.1", port, SecuritySettings.local(port), new WebServer.Services(db, audit,
                clock, exceptions, settings, (actor, ip) -> {
                    int n = launches.incrementAndGet();
                    audit.record(AuditEvent.success(actor, ip, null, "run.started", "test launch " + n));
                    return 1000 + n;
                }, dir.resolve("data")));
    }

    /** {@code http://localhost:PORT}: the public URL, never 127.0.0.1. */
    public String base() {
        return "http://localhost:" + port;
    }

    public String url(String path) {
        return base() + path;
    }

    public UserAccounts users() {
        return server.security().users();
    }

    /** A local account ready to sign in with {@link #PASSWORD} and the returned TOTP secret. */
    public String totpUser(String name, Role role) {
        return users().createWithTotp(name, role, PASSWORD, "test").secret();
    }

    /** The authenticator app's code for the server's current time. */
    public String code(String secret) {
        try {
            return TOTP.generate(secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code a} as a manual run through the real store; returns the run id. */
    public long store(Assessment a) {
        long id = runs.begin(RunTrigger.MANUAL, "e2e", "e2e-worker");
        runs.store(id, a, a.inputPath());
        return id;
    }

    /** Every audit entry, oldest first. */
    public List<AuditEntry> auditEntries() {
        List<AuditEntry> newestFirst = audit.recent(AuditQuery.latest(AuditQuery.MAX_LIMIT));
        return newestFirst.reversed();
    }

    /** The server's Javalin, for the route enumeration. */
    public Javalin javalin() {
        return server.javalin();
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
