package io.cspguard.cli;

import io.cspguard.config.ConfigLoader;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.auth.ProfileLoader;
import io.cspguard.graph.auth.Secrets;
import io.cspguard.graph.auth.Trust;
import io.cspguard.runs.RunSettings;
import io.cspguard.runs.SnapshotSource;
import io.cspguard.store.Database;
import io.cspguard.web.WebServer;
import io.cspguard.web.auth.OidcSettings;
import io.cspguard.web.auth.SecuritySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * {@code cspguard serve}: the dashboard over the store, and (with a connection profile) the scheduled collect +
 * assess of every tenant. Several servers may share one PostgreSQL: db-scheduler gives each scheduled run to one.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard (sign-in with MFA) and, with --connection, collect and assess on a schedule.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; put a TLS reverse proxy in front for others).")
    String bind;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL users reach the dashboard at (default http://localhost:PORT); its host is the "
                    + "passkeys' relying party, and https:// makes cookies Secure.")
    URI publicUrl;

    @Option(names = "--trust-forwarded-for",
            description = "Take the client address from X-Forwarded-For (only behind a reverse proxy you run).")
    boolean trustForwardedFor;

    @Option(names = "--connection", paramLabel = "FILE",
            description = "Connection profile: with it, runs collect and assess every tenant (scheduled and on demand).")
    Path connection;

    @Option(names = "--config", paramLabel = "FILE", description = "cspguard.yaml, re-read before every run.")
    Path config;

    @Option(names = "--shard-size", paramLabel = "N", defaultValue = "" + io.cspguard.runs.RunSettings.DEFAULT_SHARD_SIZE,
            description = "Customers per shard (default ${DEFAULT-VALUE}): a run of more is split into shards that the "
                    + "servers on this database collect side by side (docs/store.md).")
    int shardSize;

    @Option(names = "--worker", description = "No dashboard: only take scheduled runs and their shards (needs "
            + "--connection; give it the --db of the servers that show the dashboard to add collecting capacity).")
    boolean worker;

    @Option(names = "--no-scheduler", description = "Serve only; leave scheduled runs and audit pruning to other servers.")
    boolean noScheduler;

    @Option(names = "--oidc-issuer", paramLabel = "URL",
            description = "Sign in with Microsoft Entra: https://login.microsoftonline.com/<tenant id> (the v1.0 endpoint, whose ID tokens carry amr; docs/security.md).")
    URI oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", description = "The dashboard's app registration.")
    String oidcClientId;

    @Option(names = "--oidc-client-secret", paramLabel = "SECRET",
            description = "Its client secret, preferably env:NAME (read from that environment variable).")
    String oidcClientSecret;

    @Option(names = "--oidc-ca", paramLabel = "PEM", description = "An extra CA to trust for the issuer (the simulator's).")
    Path oidcCa;

    @Override
    public Integer call() throws Exception {
        if (worker && (connection == null || noScheduler)) {
            throw new IllegalArgumentException(connection == null
                    ? "--worker takes scheduled runs, so it needs --connection"
                    : "--worker and --no-scheduler together would do nothing");
        }
        if (config != null) {
            ConfigLoader.load(config);  // fail now, with the key and line, rather than at the first run
        }
        SnapshotSource source = null;
        if (connection != null) {
            ConnectionProfile profile = ProfileLoader.load(connection);
            source = new LiveSource(profile, 1.0, true);
        }
        if (port == 0) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();  // chosen now: the public URL (passkeys, links) must name the real port
            }
        }
        SecuritySettings security = securitySettings();
        Database db = store.open();
        if (shardSize < 1) {
            throw new IllegalArgumentException("--shard-size must be at least 1 (it was " + shardSize + ")");
        }
        ServerStack stack = new ServerStack(db, Clock.systemUTC(), source, new RunSettings(config,
                store.dataDir().resolve("snapshots"), 5, Runtime.getRuntime().availableProcessors(), shardSize,
                RunSettings.DEFAULT_SHARD_WAIT));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "cspguard-serve-stop"));
        if (worker) {
            stack.schedule();
            System.out.println("CSP Guard worker: taking scheduled runs and shards from " + db.location().describe()
                    + "\n  stop with Ctrl-C");
            stopped.await();
            return ExitCodes.OK;
        }
        WebServer web = stack.serve(bind, port, security, store.dataDir());
        if (!noScheduler) {
            stack.schedule();
        }
        System.out.println("CSP Guard dashboard: " + security.publicUrl() + " (listening on " + bind + ":" + web.port()
                + "; store " + db.location().describe() + ")");
        System.out.println(source == null ? "  no --connection: showing stored runs only"
                : noScheduler ? "  scheduled runs: left to the other servers on this database (--no-scheduler)"
                : "  scheduled runs: every " + stack.interval().toHours() + " h (admin setting), the first at once on a new store");
        System.out.println("  stop with Ctrl-C");
        stopped.await();
        return ExitCodes.OK;
    }

    private SecuritySettings securitySettings() throws Exception {
        URI url = publicUrl != null ? publicUrl : URI.create("http://localhost:" + port);
        Optional<OidcSettings> oidc = Optional.empty();
        if (oidcIssuer != null || oidcClientId != null) {
            if (oidcIssuer == null || oidcClientId == null || oidcClientSecret == null) {
                throw new IllegalArgumentException("OIDC needs --oidc-issuer, --oidc-client-id and --oidc-client-secret");
            }
            SSLContext trust = oidcCa == null ? null : Trust.sslContext(oidcCa);
            oidc = Optional.of(new OidcSettings(oidcIssuer, oidcClientId, Secrets.resolve(oidcClientSecret), trust));
        }
        SecuritySettings local = SecuritySettings.local(port);
        return new SecuritySettings(url, "https".equalsIgnoreCase(url.getScheme()), local.sessionIdle(),
                local.sessionMax(), oidc, trustForwardedFor);
    }
}
