package io.cspguard.cli;

import io.cspguard.graph.collect.Progress;
import io.cspguard.graph.collect.ProgressEvent;
import io.cspguard.graph.collect.TenantOutcome;
import io.cspguard.graph.http.HttpStats;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A collection's progress for people: on a terminal one line kept up to date (tenants done/total, requests,
 * throttled, ETA); otherwise (CI, a log file) plain lines as tenants finish and reads fail.
 */
final class ProgressDisplay implements Progress {
    private final PrintStream out;
    private final boolean terminal;
    private volatile long lastDraw;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ProgressDisplay forConsole(PrintStream out) {
        return new ProgressDisplay(out, System.console() != null && System.getenv("CI") == null);
    }

    @Override
    public synchronized void on(ProgressEvent event) {
        if (terminal) {
            long now = System.nanoTime();
            if (event instanceof ProgressEvent.TenantFinished || now - lastDraw > 200_000_000L) {
                lastDraw = now;
                out.print("\r" + line(event.counts()) + "   ");
                out.flush();
            }
            return;
        }
        switch (event) {
            case ProgressEvent.Discovered d -> out.println("collect: " + d.customerTenantIds().size()
                    + " customer tenant(s) found");
            case ProgressEvent.TenantFinished f -> out.println("collect: " + describe(f.outcome()) + " — "
                    + line(f.counts()));
            case ProgressEvent.ReadFailed r when !r.read().expected() -> out.println("collect: " + r.tenantId() + " "
                    + r.read().file() + " failed: " + (r.read().status() == null ? "" : r.read().status() + " ")
                    + (r.read().code() == null ? "" : r.read().code()));
            default -> {
            }
        }
    }

    /** Ends the terminal's progress line. */
    synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }

    static String describe(TenantOutcome t) {
        String name = t.displayName() != null ? t.displayName() + " (" + t.tenantId() + ")" : t.tenantId();
        return name + " " + t.status().name().toLowerCase(java.util.Locale.ROOT)
                + (t.missing().isEmpty() ? "" : ", " + t.missing().stream().filter(m -> !m.expected()).count()
                + " read(s) missing");
    }

    static String line(ProgressEvent.Counts c) {
        HttpStats s = c.stats();
        String eta = "";
        if (c.tenantsDone() > 0 && c.tenantsDone() < c.tenantsTotal()) {
            Duration left = c.elapsed().multipliedBy(c.tenantsTotal() - c.tenantsDone()).dividedBy(c.tenantsDone());
            eta = ", ETA " + left.toSeconds() + " s";
        }
        return "tenants " + c.tenantsDone() + "/" + c.tenantsTotal() + ", requests " + s.requests()
                + ", throttled " + s.throttled() + ", " + c.elapsed().toSeconds() + " s" + eta;
    }
}
