package io.cspguard.cli;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.cspguard.store.Database;
import io.cspguard.web.Role;
import io.cspguard.web.WebServer;
import io.cspguard.web.auth.SecuritySettings;
import io.cspguard.web.auth.TotpAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code cspguard bench web}: page latency under concurrent users, measured by a load tool (wrk) against the real
 * dashboard on loopback, signed in as a viewer the way a browser signs in (password + TOTP). Fill the store first
 * with {@code cspguard bench store}.
 */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = "Serve a store (fill it with `bench store`) and measure with wrk the overview, a tenant page and "
                + "the overview with a new search each request: p50/p95/p99 under N concurrent connections.")
final class BenchWebCommand implements Callable<Integer> {
    /**
     * wrk's script: counts every answer other than 200 (a lost session would answer 302 to the sign-in page, fast and
     * wrong), and with the argument {@code vary} asks for a different search each time (two random letters: 676
     * searches, more than the overview cache holds), so that the figure is the uncached one.
     */
    private static final String LUA = """
            local threads = {}
            function setup(thread) table.insert(threads, thread) end
            function init(args)
              bad = 0
              vary = args[1] == "vary"
              math.randomseed(os.time() + math.random(1000000))
            end
            function request()
              if vary then
                local q = string.char(96 + math.random(26)) .. string.char(96 + math.random(26))
                return wrk.format("GET", "/?q=" .. q)
              end
              return wrk.format("GET")
            end
            function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
            function done(summary, latency, requests)
              local e = summary.errors
              local b = 0
              for _, t in ipairs(threads) do b = b + t:get("bad") end
              io.write(string.format("cspguard-latency p50=%d p95=%d p99=%d requests=%d errors=%d non200=%d\\n",
                latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
                e.connect + e.read + e.write + e.timeout, b))
            end
            """;
    private static final Pattern RESULT = Pattern.compile(
            "cspguard-latency p50=(\\d+) p95=(\\d+) p99=(\\d+) requests=(\\d+) errors=(\\d+) non200=(\\d+)");

    @Mixin
    StoreOptions store;

    @Option(names = "--connections", defaultValue = "20", description = "Concurrent users (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds per page (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--wrk", defaultValue = "wrk", description = "The wrk executable (default: wrk on the PATH).")
    String wrk;

    @Override
    public Integer call() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ServerStack stack = new ServerStack(store.open(), Clock.systemUTC(), null, null)) {
            Database db = stack.db;
            String tenant = db.jdbi().withHandle(h -> h.createQuery("SELECT tenant_id FROM run_tenants WHERE run_id ="
                    + " (SELECT MAX(id) FROM runs WHERE state = 'stored') AND tenant_id IN (SELECT tenant_id FROM tenants"
                    + " WHERE role = 'customer') ORDER BY tenant_id LIMIT 1").mapTo(String.class).findOne().orElse(null));
            if (tenant == null) {
                System.err.println("bench web: the store has no stored run with a customer; fill it with `cspguard bench "
                        + "store --data " + store.dataDir() + "` first");
                return ExitCodes.USAGE;
            }
            SecuritySettings security = SecuritySettings.local(port);
            WebServer web = stack.serve("127.0.0.1", port, security, store.dataDir());
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            TotpAccount account = web.security().users().createOrResetWithTotp("bench-viewer", Role.VIEWER, password,
                    "bench");
            String cookie = signIn(security.publicUrl(), account, password);
            Path script = Files.createTempFile("cspguard-bench", ".lua");
            try {
                Files.writeString(script, LUA);
                long tenants = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run_tenants WHERE run_id ="
                        + " (SELECT MAX(id) FROM runs WHERE state = 'stored')").mapTo(Long.class).one());
                long runs = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM runs WHERE state = 'stored'")
                        .mapTo(Long.class).one());
                System.out.printf("store %s: %d tenants in the latest run, %d stored runs; %d connections, %d s per "
                        + "page%n", db.location().describe(), tenants, runs, connections, seconds);
                measure("overview", security.publicUrl().resolve("/"), cookie, script, false);
                measure("tenant", security.publicUrl().resolve("/tenants/" + tenant), cookie, script, false);
                measure("overview, searches", security.publicUrl().resolve("/"), cookie, script, true);
            } finally {
                Files.deleteIfExists(script);
            }
        }
        return ExitCodes.OK;
    }

    private void measure(String name, URI url, String cookie, Path script, boolean vary)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wrk, "-t", "2", "-c", String.valueOf(connections), "-d",
                seconds + "s", "--timeout", "10s", "-s", script.toString(), "-H", "Cookie: " + cookie, url.toString()));
        if (vary) {
            command.addAll(List.of("--", "vary"));
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run wrk (" + e.getMessage() + "): install it (sudo apt-get install wrk) or "
                    + "name it with --wrk", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException("wrk said:\n" + out);
        }
        long requests = Long.parseLong(m.group(4));
        System.out.printf("%-20s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %7.1f req/s  %d requests, %d errors, "
                        + "%d not 200%n", name, ms(m.group(1)), ms(m.group(2)), ms(m.group(3)),
                requests / (double) seconds, requests, Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
    }

    private static double ms(String micros) {
        return Long.parseLong(micros) / 1000.0;
    }

    /** Signs in like a browser (form token, password, TOTP) and returns the session cookie. */
    private static String signIn(URI base, TotpAccount account, String password) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        String form = http.send(HttpRequest.newBuilder(base.resolve("/signin")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        post(http, base.resolve("/signin"), Map.of("name", account.name(), "password", password, "_csrf", csrf(form),
                "next", "/"));
        String second = http.send(HttpRequest.newBuilder(base.resolve("/signin/second")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String code;
        try {
            code = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(account.secret(),
                    Math.floorDiv(System.currentTimeMillis() / 1000, 30));
        } catch (dev.samstevens.totp.exceptions.CodeGenerationException e) {
            throw new IOException("cannot compute the TOTP code: " + e.getMessage(), e);
        }
        post(http, base.resolve("/signin/totp"), Map.of("code", code, "_csrf", csrf(second)));
        String session = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().endsWith("cspguard_session")).map(c -> c.getName() + "=" + c.getValue())
                .findFirst().orElseThrow(() -> new IOException("the sign-in did not give a session"));
        int status = http.send(HttpRequest.newBuilder(base.resolve("/")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IOException("the signed-in overview answered HTTP " + status);
        }
        return session;
    }

    private static void post(HttpClient http, URI url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static String csrf(String html) throws IOException {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IOException("no CSRF token in the sign-in page");
        }
        return m.group(1);
    }
}
