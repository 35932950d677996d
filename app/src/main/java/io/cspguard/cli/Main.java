package io.cspguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cspguard}: the command line. One class per subcommand, each returning its exit status. */
@Command(name = "cspguard", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Keeps a Microsoft CSP partner and every customer tenant in line with the CSP security best practices.",
        subcommands = {DemoCommand.class, AssessCommand.class, CollectCommand.class, ConnectCommand.class, DoctorCommand.class,
                SimCommand.class, ControlsCommand.class, BenchCommand.class, ServeCommand.class, UsersCommand.class,
                AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (2 for usage errors, as formats.md §3 says). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("cspguard: " + e.getMessage());
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }
}
