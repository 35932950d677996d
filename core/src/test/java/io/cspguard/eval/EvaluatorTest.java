package io.cspguard.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cspguard.config.AcceptedRisk;
import io.cspguard.config.Config;
import io.cspguard.config.PartnerSettings;
import io.cspguard.config.Thresholds;
import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.snapshot.TenantLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    private static final String TENANT = "tenant-AAAA-0001";
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path root;

    // ---- a fake control and a minimal tenant --------------------------------------------------------------

    /** A control that returns a prepared outcome, and counts how often it ran. */
    private static class Fake implements Control {
        final ControlInfo info;
        final Supplier<Outcome> outcome;
        final AtomicInteger runs = new AtomicInteger();

        Fake(String id, Level level, LicenceRequirement licence, Supplier<Outcome> outcome) {
            this.info = new ControlInfo(id, level, Scope.ALL, licence, "Fake " + id, "seed", "why", "fix",
                    List.of("users.json"), null);
            this.outcome = outcome;
        }

        @Override
        public ControlInfo info() {
            return info;
        }

        @Override
        public Outcome evaluate(TenantView tenant) {
            runs.incrementAndGet();
            return outcome.get();
        }
    }

    private static Fake shall(Supplier<Outcome> outcome) {
        return new Fake("CSP.MFA.2", Level.SHALL, LicenceRequirement.NONE, outcome);
    }

    private static Fake should(Supplier<Outcome> outcome) {
        return new Fake("CSP.ISO.1", Level.SHOULD, LicenceRequirement.NONE, outcome);
    }

    private static Fake p2(Supplier<Outcome> outcome) {
        return new Fake("CSP.PRIV.6", Level.SHALL, LicenceRequirement.P2, outcome);
    }

    /** A tenant folder with tenant.json and, unless tier is null, a subscribedSkus.json with that service plan. */
    private TenantView tenant(String plan, Instant collectedAt, Config config) throws IOException {
        Path dir = Files.createTempDirectory(root, "t");
        Files.writeString(dir.resolve("tenant.json"), "{\"tenantId\":\"" + TENANT + "\",\"role\":\"customer\","
                + "\"collectedAt\":\"" + collectedAt + "\"}");
        if (plan != null) {
            Files.writeString(dir.resolve("subscribedSkus.json"), "{\"value\":[{\"capabilityStatus\":\"Enabled\","
                    + "\"prepaidUnits\":{\"enabled\":5},\"servicePlans\":[{\"servicePlanName\":\"" + plan + "\"}]}]}");
        }
        return new TenantView(TenantLoader.load(dir, dir.getFileName().toString(), null, collectedAt).snapshot(),
                null, config);
    }

    private TenantView tenant() throws IOException {
        return tenant("AAD_PREMIUM_P2", AT, Config.DEFAULTS);
    }

    private static Config config(AcceptedRisk... exceptions) {
        return new Config(List.of(), Thresholds.DEFAULTS, PartnerSettings.DEFAULTS, List.of(), List.of(),
                List.of(exceptions), List.of(), "test");
    }

    private static AcceptedRisk exception(String control, String tenant, String expires, String... objects) {
        return new AcceptedRisk(control, tenant, List.of(objects), "accepted: " + String.join(",", objects),
                "alice@partner.com", LocalDate.parse(expires), 1);
    }

    private static Outcome userFinding(Outcome o, String id, String upn, String rule) {
        return o.finding("user", id, upn, rule, upn + " breaks " + rule, upn);
    }

    private static Outcome twoUsers() {
        Outcome o = new Outcome();
        userFinding(o, "id-ann", "Ann@Contoso.com", "noMfa");
        userFinding(o, "id-bob", "bob@contoso.com", "noMfa");
        return o;
    }

    private ControlResult run(Control control, Config config) throws IOException {
        return Evaluator.evaluate(control, tenant("AAD_PREMIUM_P2", AT, config), config);
    }

    // ---- status -------------------------------------------------------------------------------------------

    @Test
    void findingsFailAShallControl() throws IOException {
        ControlResult r = Evaluator.evaluate(shall(EvaluatorTest::twoUsers), tenant(), Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.controlId()).isEqualTo("CSP.MFA.2");
        assertThat(r.level()).isEqualTo(Level.SHALL);
        assertThat(r.findings()).hasSize(2);
        assertThat(r.openCount()).isEqualTo(2);
        assertThat(r.acceptedCount()).isZero();
        assertThat(r.reason()).isNull();
    }

    @Test
    void findingsWarnAShouldControl() throws IOException {
        ControlResult r = Evaluator.evaluate(should(EvaluatorTest::twoUsers), tenant(), Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.level()).isEqualTo(Level.SHOULD);
    }

    @Test
    void onlyUnknownsAreNotAssessedWithTheReasons() throws IOException {
        ControlResult r = Evaluator.evaluate(shall(() -> new Outcome().unknown("users.json was not collected")
                .unknown("signIns.json was not collected").unknown("users.json was not collected")), tenant(),
                Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json was not collected", "signIns.json was not collected");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aMissingFileOfTheSnapshotIsNotAssessedNamingIt() throws IOException {
        ControlResult r = Evaluator.evaluate(new Fake("CSP.MFA.1", Level.SHALL, LicenceRequirement.NONE, null) {
            @Override
            public Outcome evaluate(TenantView tenant) {
                Outcome o = new Outcome();
                o.need(tenant.users());
                return o;
            }
        }, tenant(), Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }

    @Test
    void findingsWinOverUnknowns() throws IOException {
        ControlResult r = Evaluator.evaluate(shall(() -> twoUsers().unknown("groups.json was not collected")),
                tenant(), Config.DEFAULTS);
        ControlResult w = Evaluator.evaluate(should(() -> twoUsers().unknown("groups.json was not collected")),
                tenant(), Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(w.status()).isEqualTo(Status.WARN);
    }

    @Test
    void nothingFoundAndNothingUnknownPasses() throws IOException {
        ControlResult r = Evaluator.evaluate(shall(() -> new Outcome().summary("all 3 users covered")), tenant(),
                Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.summary()).isEqualTo("all 3 users covered");
        assertThat(r.reason()).isNull();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aControlThatThrowsIsNotAssessedNeverPassAndNeverACrash() throws IOException {
        Fake boom = shall(() -> {
            throw new IllegalStateException("unexpected shape of policy p1");
        });
        Fake npe = should(() -> {
            throw new NullPointerException();
        });

        ControlResult r = Evaluator.evaluate(boom, tenant(), Config.DEFAULTS);
        ControlResult n = Evaluator.evaluate(npe, tenant(), Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("IllegalStateException", "unexpected shape of policy p1");
        assertThat(n.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(n.reason()).contains("NullPointerException");
    }

    @Test
    void aControlThatSaysNotApplicableIsNotApplicableWithItsReason() throws IOException {
        ControlResult r = Evaluator.evaluate(shall(() -> Outcome.notApplicable("no GDAP relationships")), tenant(),
                Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(r.reason()).isEqualTo("no GDAP relationships");
    }

    // ---- licence ------------------------------------------------------------------------------------------

    @Test
    void aP2ControlIsNotApplicableWithoutP2BeforeTheControlRuns() throws IOException {
        Fake free = p2(EvaluatorTest::twoUsers);
        Fake p1 = p2(EvaluatorTest::twoUsers);

        ControlResult onFree = Evaluator.evaluate(free, tenant("EXCHANGE_S_STANDARD", AT, Config.DEFAULTS),
                Config.DEFAULTS);
        ControlResult onP1 = Evaluator.evaluate(p1, tenant("AAD_PREMIUM", AT, Config.DEFAULTS), Config.DEFAULTS);

        assertThat(onFree.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(onFree.reason()).contains("P2", "Free");
        assertThat(onP1.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(onP1.reason()).contains("P2", "P1");
        assertThat(free.runs).hasValue(0);
        assertThat(p1.runs).hasValue(0);
    }

    @Test
    void aP2ControlIsNotAssessedWhenTheLicencesAreUnknown() throws IOException {
        Fake control = p2(EvaluatorTest::twoUsers);

        ControlResult r = Evaluator.evaluate(control, tenant(null, AT, Config.DEFAULTS), Config.DEFAULTS);

        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("subscribedSkus.json", "P2");
        assertThat(control.runs).hasValue(0);
    }

    @Test
    void aP2ControlRunsWithP2AndOthersRunWhateverTheLicence() throws IOException {
        Fake withP2 = p2(EvaluatorTest::twoUsers);
        Fake none = shall(EvaluatorTest::twoUsers);

        assertThat(Evaluator.evaluate(withP2, tenant(), Config.DEFAULTS).status()).isEqualTo(Status.FAIL);
        assertThat(Evaluator.evaluate(none, tenant(null, AT, Config.DEFAULTS), Config.DEFAULTS).status())
                .isEqualTo(Status.FAIL);
        assertThat(Evaluator.evaluate(none, tenant("EXCHANGE_S_STANDARD", AT, Config.DEFAULTS), Config.DEFAULTS)
                .status()).isEqualTo(Status.FAIL);
        assertThat(withP2.runs).hasValue(1);
        assertThat(none.runs).hasValue(2);
    }

    // ---- exceptions ---------------------------------------------------------------------------------------

    @Test
    void anExceptionIsLiveThroughTheEndOfItsExpiresDate() throws IOException {
        Config config = config(exception("CSP.MFA.2", "*", "2026-11-26", "id-ann"));

        ControlResult lastSecond = Evaluator.evaluate(shall(EvaluatorTest::twoUsers),
                tenant("AAD_PREMIUM_P2", Instant.parse("2026-11-26T23:59:59Z"), config), config);
        ControlResult nextDay = Evaluator.evaluate(shall(EvaluatorTest::twoUsers),
                tenant("AAD_PREMIUM_P2", Instant.parse("2026-11-27T00:00:00Z"), config), config);

        Finding ann = lastSecond.findings().get(0);
        assertThat(ann.objectId()).isEqualTo("id-ann");
        assertThat(ann.accepted()).isTrue();
        assertThat(ann.exception().expires()).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(ann.exception().approvedBy()).isEqualTo("alice@partner.com");
        assertThat(ann.expiredException()).isNull();
        assertThat(lastSecond.acceptedCount()).isEqualTo(1);

        Finding expired = nextDay.findings().get(0);
        assertThat(expired.accepted()).isFalse();
        assertThat(expired.exception()).isNull();
        assertThat(expired.expiredException()).isNotNull();
        assertThat(expired.expiredException().expires()).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(nextDay.acceptedCount()).isZero();
        assertThat(nextDay.status()).isEqualTo(Status.FAIL);
        assertThat(nextDay.summary()).contains("expired");
    }

    @Test
    void anExceptionMatchesTheObjectByIdOrUpnCaseInsensitively() throws IOException {
        for (String key : List.of("id-ann", "ID-ANN", "ann@contoso.com", "ANN@CONTOSO.COM")) {
            Config config = config(exception("CSP.MFA.2", "*", "2027-01-01", key));

            ControlResult r = run(shall(EvaluatorTest::twoUsers), config);

            assertThat(r.findings()).as(key).filteredOn(Finding::accepted).extracting(Finding::objectId)
                    .containsExactly("id-ann");
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.acceptedCount()).isEqualTo(1);
        }
    }

    @Test
    void anExceptionForAnotherObjectOrControlDoesNotApply() throws IOException {
        Config config = config(exception("CSP.MFA.2", "*", "2027-01-01", "carol@contoso.com"),
                exception("CSP.MFA.1", "*", "2027-01-01", "id-ann"),
                exception("CSP.MFA.1", "*", "2027-01-01"));

        ControlResult r = run(shall(EvaluatorTest::twoUsers), config);

        assertThat(r.findings()).noneMatch(Finding::accepted).noneMatch(f -> f.expiredException() != null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anExceptionAppliesToEveryTenantWithStarAndToItsOwnTenantOnly() throws IOException {
        Config star = config(exception("CSP.MFA.2", "*", "2027-01-01", "id-ann", "id-bob"));
        Config mine = config(exception("CSP.MFA.2", TENANT.toLowerCase(), "2027-01-01", "id-ann", "id-bob"));
        Config other = config(exception("CSP.MFA.2", "tenant-BBBB-0002", "2027-01-01", "id-ann", "id-bob"));

        assertThat(run(shall(EvaluatorTest::twoUsers), star).status()).isEqualTo(Status.PASS);
        assertThat(run(shall(EvaluatorTest::twoUsers), mine).status()).isEqualTo(Status.PASS);
        assertThat(run(shall(EvaluatorTest::twoUsers), other).status()).isEqualTo(Status.FAIL);
        assertThat(run(shall(EvaluatorTest::twoUsers), other).acceptedCount()).isZero();
    }

    @Test
    void anExceptionWithoutObjectsAcceptsTheWholeControl() throws IOException {
        Config config = config(exception("CSP.MFA.2", TENANT, "2027-01-01"));

        ControlResult r = run(shall(EvaluatorTest::twoUsers), config);

        assertThat(r.findings()).hasSize(2).allMatch(Finding::accepted);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.acceptedCount()).isEqualTo(2);
        assertThat(r.openCount()).isZero();
        assertThat(r.summary()).contains("2 accepted");
    }

    @Test
    void findingsThatAreAllAcceptedPassWithTheCount() throws IOException {
        Config config = config(exception("CSP.MFA.2", "*", "2027-01-01", "ann@contoso.com"),
                exception("CSP.MFA.2", "*", "2027-01-01", "id-bob"));

        ControlResult r = run(should(EvaluatorTest::twoUsers), config);
        ControlResult shallResult = run(shall(EvaluatorTest::twoUsers), config);

        assertThat(r.status()).as("a SHOULD control of another id is not covered").isEqualTo(Status.WARN);
        assertThat(shallResult.status()).isEqualTo(Status.PASS);
        assertThat(shallResult.acceptedCount()).isEqualTo(2);
        assertThat(shallResult.findings()).allSatisfy(f -> assertThat(f.exception().reason()).startsWith("accepted"));
    }

    @Test
    void acceptedFindingsWithUnknownsAreStillNotAssessed() throws IOException {
        Config config = config(exception("CSP.MFA.2", "*", "2027-01-01"));

        ControlResult r = run(shall(() -> twoUsers().unknown("groups.json was not collected")), config);

        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("groups.json");
        assertThat(r.acceptedCount()).isEqualTo(2);
    }

    @Test
    void aLiveExceptionWinsOverAnExpiredOneForTheSameObject() throws IOException {
        Config config = config(exception("CSP.MFA.2", "*", "2025-01-01", "id-ann"),
                exception("CSP.MFA.2", "*", "2027-01-01", "id-ann"));

        Finding ann = run(shall(EvaluatorTest::twoUsers), config).findings().get(0);

        assertThat(ann.accepted()).isTrue();
        assertThat(ann.exception().expires()).isEqualTo(LocalDate.parse("2027-01-01"));
        assertThat(ann.expiredException()).isNull();
    }

    @Test
    void anExpiredWholeControlExceptionNamesItselfOnEveryFinding() throws IOException {
        Config config = config(exception("CSP.MFA.2", "*", "2026-11-25"));

        ControlResult r = run(shall(EvaluatorTest::twoUsers), config);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).allSatisfy(f -> {
            assertThat(f.accepted()).isFalse();
            assertThat(f.expiredException()).isNotNull();
        });
        assertThat(r.summary()).contains("2 no longer accepted");
    }

    // ---- finding ids and order ----------------------------------------------------------------------------

    @Test
    void findingIdsAreStableAcrossRunsAndFollowTheContract() throws IOException {
        List<String> first = run(shall(EvaluatorTest::twoUsers), Config.DEFAULTS).findings().stream()
                .map(Finding::findingId).toList();
        List<String> second = run(shall(EvaluatorTest::twoUsers), Config.DEFAULTS).findings().stream()
                .map(Finding::findingId).toList();

        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
        assertThat(first.get(0)).isEqualTo(Evaluator.findingId(TENANT, "CSP.MFA.2", "user", "id-ann", "noMfa"))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void findingIdsDifferPerRuleObjectTypeControlAndTenant() {
        String base = Evaluator.findingId("t1", "CSP.MFA.2", "user", "u1", "noMfa");
        List<String> others = List.of(
                Evaluator.findingId("t1", "CSP.MFA.2", "user", "u1", "excluded"),
                Evaluator.findingId("t1", "CSP.MFA.2", "user", "u2", "noMfa"),
                Evaluator.findingId("t1", "CSP.MFA.2", "group", "u1", "noMfa"),
                Evaluator.findingId("t1", "CSP.MFA.1", "user", "u1", "noMfa"),
                Evaluator.findingId("t2", "CSP.MFA.2", "user", "u1", "noMfa"));

        assertThat(others).doesNotContain(base).doesNotHaveDuplicates();
        assertThat(Evaluator.findingId("T1", "CSP.MFA.2", "user", "U1", "noMfa"))
                .as("Graph ids are case-insensitive").isEqualTo(base);
        assertThat(Evaluator.findingId("t1", "CSP.MFA.2", "user", "u1", "noMfa")).isEqualTo(base);
    }

    @Test
    void theSameRawFindingTwiceIsOneFinding() throws IOException {
        ControlResult r = run(shall(() -> {
            Outcome o = twoUsers();
            userFinding(o, "id-ann", "Ann@Contoso.com", "noMfa");
            userFinding(o, "ID-ANN", "ann@contoso.com", "noMfa");
            userFinding(o, "id-ann", "Ann@Contoso.com", "excludedByGroup");
            return o;
        }), Config.DEFAULTS);

        assertThat(r.findings()).hasSize(3);
        assertThat(r.findings()).extracting(Finding::rule).containsExactlyInAnyOrder("noMfa", "excludedByGroup",
                "noMfa");
    }

    @Test
    void findingsAreSortedByObjectName() throws IOException {
        ControlResult r = run(shall(() -> {
            Outcome o = new Outcome();
            userFinding(o, "1", "zed@contoso.com", "r");
            userFinding(o, "2", "Bob@contoso.com", "r");
            userFinding(o, "3", "alice@contoso.com", "r");
            userFinding(o, "4", "carol@contoso.com", "r");
            o.finding("policy", "p-9", null, "r", "a policy without a name");
            return o;
        }), Config.DEFAULTS);

        assertThat(r.findings()).extracting(Finding::objectName)
                .containsExactly("alice@contoso.com", "Bob@contoso.com", "carol@contoso.com", "p-9",
                        "zed@contoso.com");
    }

    @Test
    void theOrderDoesNotDependOnTheOrderTheControlReported() throws IOException {
        List<String> names = List.of("d@x", "b@x", "a@x", "c@x");
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);

        List<Finding> one = run(shall(() -> users(names)), Config.DEFAULTS).findings();
        List<Finding> two = run(shall(() -> users(reversed)), Config.DEFAULTS).findings();

        assertThat(one).isEqualTo(two);
    }

    private static Outcome users(List<String> upns) {
        Outcome o = new Outcome();
        upns.forEach(u -> userFinding(o, "id-" + u, u, "r"));
        return o;
    }

    // Regression test, fixed: Evaluator sorts findings with Comparator ... thenComparing(Finding::rule) outside the try that
    // guards control.evaluate, so two findings of one object, one of them without a rule, throw a
    // NullPointerException out of Evaluator.evaluate (a crash of the run) instead of giving a result.
    @Test
    void aFindingWithoutARuleDoesNotCrashTheEvaluation() {
        assertThatCode(() -> run(shall(() -> {
            Outcome o = new Outcome();
            userFinding(o, "id-ann", "ann@contoso.com", null);
            userFinding(o, "id-ann", "ann@contoso.com", "noMfa");
            return o;
        }), Config.DEFAULTS)).doesNotThrowAnyException();
    }
}
