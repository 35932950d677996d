package io.cspguard.controls.iso;

import static io.cspguard.fixture.TenantFixture.AGENT1;
import static io.cspguard.fixture.TenantFixture.BOB;
import static io.cspguard.fixture.TenantFixture.addUserAudit;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.controls.Scope;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.snapshot.TenantSnapshot;
import io.cspguard.snapshot.graph.DirectoryAudit;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** CSP.ISO.3 — no accounts made in customer tenants for partner use (customer tenant, partner snapshot as context). */
class Iso3NoPartnerAccountsInCustomersTest {
    private static final Control CONTROL = new Iso3NoPartnerAccountsInCustomers();
    private static final Config CONFIG = TenantFixture.defaultConfig();
    private static final String WHEN = "2026-11-10T10:00:00Z";

    private static ControlResult run(TenantFixture customer) {
        return Results.run(CONTROL, customer.build());
    }

    private static ControlResult run(TenantFixture customer, Config config) {
        return Results.run(CONTROL, customer.build(), config);
    }

    /** The customer with this partner snapshot (null: the partner's snapshot is not part of the input). */
    private static ControlResult run(TenantFixture customer, TenantSnapshot partner, Config config) {
        return Results.run(CONTROL, TenantFixture.view(customer.build(), partner, config), config);
    }

    private static TenantFixture withUser(String key, Consumer<TenantFixture.UserSpec> change) {
        TenantFixture f = TenantFixture.customer();
        TenantFixture.UserSpec u = f.newUser(key);
        change.accept(u);
        return f.withUsers(u);
    }

    private static void assertOne(ControlResult r, String userId, String rule) {
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", userId, rule));
    }

    @Test
    void customerBasePasses_customerOwnAddUserIsFine() {
        ControlResult r = run(TenantFixture.customer());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
        assertThat(CONTROL.info().scope()).isEqualTo(Scope.CUSTOMER);
        assertThat(CONTROL.info().level()).isEqualTo(Level.SHOULD);
    }

    // ---- clause 1: UPN or mail in the partner's verified domains ---------------------------------------------

    @Test
    void upnInPartnerDomainWarns() {
        ControlResult r = run(withUser("tech", u -> u.upn("tech@partner.example")));
        assertOne(r, cid("tech"), "partner-domain");
        assertThat(r.findings().get(0).detail()).contains("partner.example");
    }

    @Test
    void partnerDomainIsComparedCaseInsensitively() {
        assertOne(run(withUser("tech", u -> u.upn("Tech@PARTNER.Example"))), cid("tech"), "partner-domain");
    }

    @Test
    void upnInPartnerInitialDomainWarns() {
        assertOne(run(withUser("tech", u -> u.upn("tech@partner.onmicrosoft.com"))), cid("tech"), "partner-domain");
    }

    @Test
    void mailInPartnerDomainWarns() {
        assertOne(run(withUser("tech", u -> u.mail("tech@partner.example"))), cid("tech"), "partner-domain");
    }

    @Test
    void guestUpnWithPartnerDomainBeforeExtWarns() {
        assertOne(run(withUser("ann", u -> u.upn("ann_partner.example#EXT#@customer.onmicrosoft.com").guest())),
                cid("ann"), "partner-domain");
    }

    @Test
    void guestFromAnotherDomainPasses() {
        assertThat(run(withUser("ann", u -> u.upn("ann_vendor.example#EXT#@customer.onmicrosoft.com").guest()))
                .status()).isEqualTo(Status.PASS);
    }

    @Test
    void domainIsWhatFollowsTheLastAt() {
        assertThat(run(withUser("tech", u -> u.upn("tech@partner.example.evil"))).status()).isEqualTo(Status.PASS);
        assertThat(run(withUser("tech", u -> u.upn("partner.example@customer.example"))).status())
                .isEqualTo(Status.PASS);
    }

    // ---- clause 2: accountPatterns ------------------------------------------------------------------------

    @Test
    void upnMatchingAccountPatternWarns() {
        Config config = TenantFixture.config().accountPatterns("^csp-").build();
        assertOne(run(withUser("csp-support", u -> { }), config), cid("csp-support"), "account-pattern");
    }

