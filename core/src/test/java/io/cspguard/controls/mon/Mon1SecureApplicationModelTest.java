package io.cspguard.controls.mon;

import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.AGENT2;
import static io.cspguard.fixture.TenantFixture.MICROSOFT_GRAPH;
import static io.cspguard.fixture.TenantFixture.OFFICE_365;
import static io.cspguard.fixture.TenantFixture.PARTNER_CENTER_APP;
import static io.cspguard.fixture.TenantFixture.pid;
import static io.cspguard.fixture.TenantFixture.resourceAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.controls.Control;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.Application;
import io.cspguard.snapshot.graph.SignIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** CSP.MON.1 — Partner Center access goes through the Secure Application Model (partner tenant). */
class Mon1SecureApplicationModelTest {
    private static final Control CONTROL = new Mon1SecureApplicationModel();
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    /** The base's Partner Center app with one secret of this lifetime. */
    private static Application partnerCenterApp(Duration lifetime) {
        return new Application(pid("app-pc"), "app-pc-appid", "Partner Center automation",
                List.of(resourceAccess(PARTNER_CENTER_APP, "1cebfa2a-fb4d-419e-b5f9-839b4383e05a", "Scope")),
                List.of(new Application.PasswordCredential("key-pc-2", "automation secret", START,
                        START.plus(lifetime))));
    }

    /** The base's Partner Center app with this one secret. */
    private static Application partnerCenterApp(Application.PasswordCredential secret) {
        return new Application(pid("app-pc"), "app-pc-appid", "Partner Center automation",
                List.of(resourceAccess(PARTNER_CENTER_APP, "1cebfa2a-fb4d-419e-b5f9-839b4383e05a", "Scope")),
                List.of(secret));
    }

    private static TenantFixture withSignIn(Function<TenantFixture, SignIn> s) {
        TenantFixture f = TenantFixture.partner();
        return f.addSignIns(s.apply(f));
    }

