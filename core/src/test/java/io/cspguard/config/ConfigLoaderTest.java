package io.cspguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    /** The whole schema of formats.md §2, with values filled in. */
    private static final String FULL = """
            breakGlass:                       # emergency-access accounts
              - tenant: "*"
                users: [bg-01@contoso.onmicrosoft.com, 5f1c0000-0000-0000-0000-000000000001]   # UPN or object id
            thresholds:
              globalAdmins: {min: 2, max: 4}
              staleSignInDays: 90
              signInWindowDays: 30
              accessReviewDays: 90
              maxActivationHours: 8
              recoveryInfoChangeDays: 30
            partner:
              approvedAdminAgents: []
              leaversFile: leavers.csv
              privilegedWorkstations: []
              accountPatterns: []
              privilegedAccountPattern: null
              collaborationUsersMax: 0
            privilegedRoles: []
            consumerMailDomains: []
            exceptions:
              - control: CSP.MFA.2
                tenant: "*"
                objects: [svc-scanner@contoso.com]
                reason: "scanner cannot do MFA"
                approvedBy: alice@partner.com
                expires: 2027-03-31
            """;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Config load(String yaml) throws Exception {
        return ConfigLoader.load(file("cspguard.yaml", yaml));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml) throws IOException {
        Path f = file("cspguard.yaml", yaml);
        return assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString());
    }

    private void leavers(String csv) throws IOException {
        file("leavers.csv", csv);
    }

    // ---- defaults and the full schema ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "  \n# cspguard\n\n"})
    void anEmptyFileGivesTheDefaults(String yaml) throws Exception {
        Config c = load(yaml);

        Thresholds t = c.thresholds();
        assertThat(t.globalAdmins().min()).isEqualTo(2);
        assertThat(t.globalAdmins().max()).isEqualTo(4);
        assertThat(t.staleSignInDays()).isEqualTo(90);
        assertThat(t.signInWindowDays()).isEqualTo(30);
        assertThat(t.accessReviewDays()).isEqualTo(90);
        assertThat(t.maxActivationHours()).isEqualTo(8);
        assertThat(t.recoveryInfoChangeDays()).isEqualTo(30);
        assertThat(c.partner().collaborationUsersMax()).isZero();
        assertThat(c.partner().privilegedAccountPattern()).isNull();
        assertThat(c.hasLeaversFeed()).isFalse();
        assertThat(c.breakGlass()).isEmpty();
        assertThat(c.exceptions()).isEmpty();
        assertThat(c.leavers()).isEmpty();
        assertThat(c.sha256()).isEqualTo(Config.DEFAULTS.sha256());
    }

    // Regression test, fixed: a file that holds only the YAML document marker (and comments) is an empty document, as empty as
    // an empty file, but ConfigLoader.parse rejects it: "line 1: the configuration must be a mapping of keys".
    @Test
    void aFileWithOnlyADocumentMarkerIsEmptyToo() throws Exception {
        assertThat(load("---\n# CSP Guard configuration\n").sha256()).isEqualTo(Config.DEFAULTS.sha256());
    }

    @Test
    void theFullSchemaExampleParses() throws Exception {
        leavers("userPrincipalName,leftOn\nbob@partner.com,2026-10-01\n");

        Config c = load(FULL);

        assertThat(c.breakGlass()).singleElement().satisfies(b -> {
            assertThat(b.tenant()).isEqualTo("*");
            assertThat(b.users()).containsExactly("bg-01@contoso.onmicrosoft.com",
                    "5f1c0000-0000-0000-0000-000000000001");
        });
        assertThat(c.thresholds()).isEqualTo(Thresholds.DEFAULTS);
        assertThat(c.partner().leaversFile()).isEqualTo("leavers.csv");
        assertThat(c.hasLeaversFeed()).isTrue();
        assertThat(c.leavers()).singleElement().satisfies(l -> {
            assertThat(l.userPrincipalName()).isEqualTo("bob@partner.com");
            assertThat(l.leftOn()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        });
        assertThat(c.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.control()).isEqualTo("CSP.MFA.2");
            assertThat(e.tenant()).isEqualTo("*");
            assertThat(e.objects()).containsExactly("svc-scanner@contoso.com");
            assertThat(e.reason()).isEqualTo("scanner cannot do MFA");
            assertThat(e.approvedBy()).isEqualTo("alice@partner.com");
            assertThat(e.expires()).isEqualTo(LocalDate.of(2027, 3, 31));
            assertThat(e.line()).isEqualTo(21);
            assertThat(e.wholeControl()).isFalse();
        });
    }

    @Test
    void nonDefaultValuesAreRead() throws Exception {
        Config c = load("""
                thresholds:
                  globalAdmins: {min: 1, max: 6}
                  staleSignInDays: 45
                partner:
                  approvedAdminAgents: [a@partner.com]
                  privilegedWorkstations: [dev-1]
                  accountPatterns: ['^adm-.*@']
                  privilegedAccountPattern: '^gdap-'
                  collaborationUsersMax: 3
                privilegedRoles: [11111111-1111-1111-1111-111111111111]
                consumerMailDomains: [example.org]
                exceptions:
                  - {control: CSP.PRIV.3, tenant: t-1, reason: r, approvedBy: a, expires: 2026-12-31}
                """);

        assertThat(c.thresholds().globalAdmins().contains(6)).isTrue();
        assertThat(c.thresholds().globalAdmins().contains(7)).isFalse();
        assertThat(c.thresholds().staleSignInDays()).isEqualTo(45);
        assertThat(c.thresholds().signInWindowDays()).isEqualTo(30);
        assertThat(c.partner().collaborationUsersMax()).isEqualTo(3);
        assertThat(c.accountPatterns()).singleElement().satisfies(p -> assertThat(p.matcher("adm-x@c").find()).isTrue());
        assertThat(c.privilegedAccountPattern().pattern()).isEqualTo("^gdap-");
        assertThat(c.privilegedRoles()).hasSize(1);
        assertThat(c.consumerMailDomains()).containsExactly("example.org");
        assertThat(c.exceptions()).singleElement().satisfies(e -> assertThat(e.wholeControl()).isTrue());
    }

    // ---- unknown keys and wrong types ---------------------------------------------------------------------

    @Test
    void anUnknownKeyNamesTheKeyAndItsLine() throws IOException {
        rejects("""
                thresholds:
                  staleSignInDays: 90
                  staleSigninDays: 60
                """).hasMessageContaining("line 3").hasMessageContaining("staleSigninDays");
    }

    @Test
    void aWrongCaseTopLevelKeyIsUnknown() throws IOException {
        rejects("""
                # comment
                BreakGlass:
                  - tenant: "*"
                """).hasMessageContaining("line 2").hasMessageContaining("BreakGlass");
    }

    @Test
    void anUnknownKeyInsideAListItemNamesItsPathAndLine() throws IOException {
        rejects("""
                exceptions:
                  - control: CSP.MFA.2
                    tenant: "*"
                    reason: r
                    approvedBy: a
                    expires: 2027-01-01
                    expiry: 2027-01-01
                """).hasMessageContaining("line 7").hasMessageContaining("exceptions[0].expiry");
    }

    @Test
    void anUnknownNestedKeyNamesItsLine() throws IOException {
        rejects("partner:\n  leaversfile: x.csv\n").hasMessageContaining("line 2").hasMessageContaining("leaversfile");
        rejects("thresholds:\n  globalAdmins:\n    minimum: 1\n").hasMessageContaining("line 3")
                .hasMessageContaining("minimum");
    }

    @Test
    void aWrongTypeNamesTheKeyAndItsLine() throws IOException {
        rejects("""
                thresholds:
                  globalAdmins: {min: 2, max: 4}
                  staleSignInDays: ninety
                """).hasMessageContaining("line 3").hasMessageContaining("staleSignInDays");
        rejects("""
                thresholds:
                  staleSignInDays: "90"
                """).hasMessageContaining("line 2").hasMessageContaining("staleSignInDays");
        rejects("breakGlass: everyone\n").hasMessageContaining("line 1").hasMessageContaining("breakGlass");
        rejects("partner:\n  approvedAdminAgents: {a: b}\n").hasMessageContaining("line 2")
                .hasMessageContaining("approvedAdminAgents");
    }

    // Regression test, fixed: the binder keeps Jackson's ACCEPT_FLOAT_AS_INT, so a fraction where a whole number belongs is
    // silently truncated ("collaborationUsersMax: 1.5" reads as 1, "staleSignInDays: 90.9" as 90) instead of being
    // a wrong-type error naming the key and its line (formats.md §2).
    @Test
    void aFractionWhereAWholeNumberBelongsIsAWrongType() throws IOException {
        rejects("partner:\n  collaborationUsersMax: 1.5\n").hasMessageContaining("line 2")
                .hasMessageContaining("collaborationUsersMax");
        rejects("thresholds:\n  staleSignInDays: 90.9\n").hasMessageContaining("line 2")
                .hasMessageContaining("staleSignInDays");
    }

    // Regression test, fixed: a null entry in a list is not caught as a configuration error: "breakGlass: [~]" throws a
    // NullPointerException from validateBreakGlass, "privilegedRoles: [~]"/"consumerMailDomains: [~]" from
    // List.copyOf in Config, and an exception's "objects: [~]" from List.copyOf in AcceptedRisk — all escape
    // ConfigLoader.parse as RuntimeExceptions instead of a ConfigException naming the key and its line.
    @ParameterizedTest
    @ValueSource(strings = {
        "breakGlass:\n  - ~\n",
        "privilegedRoles:\n  - ~\n",
        "consumerMailDomains:\n  - ~\n",
        "exceptions:\n  - {control: CSP.MFA.2, tenant: '*', reason: r, approvedBy: a, expires: 2027-03-31,\n     objects: [~]}\n"})
    void aNullListEntryIsAConfigurationErrorNotACrash(String yaml) throws IOException {
        // the line of the empty entry itself (line 3 for the exception's objects list)
        rejects(yaml).hasMessageMatching("(?s).*line [23]: .*is empty.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"breakGlass:\n  - tenant: '*'\n    users: [~]\n", "partner:\n  accountPatterns: [~]\n"})
    void aNullEntryInsideABoundListIsAConfigurationError(String yaml) throws IOException {
        rejects(yaml).hasMessageMatching("(?s).*line [23]: '(breakGlass\\[0\\]\\.users|partner\\.accountPatterns)\\[0\\]' is empty.*");
    }

    @Test
    void aConfigurationThatIsNotAMappingOrNotYamlIsAnError() throws IOException {
        rejects("- a\n- b\n").hasMessageContaining("line 1");
        rejects("thresholds: {staleSignInDays: 90\n").hasMessageContaining("line");
        rejects("thresholds:\n  staleSignInDays: 90\n  staleSignInDays: 60\n").hasMessageContaining("line 3")
                .hasMessageContaining("staleSignInDays");
    }

    @Test
    void thresholdsOutOfRangeAreErrorsWithTheLine() throws IOException {
        rejects("thresholds:\n  staleSignInDays: 0\n").hasMessageContaining("line 2")
                .hasMessageContaining("staleSignInDays");
        rejects("thresholds:\n  globalAdmins: {min: 5}\n").hasMessageContaining("line 2")
                .hasMessageContaining("globalAdmins");
        rejects("partner:\n  collaborationUsersMax: -1\n").hasMessageContaining("line 2");
    }

    // ---- exceptions ---------------------------------------------------------------------------------------

    private static String exception(String without) {
        String all = """
                exceptions:
                  - control: CSP.MFA.2
                    tenant: "*"
                    reason: r
                    approvedBy: alice@partner.com
                    expires: 2027-03-31
                """;
        return all.lines().filter(l -> !l.contains(without + ":")).reduce("", (a, b) -> a + b + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reason", "approvedBy", "expires", "tenant"})
    void anExceptionWithoutARequiredFieldIsAnErrorWithTheLine(String missing) throws IOException {
        rejects(exception(missing)).hasMessageContaining("exceptions[0]." + missing).hasMessageMatching("(?s).*line [23].*");
    }

    @Test
    void anExceptionWithoutControlIsAnError() throws IOException {
        rejects("exceptions:\n  - tenant: \"*\"\n    reason: r\n    approvedBy: a\n    expires: 2027-03-31\n")
                .hasMessageContaining("line 2").hasMessageContaining("exceptions[0].control");
    }

    @Test
    void anExceptionWithABlankReasonIsAnError() throws IOException {
        rejects(exception("reason").replace("approvedBy", "reason: \"  \"\n    approvedBy"))
                .hasMessageContaining("exceptions[0].reason");
    }

    @Test
    void anExceptionForAnUnknownControlIsAnErrorWithTheLine() throws IOException {
        rejects(exception("none").replace("CSP.MFA.2", "CSP.MFA.99")).hasMessageContaining("line 2")
                .hasMessageContaining("CSP.MFA.99");
        rejects(exception("none").replace("CSP.MFA.2", "csp.mfa.2")).hasMessageContaining("line 2")
                .hasMessageContaining("csp.mfa.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-02-30", "31/03/2027", "2027-3-31", "tomorrow", "2027-03-31T00:00:00Z"})
    void anExceptionWithABadDateIsAnErrorWithTheLine(String date) throws IOException {
        rejects(exception("none").replace("2027-03-31", date)).hasMessageContaining("line 6")
                .hasMessageContaining("exceptions[0].expires");
    }

    @Test
    void theSecondExceptionIsNamedByItsIndexAndLine() throws IOException {
        rejects("""
                exceptions:
                  - {control: CSP.MFA.2, tenant: "*", reason: r, approvedBy: a, expires: 2027-03-31}
                  - control: CSP.MFA.2
                    tenant: "*"
                    reason: r
                    approvedBy: a
                    expires: someday
                """).hasMessageContaining("line 7").hasMessageContaining("exceptions[1].expires");
    }

    @Test
    void anEmptyExceptionIsAnError() throws IOException {
        rejects("exceptions:\n  -\n").hasMessageContaining("line 2").hasMessageContaining("exceptions[0]");
    }

    // ---- patterns and break-glass -------------------------------------------------------------------------

    @Test
    void anInvalidRegexIsAnErrorWithTheLine() throws IOException {
        rejects("""
                partner:
                  accountPatterns:
                    - '^ok$'
                    - '(unclosed'
                """).hasMessageContaining("line 4").hasMessageContaining("accountPatterns[1]");
        rejects("""
                partner:
                  privilegedAccountPattern: '[a-'
                """).hasMessageContaining("line 2").hasMessageContaining("privilegedAccountPattern");
    }

    @Test
    void breakGlassWithoutTenantIsAnErrorWithTheLine() throws IOException {
        rejects("""
                breakGlass:
                  - tenant: "*"
                    users: [a]
                  - users: [bg@contoso.com]
                """).hasMessageContaining("line 4").hasMessageContaining("breakGlass[1].tenant");
    }

    @Test
    void breakGlassForMatchesStarAndTheTenantCaseInsensitively() throws Exception {
        Config c = load("""
                breakGlass:
                  - tenant: "*"
                    users: [BG-01@Partner.com]
                  - tenant: AAAA-1111
                    users: [5F1C-ID, bg-aaaa@contoso.com]
                  - tenant: bbbb-2222
                    users: [bg-bbbb@fabrikam.com]
                """);

        assertThat(c.breakGlassFor("aaaa-1111"))
                .containsExactlyInAnyOrder("bg-01@partner.com", "5f1c-id", "bg-aaaa@contoso.com");
        assertThat(c.breakGlassFor("BBBB-2222")).containsExactlyInAnyOrder("bg-01@partner.com", "bg-bbbb@fabrikam.com");
        assertThat(c.breakGlassFor("cccc-3333")).containsExactly("bg-01@partner.com");
        assertThat(Config.DEFAULTS.breakGlassFor("aaaa-1111")).isEmpty();
    }

    @Test
    void breakGlassWithoutUsersIsEmptyNotAnError() throws Exception {
        assertThat(load("breakGlass:\n  - tenant: \"*\"\n").breakGlassFor("x")).isEmpty();
    }

    // ---- leavers feed -------------------------------------------------------------------------------------

    @Test
    void theLeaversFileIsResolvedAgainstTheConfigurationsFolder() throws Exception {
        file("conf/hr/leavers.csv", "userPrincipalName,leftOn\nann@partner.com,2026-11-01T17:00:00Z\n"
                + "bob@partner.com, 2026-10-15 \n");
        Path config = file("conf/cspguard.yaml", "partner:\n  leaversFile: hr/leavers.csv\n");

        Config c = ConfigLoader.load(config);

        assertThat(c.leavers()).extracting(Leaver::userPrincipalName).containsExactly("ann@partner.com", "bob@partner.com");
        assertThat(c.leavers()).extracting(Leaver::leftOn).containsExactly(Instant.parse("2026-11-01T17:00:00Z"),
                Instant.parse("2026-10-15T00:00:00Z"));
    }

    @Test
    void anAbsoluteLeaversPathIsUsedAsIs() throws Exception {
        Path csv = file("elsewhere/l.csv", "userPrincipalName,leftOn\nann@partner.com,2026-11-01\n");

        Config c = load("partner:\n  leaversFile: '" + csv.toAbsolutePath() + "'\n");

        assertThat(c.leavers()).hasSize(1);
    }

    @Test
    void aMissingLeaversFileIsAnErrorNamingTheLineOfTheKey() throws IOException {
        rejects("""
                thresholds:
                  staleSignInDays: 90
                partner:
                  collaborationUsersMax: 0
                  leaversFile: gone.csv
                """).hasMessageContaining("line 5").hasMessageContaining("partner.leaversFile")
                .hasMessageContaining("gone.csv");
    }

    @Test
    void aLeaverRowWithAnEmptyLeftOnIsAnErrorNamingTheCsvLine() throws IOException {
        leavers("userPrincipalName,leftOn\nann@partner.com,2026-11-01\nbob@partner.com,\n");
        Path config = file("cspguard.yaml", "partner:\n  leaversFile: leavers.csv\n");

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("leavers.csv").hasMessageContaining("line 3").hasMessageContaining("leftOn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "01/11/2026", "yesterday", "2026-11-01 17:00"})
    void aLeaverRowWithABadDateIsAnErrorNamingTheCsvLine(String date) throws IOException {
        leavers("userPrincipalName,leftOn\nann@partner.com,2026-11-01\ncid@partner.com,2026-11-02\nbob@partner.com,"
                + date + "\n");
        Path config = file("cspguard.yaml", "partner:\n  leaversFile: leavers.csv\n");

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("leavers.csv").hasMessageContaining("line 4").hasMessageContaining(date);
    }

    @Test
    void aLeaverRowWithoutAUpnIsAnErrorNamingTheCsvLine() throws IOException {
        leavers("userPrincipalName,leftOn\n,2026-11-01\n");
        Path config = file("cspguard.yaml", "partner:\n  leaversFile: leavers.csv\n");

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2").hasMessageContaining("userPrincipalName");
    }

    @Test
    void aLeaversFileWithTheWrongHeaderIsAnError() throws IOException {
        leavers("upn,date\nann@partner.com,2026-11-01\n");
        Path config = file("cspguard.yaml", "partner:\n  leaversFile: leavers.csv\n");

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("leavers.csv").hasMessageContaining("userPrincipalName,leftOn");
    }

    @Test
    void blankLeaverRowsAreSkippedAndAHeaderOnlyFeedIsEmpty() throws Exception {
        leavers("userPrincipalName,leftOn\n");
        assertThat(load("partner:\n  leaversFile: leavers.csv\n").leavers()).isEmpty();

        leavers("userPrincipalName,leftOn\n,\nann@partner.com,2026-11-01\n");
        assertThat(load("partner:\n  leaversFile: leavers.csv\n").leavers()).singleElement()
                .satisfies(l -> assertThat(l.line()).isEqualTo(3));
    }

    // ---- the configuration hash ---------------------------------------------------------------------------

    @Test
    void theConfigHashIgnoresCommentsLayoutAndOrder() throws Exception {
        leavers("userPrincipalName,leftOn\nbob@partner.com,2026-10-01\n");
        String plain = load(FULL).sha256();
        String reformatted = load("""
                # the same settings, written differently
                exceptions: [{control: CSP.MFA.2, tenant: '*', objects: [svc-scanner@contoso.com],
                              reason: scanner cannot do MFA, approvedBy: alice@partner.com, expires: 2027-03-31}]

                partner: {leaversFile: leavers.csv}
                breakGlass:
                    -   users:
                          - bg-01@contoso.onmicrosoft.com
                          - 5f1c0000-0000-0000-0000-000000000001
                        tenant: "*"    # every tenant
                """).sha256();

        assertThat(reformatted).isEqualTo(plain);
        assertThat(load(FULL).sha256()).isEqualTo(plain);
    }

    @Test
    void theConfigHashChangesWhenAValueChanges() throws Exception {
        leavers("userPrincipalName,leftOn\nbob@partner.com,2026-10-01\n");
        String base = load(FULL).sha256();

        assertThat(load(FULL.replace("staleSignInDays: 90", "staleSignInDays: 91")).sha256()).isNotEqualTo(base);
        assertThat(load(FULL.replace("expires: 2027-03-31", "expires: 2027-04-01")).sha256()).isNotEqualTo(base);
        assertThat(load(FULL.replace("bg-01@", "bg-02@")).sha256()).isNotEqualTo(base);
        assertThat(load(FULL.replace("consumerMailDomains: []", "consumerMailDomains: [x.org]")).sha256())
                .isNotEqualTo(base);
        assertThat(load(FULL.replace("approvedBy: alice", "approvedBy: bob")).sha256()).isNotEqualTo(base);

        leavers("userPrincipalName,leftOn\nbob@partner.com,2026-10-02\n");
        assertThat(load(FULL).sha256()).as("the leavers feed is part of the effective configuration")
                .isNotEqualTo(base);
    }

    @Test
    void parseWithoutAFileAnchorsOnTheGivenPath() throws Exception {
        Config c = ConfigLoader.parse("thresholds:\n  staleSignInDays: 30\n", dir.resolve("x.yaml"));

        assertThat(c.thresholds().staleSignInDays()).isEqualTo(30);
        assertThatThrownBy(() -> ConfigLoader.parse("bogus: 1\n", Path.of("some/where.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("where.yaml").hasMessageContaining("line 1")
                .hasMessageContaining("bogus");
    }

    @Test
    void aConfigurationFileThatCannotBeReadIsAnError() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }
}
