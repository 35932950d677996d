package io.cspguard.cli;

import io.cspguard.store.StoreException;
import io.cspguard.web.auth.UserSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cspguard users list}: name, role, how they sign in, last sign-in, state. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the dashboard's accounts.")
final class UsersListCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (UsersStore s = UsersStore.open(store)) {
            List<UserSummary> users = s.users.list();
            if (users.isEmpty()) {
                out.println("No accounts yet: add one with `cspguard users add NAME --role admin`.");
            } else {
                int width = Math.max(4, users.stream().mapToInt(u -> u.name().length()).max().orElse(4));
                String format = "%-" + width + "s  %-8s  %-12s  %-20s  %s%n";
                out.printf(format, "NAME", "ROLE", "SIGN-IN", "LAST SIGN-IN", "STATE");
                Instant now = Instant.now();
                for (UserSummary u : users) {
                    out.printf(format, u.name(), u.role().label(), u.factor(),
                            u.lastSignInAt() == null ? "never" : WHEN.format(u.lastSignInAt()),
                            !u.enabled() ? "disabled" : u.lockedAt(now) ? "locked" : "active");
                }
            }
            out.flush();
            return ExitCodes.OK;
        } catch (StoreException | IOException e) {
            spec.commandLine().getErr().println("cspguard users list: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