    private static void assertSingleFactor(ControlResult r, String signInId) {
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("signIn", signInId, "single-factor"));
    }

    @Test
    void partnerBasePasses() {
        ControlResult r = run(TenantFixture.partner());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    // ---- clause 1: no single-factor sign-in to Partner Center or an app with a PC permission ------------------

    @Test
    void singleFactorSignInToPartnerCenterFails() {
        assertSingleFactor(run(withSignIn(f -> f.signIn("si-pc-sfa", AGENT1).app(PARTNER_CENTER_APP, "Partner Center")
                .singleFactor().build())), "si-pc-sfa");
    }

    @Test
    void singleFactorSignInWithPartnerCenterAsResourceFails() {
        assertSingleFactor(run(withSignIn(f -> f.signIn("si-pc-res", AGENT2).app("1950a258-227b-4e31-a9cf-717495945fc2",
                "Azure PowerShell").resource(PARTNER_CENTER_APP).singleFactor().build())), "si-pc-res");
    }

    @Test
    void singleFactorSignInToAnAppHoldingAPartnerCenterPermissionFails() {
        assertSingleFactor(run(withSignIn(f -> f.signIn("si-app-sfa", AGENT1).app("app-pc-appid",
                "Partner Center automation").singleFactor().build())), "si-app-sfa");
    }

    @Test
    void singleFactorSignInToAnotherAppPasses() {
        assertThat(run(withSignIn(f -> f.signIn("si-o365", AGENT1).app(OFFICE_365, "Office 365").singleFactor()
                .build())).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failedSingleFactorSignInToPartnerCenterFails() {
        // decisions.md: every sign-in counts for MON.1, not only successful ones
        assertSingleFactor(run(withSignIn(f -> f.signIn("si-pc-failed", AGENT1).app(PARTNER_CENTER_APP,
                "Partner Center").singleFactor().failed(50126).build())), "si-pc-failed");
    }

    @Test
    void authenticationRequirementIsComparedCaseInsensitively() {
        assertSingleFactor(run(withSignIn(f -> f.signIn("si-pc-case", AGENT1).app(PARTNER_CENTER_APP, "Partner Center")
                .authenticationRequirement("SingleFactorAuthentication").build())), "si-pc-case");
    }

    @Test
    void multiFactorSignInToPartnerCenterPasses() {
        assertThat(run(withSignIn(f -> f.signIn("si-pc-mfa", AGENT2).app(PARTNER_CENTER_APP, "Partner Center")
                .build())).status()).isEqualTo(Status.PASS);
    }

    // ---- clause 2: no secret living longer than 180 days on an app with a PC permission ------------------------

    @Test
    void secretOf181DaysFails() {
        ControlResult r = run(TenantFixture.partner().withApplications(partnerCenterApp(Duration.ofDays(181))));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("application", pid("app-pc"), "long-lived-secret:key-pc-2"));
        assertThat(r.findings().get(0).detail()).contains("181 days");
    }

    @Test
    void secretOfExactly180DaysPasses() {
        ControlResult r = run(TenantFixture.partner().withApplications(partnerCenterApp(Duration.ofDays(180))));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void secretOneSecondOver180DaysFails() {
        ControlResult r = run(TenantFixture.partner()
                .withApplications(partnerCenterApp(Duration.ofDays(180).plusSeconds(1))));
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void longSecretOnAnAppWithoutPartnerCenterPermissionPasses() {
        Application graphApp = new Application(pid("app-graph"), "app-graph-appid", "Graph reader",
                List.of(resourceAccess(MICROSOFT_GRAPH, "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "Scope")),
                List.of(new Application.PasswordCredential("key-g", "two years", START, START.plus(Duration.ofDays(730)))));
        assertThat(run(TenantFixture.partner().addApplications(graphApp)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aSecretWithoutStartOrEndIsNotAssessed() {
        // its lifetime is unknown: it may be over 180 days
        for (Application.PasswordCredential secret : List.of(
                new Application.PasswordCredential("key-pc-2", "automation secret", START, null),
                new Application.PasswordCredential("key-pc-2", "automation secret", null, START.plus(Duration.ofDays(30))),
                new Application.PasswordCredential("key-pc-2", "automation secret", null, null))) {
            ControlResult r = run(TenantFixture.partner().withApplications(partnerCenterApp(secret)));
            assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
            assertThat(r.reason()).contains("applications.json", "Partner Center automation", "startDateTime");
            assertThat(r.findings()).isEmpty();
        }
    }

    @Test
    void aSecretWithoutAnEndStillFailsOnALongLivedSecret() {
        Application app = new Application(pid("app-pc"), "app-pc-appid", "Partner Center automation",
                List.of(resourceAccess(PARTNER_CENTER_APP, "1cebfa2a-fb4d-419e-b5f9-839b4383e05a", "Scope")),
                List.of(new Application.PasswordCredential("key-pc-2", "automation secret", START, null),
                        new Application.PasswordCredential("key-pc-3", "old secret", START,
                                START.plus(Duration.ofDays(365)))));
        ControlResult r = run(TenantFixture.partner().withApplications(app));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("application", pid("app-pc"), "long-lived-secret:key-pc-3"));
    }

    @Test
    void aSecretWithoutAnEndOnAnAppWithoutPartnerCenterPermissionPasses() {
        Application graphApp = new Application(pid("app-graph"), "app-graph-appid", "Graph reader",
                List.of(resourceAccess(MICROSOFT_GRAPH, "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "Scope")),
                List.of(new Application.PasswordCredential("key-g", "no end", START, null)));
        assertThat(run(TenantFixture.partner().addApplications(graphApp)).status()).isEqualTo(Status.PASS);
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingSignInsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("signIns.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("signIns.json");
    }

    @Test
    void missingSignInsStillFailsOnALongLivedSecret() {
        ControlResult r = run(TenantFixture.partner().without("signIns.json")
                .withApplications(partnerCenterApp(Duration.ofDays(365))));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(Results.objectIds(r)).containsExactly(pid("app-pc"));
    }

    @Test
    void missingApplicationsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("applications.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("applications.json");
    }

    @Test
    void missingApplicationsStillFailsOnASingleFactorSignInToPartnerCenterItself() {
        ControlResult r = run(withSignIn(f -> f.signIn("si-pc-sfa", AGENT1).app(PARTNER_CENTER_APP, "Partner Center")
                .singleFactor().build()).without("applications.json"));
        assertSingleFactor(r, "si-pc-sfa");
    }
}