    @Test
    void mailMatchingAccountPatternWarns() {
        Config config = TenantFixture.config().accountPatterns("partner-admin").build();
        assertOne(run(withUser("helper", u -> u.mail("partner-admin@customer.example")), config), cid("helper"),
                "account-pattern");
    }

    @Test
    void noPatternMatchPasses() {
        Config config = TenantFixture.config().accountPatterns("^csp-", "^partner-").build();
        assertThat(run(TenantFixture.customer(), config).status()).isEqualTo(Status.PASS);
    }

    // ---- clause 3: created by the partner -------------------------------------------------------------------

    @Test
    void createdByPartnerDomainUpnWarns() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                addUserAudit("audit-p1", "some-foreign-id", "tech@partner.example", cid(BOB), "bob@customer.example",
                        WHEN)));
        assertOne(r, cid(BOB), "created-by-partner");
        assertThat(r.findings().get(0).detail()).contains("tech@partner.example");
    }

    @Test
    void createdByPartnerUserIdWarns() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                addUserAudit("audit-p2", pid(AGENT1), "someone@elsewhere.example", cid(BOB), "bob@customer.example",
                        WHEN)));
        assertOne(r, cid(BOB), "created-by-partner");
    }

    @Test
    void createdAccountThatNoLongerExistsIsNotAFinding() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                addUserAudit("audit-p3", pid(AGENT1), "adm-agent1@partner.example", "c-gone", "gone@customer.example",
                        WHEN)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void otherActivitiesByThePartnerAreNotCreations() {
        DirectoryAudit update = new DirectoryAudit("audit-upd", "UserManagement", "Update user", Instant.parse(WHEN),
                "Core Directory", "success", new DirectoryAudit.InitiatedBy(new DirectoryAudit.AuditUser(pid(AGENT1),
                "Agent", "adm-agent1@partner.example", null), null),
                List.of(new DirectoryAudit.TargetResource(cid(BOB), "Bob", "User", "bob@customer.example")));
        assertThat(run(TenantFixture.customer().addDirectoryAudits(update)).status()).isEqualTo(Status.PASS);
    }

    // ---- without the partner snapshot ----------------------------------------------------------------------

    @Test
    void noPartnerSnapshotIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer(), null, CONFIG);
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("partner's snapshot");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void noPartnerSnapshotStillWarnsOnAnAccountPattern() {
        Config config = TenantFixture.config().accountPatterns("^csp-").build();
        ControlResult r = run(withUser("csp-support", u -> { }), null, config);
        assertOne(r, cid("csp-support"), "account-pattern");
    }

    @Test
    void partnerOrganizationMissingIsNotAssessed() {
        ControlResult r = run(withUser("tech", u -> u.upn("tech@partner.example")),
                TenantFixture.partner().without("organization.json").build(), CONFIG);
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("organization.json");
    }

    @Test
    void partnerOrganizationMissingStillWarnsOnCreationByPartnerUserId() {
        ControlResult r = run(TenantFixture.customer().addDirectoryAudits(
                        addUserAudit("audit-p2", pid(AGENT1), "someone@elsewhere.example", cid(BOB),
                                "bob@customer.example", WHEN)),
                TenantFixture.partner().without("organization.json").build(), CONFIG);
        assertOne(r, cid(BOB), "created-by-partner");
    }

    @Test
    void partnerUsersMissingStillWarnsOnPartnerDomain() {
        ControlResult r = run(withUser("tech", u -> u.upn("tech@partner.example")),
                TenantFixture.partner().without("users.json").build(), CONFIG);
        assertOne(r, cid("tech"), "partner-domain");
    }

    // ---- missing customer data ----------------------------------------------------------------------------

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }

    @Test
    void missingAuditsIsNotAssessed() {
        ControlResult r = run(TenantFixture.customer().without("directoryAudits.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("directoryAudits.json");
    }

    @Test
    void missingAuditsStillWarnsOnPartnerDomain() {
        assertOne(run(withUser("tech", u -> u.upn("tech@partner.example")).without("directoryAudits.json")),
                cid("tech"), "partner-domain");
    }
}
