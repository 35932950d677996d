package io.cspguard.controls.mon;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.pid;
import static io.cspguard.fixture.TenantFixture.riskyUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.Licences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSP.MON.4 — risky users are dealt with (P2). */
class Mon4RiskyUsersHandledTest {
    private static final Control CONTROL = new Mon4RiskyUsersHandled();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    @Test
    void basesPass_remediatedUserIsFine() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void confirmedCompromisedFails() {
        ControlResult r = run(TenantFixture.customer().withRiskyUsers(
                riskyUser(cid(ALICE), "alice@customer.example", "high", "confirmedCompromised")));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", cid(ALICE), "confirmed-compromised"));
        assertThat(r.findings().get(0).objectName()).isEqualTo("alice@customer.example");
    }

    @Test
    void confirmedCompromisedFailsWhateverTheLevel() {
        ControlResult r = run(TenantFixture.customer().withRiskyUsers(
                riskyUser(cid(ALICE), "alice@customer.example", "none", "confirmedCompromised")));
        assertThat(Results.objectRules(r)).containsExactly(cid(ALICE) + " confirmed-compromised");
    }

    @ParameterizedTest
    @CsvSource({"medium", "high", "High", "MEDIUM"})
    void atRiskMediumOrHighFails(String level) {
        ControlResult r = run(TenantFixture.partner().withRiskyUsers(
                riskyUser(pid(BOB), "bob@partner.example", level, "atRisk")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", pid(BOB), "at-risk"));
    }

    @Test
    void atRiskStateIsComparedCaseInsensitively() {
        assertThat(run(TenantFixture.partner().withRiskyUsers(
                riskyUser(pid(BOB), "bob@partner.example", "high", "ATRISK"))).status()).isEqualTo(Status.FAIL);
    }

    @ParameterizedTest
    @CsvSource({"low,atRisk", "high,dismissed", "high,remediated", "medium,dismissed", "none,none"})
    void lowRiskOrDealtWithPasses(String level, String state) {
        ControlResult r = run(TenantFixture.partner().withRiskyUsers(
                riskyUser(pid(BOB), "bob@partner.example", level, state)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void everyRiskyUserIsNamed() {
        ControlResult r = run(TenantFixture.partner().withRiskyUsers(
                riskyUser(pid(BOB), "bob@partner.example", "high", "atRisk"),
                riskyUser(pid(ALICE), "alice@partner.example", "low", "confirmedCompromised"),
                riskyUser("p-low", "low@partner.example", "low", "atRisk")));
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(pid(BOB), pid(ALICE));
    }

    // ---- licences and missing data ---------------------------------------------------------------------------

    @Test
    void withoutP2IsNotApplicable() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.P1));
        assertThat(r.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(r.reason()).contains("needs Entra ID P2");
        assertThat(run(TenantFixture.customer().licence(Licences.Tier.FREE)).status())
                .isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void unknownLicencesAreNotAssessed() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.UNKNOWN));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("subscribedSkus.json");
    }

    @Test
    void missingRiskyUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("riskyUsers.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("riskyUsers.json");
    }
}
