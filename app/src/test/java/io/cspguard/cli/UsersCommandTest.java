package io.cspguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditQuery;
import io.cspguard.audit.AuditTrail;
import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import io.cspguard.web.auth.UserSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code cspguard users add|list|disable} on H2 and PostgreSQL. */
class UsersCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(DatabaseLocation where, Path data, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        if (where.postgres()) {
            all.add("--db");
            all.add(where.jdbcUrl());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new UsersCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void addPrintsTheEnrolmentOnceListShowsAndDisableEnds(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation where = TestDatabases.location(kind, dir);
        Path data = where.postgres() ? dir.resolve("data") : where.dataDir();

        Run link = run(where, data, "add", "pat", "--role", "operator", "--public-url", "https://guard.example.com");
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(link.out()).containsPattern("https://guard\\.example\\.com/enrol/[A-Za-z0-9_-]{43}");

        Run totp = run(where, data, "add", "demo", "--role", "admin", "--totp");
        assertThat(totp.exit()).as(totp.err()).isZero();
        String password = match(totp.out(), "password: +(\\S+)");
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(totp.out()).containsPattern("otpauth://totp/.*secret=[A-Z2-7]+");

        Run oidc = run(where, data, "add", "ann@contoso.example", "--role", "viewer", "--oidc");
        assertThat(oidc.exit()).as(oidc.err()).isZero();

        assertThat(run(where, data, "add", "PAT", "--role", "viewer").err()).contains("exists already");
        // --totp on an existing account is the recovery for a lost authenticator: a new password and secret
        Run reset = run(where, data, "add", "demo", "--role", "admin", "--totp");
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).startsWith("Reset demo (admin): its sessions, passkeys and open links are revoked");
        assertThat(match(reset.out(), "password: +(\\S+)")).isNotEqualTo(password);
        Run badRole = run(where, data, "add", "x", "--role", "boss");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("unknown role 'boss'");
        assertThat(run(where, data, "add", "y", "--role", "viewer", "--totp", "--oidc").exit()).isEqualTo(2);

        Run list = run(where, data, "list");
        assertThat(list.out()).contains("NAME", "ann@contoso.example", "oidc").containsPattern("demo +admin +totp")
                .containsPattern("pat +operator +not enrolled");

        assertThat(run(where, data, "disable", "demo").err()).contains("last enabled admin");
        Run disabled = run(where, data, "disable", "pat");
        assertThat(disabled.exit()).isZero();
        assertThat(run(where, data, "list").out()).containsPattern("pat +operator +not enrolled +never +disabled");

        try (Database db = Database.open(where)) {
            AuditTrail trail = new AuditTrail(db, java.time.Clock.systemUTC());
            String everything = trail.recent(AuditQuery.latest(100)).toString();
            assertThat(everything).contains("user.added", "user.disabled",
                    "cli:" + System.getProperty("user.name")).doesNotContain(password);
        }
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError(regex + " not in:\n" + text);
        }
        return m.group(1);
    }
}
