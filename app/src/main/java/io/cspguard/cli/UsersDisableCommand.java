package io.cspguard.cli;

import io.cspguard.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code cspguard users disable NAME}: the account can no longer sign in and its sessions end. */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Disable a dashboard account: it can no longer sign in and its sessions end. The last enabled "
                + "admin cannot be disabled.")
final class UsersDisableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (UsersStore s = UsersStore.open(store)) {
            s.users.disable(name, s.actor, null);
            spec.commandLine().getOut().println("Disabled " + name.strip() + "; its sessions have ended.");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException | StoreException | IOException e) {
            spec.commandLine().getErr().println("cspguard users disable: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
