package io.cspguard.cli;

import io.cspguard.graph.auth.Connect;
import io.cspguard.graph.auth.ConnectionProfile;
import io.cspguard.graph.auth.ProfileLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cspguard connect}: the Secure Application Model's one interactive step — a partner user signs in once with
 * MFA (device code); the refresh token is kept encrypted where the profile's {@code refreshToken} says.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Sign a partner user in once with MFA (device code) and keep the refresh token encrypted, "
                + "for delegated collection (the Secure Application Model).")
final class ConnectCommand implements Callable<Integer> {
    @Option(names = "--connection", required = true, paramLabel = "FILE",
            description = "The connection profile (mode: delegated, refreshToken: where to keep the token).")
    Path connection;

    @Override
    public Integer call() throws Exception {
        ConnectionProfile profile;
        try {
            profile = ProfileLoader.load(connection);
        } catch (io.cspguard.graph.auth.ProfileException e) {
            System.err.println("cspguard connect: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            Connect.deviceCode(profile, message -> {
                System.out.println(message);
                System.out.flush();
            });
        } catch (io.cspguard.graph.auth.AuthException e) {
            System.err.println("cspguard connect: sign-in failed: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        System.out.println("Connected: the refresh token is stored encrypted at " + profile.refreshToken());
        return ExitCodes.OK;
    }
}
