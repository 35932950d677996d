package io.cspguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code cspguard users add|list|disable}: the dashboard's accounts, from the machine that holds the store. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage dashboard accounts: add one (printing its enrolment), list them, disable one.",
        subcommands = {UsersAddCommand.class, UsersListCommand.class, UsersDisableCommand.class})
public final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
