package io.cspguard.cli;

import io.cspguard.store.StoreException;
import io.cspguard.web.Role;
import io.cspguard.web.auth.Enrolment;
import io.cspguard.web.auth.TotpAccount;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code cspguard users add NAME --role R [--totp | --oidc] [--public-url URL]}. Prints the account's enrolment
 * once, to stdout only: a one-time link (default), or a generated password with the authenticator's otpauth URI
 * ({@code --totp}), or nothing secret for an Entra user ({@code --oidc}).
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a dashboard account and print its enrolment (shown once): a one-time link where the user "
                + "sets a password and registers a passkey or authenticator app; with --totp a generated password "
                + "and the authenticator's otpauth URI; with --oidc nothing (the user signs in with Microsoft Entra).")
final class UsersAddCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user's name (for --oidc: their Entra user "
            + "principal name, e.g. ann@contoso.com).")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "viewer, operator, approver or admin.")
    String role;

    @ArgGroup(exclusive = true)
    Kind kind = new Kind();

    static final class Kind {
        @Option(names = "--totp", description = "Make the account ready now: print a generated password and the "
                + "authenticator app's otpauth URI (for demos and headless setups).")
        boolean totp;

        @Option(names = "--oidc", description = "An Entra user who signs in with Microsoft (MFA required in the token).")
        boolean oidc;
    }

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The dashboard's address, for the enrolment link (default: ${DEFAULT-VALUE}).")
    URI publicUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Role r;
        try {
            r = Role.parse(role);
        } catch (IllegalArgumentException e) {
            err.println("cspguard users add: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!"http".equals(publicUrl.getScheme()) && !"https".equals(publicUrl.getScheme())
                || publicUrl.getHost() == null) {
            err.println("cspguard users add: --public-url must be http(s)://host[:port], got: " + publicUrl);
            return ExitCodes.USAGE;
        }
        try (UsersStore s = UsersStore.open(store)) {
            if (kind.oidc) {
                s.users.createOidc(name, r, s.actor);
                out.println("Added " + name.strip() + " (" + r.label() + "): signs in with Microsoft Entra, matched on "
                        + "the token's preferred_username (else upn) and bound to its subject at the first sign-in. "
                        + "The dashboard must be started with OIDC set up (docs/security.md).");
            } else if (kind.totp) {
                // on an existing account this is the recovery for a lost authenticator: everything that could still
                // open the account (sessions, passkeys, links) is revoked with the new password and secret
                boolean exists = s.users.find(name).isPresent();
                String password = randomPassword();
                TotpAccount a = s.users.createOrResetWithTotp(name, r, password, s.actor);
                out.println((exists ? "Reset " : "Added ") + a.name() + " (" + r.label() + ")"
                        + (exists ? ": its sessions, passkeys and open links are revoked" : "")
                        + ". Shown once; keep it safe:");
                out.println("  password:     " + password);
                out.println("  TOTP secret:  " + a.secret());
                out.println("  otpauth URI:  " + a.otpauthUri());
            } else {
                Enrolment e = s.users.create(name, r, s.actor);
                out.println("Added " + e.name() + " (" + r.label() + "). Send them this one-time enrolment link "
                        + "(shown once, valid until " + WHEN.format(e.expiresAt()) + "):");
                out.println("  " + e.link(publicUrl));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException | StoreException | IOException e) {
            err.println("cspguard users add: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** 144 random bits as 24 base64url characters. */
    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
