package io.cspguard.controls.mon;

import static io.cspguard.fixture.TenantFixture.ALICE;
import static io.cspguard.fixture.TenantFixture.BG;
import static io.cspguard.fixture.TenantFixture.GA1;
import static io.cspguard.fixture.TenantFixture.GA2;
import static io.cspguard.fixture.TenantFixture.GLOBAL_ADMIN;
import static io.cspguard.fixture.TenantFixture.PARTNER_ID;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.emailMethod;
import static io.cspguard.fixture.TenantFixture.fido2Method;
import static io.cspguard.fixture.TenantFixture.phoneMethod;
import static io.cspguard.fixture.TenantFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.controls.OwnRecords;
import io.cspguard.controls.TenantView;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.DirectoryAudit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSP.MON.3 — Global Administrators' recovery email and phone are trustworthy. */
class Mon3RecoveryInfoTrustworthyTest {
    private static final Control CONTROL = new Mon3RecoveryInfoTrustworthy();
    private static final Config CONFIG = TenantFixture.defaultConfig();
    /** collectedAt (2026-11-20T09:00Z) minus recoveryInfoChangeDays (30). */
    private static final String WINDOW_START = "2026-10-21T09:00:00Z";

    /** CSP Guard's records of reviewed security-info changes (by directory audit id). */
    private record Reviewed(Set<String> auditIds) implements OwnRecords {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Optional<Instant> lastAccessReview(String tenantId, String relationshipId) {
            return Optional.empty();
        }

        @Override
        public boolean recoveryChangeReviewed(String tenantId, String auditId) {
            return PARTNER_ID.equals(tenantId) && auditIds.contains(auditId);
        }
    }

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static ControlResult run(TenantFixture f, Config config) {
        return Results.run(CONTROL, f.build(), config);
    }

    private static ControlResult run(TenantFixture f, OwnRecords records) {
        return Results.run(CONTROL, new TenantView(f.build(), null, CONFIG, records), CONFIG);
    }

    private static void assertOne(ControlResult r, String userId, String rule) {
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("user", userId, rule));
    }

    /** A partner with a security-info change of a user at a time. */
    private static TenantFixture changed(String user, String auditId, String when) {
        TenantFixture f = TenantFixture.partner();
        return f.addDirectoryAudits(f.securityInfoChange(auditId, user, when));
    }

    private static DirectoryAudit audit(String id, String activity, String service, String when, String targetId,
                                        String targetUpn) {
        return new DirectoryAudit(id, "UserManagement", activity, Instant.parse(when), service, "success",
                new DirectoryAudit.InitiatedBy(new DirectoryAudit.AuditUser(pid(ALICE), "Alice", "alice@partner.example",
                        PARTNER_ID), null),
                List.of(new DirectoryAudit.TargetResource(targetId, "target", "User", targetUpn)));
    }

    @Test
    void basesPass_oldChangeOutsideTheWindow() {
        ControlResult r = run(TenantFixture.partner());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
        ControlResult c = run(TenantFixture.customer());
        assertThat(c.status()).as(Results.describe(c)).isEqualTo(Status.PASS);
    }

    // ---- clause 1: a recovery email or phone ------------------------------------------------------------------

    @Test
    void globalAdminWithoutRecoveryInfoFails() {
        assertOne(run(TenantFixture.partner().user(GA2, u -> u.authMethods(fido2Method()))), pid(GA2),
                "no-recovery-info");
    }

    @Test
    void emailAloneIsEnough() {
        assertThat(run(TenantFixture.partner().user(GA2, u -> u.recovery("ga2.recovery@partner.example", null)))
                .status()).isEqualTo(Status.PASS);
    }

    @Test
    void phoneAloneIsEnough() {
        assertThat(run(TenantFixture.partner().user(GA2, u -> u.recovery(null, "+1 425 555 0102"))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void disabledGlobalAdminIsIncluded() {
        assertOne(run(TenantFixture.partner().user(GA2, u -> u.enabled(false).authMethods(fido2Method()))),
                pid(GA2), "no-recovery-info");
    }

    @Test
    void breakGlassIsIncluded() {
        assertOne(run(TenantFixture.partner().user(BG, u -> u.authMethods(fido2Method()))), pid(BG),
                "no-recovery-info");
    }

    @Test
    void globalAdminThroughAGroupIsIncluded() {
        ControlResult r = run(TenantFixture.partner()
                .addGroup("grp-ga", "Global admins").groupMembers("grp-ga", ALICE)
                .addEligibility(pid("grp-ga"), GLOBAL_ADMIN)
                .user(ALICE, u -> u.authMethods(fido2Method())));
        assertOne(r, pid(ALICE), "no-recovery-info");
    }

    // ---- clause 2: no consumer mail domain ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "aol.com",
            "proton.me", "protonmail.com", "gmx.com", "mail.com", "yandex.com", "qq.com", "163.com"})
    void builtInConsumerDomainFails(String domain) {
        assertOne(run(TenantFixture.partner().user(GA2, u -> u.recovery("ga2@" + domain, "+1 425 555 0102"))),
                pid(GA2), "consumer-email");
    }

    @Test
    void consumerDomainIsComparedCaseInsensitively() {
        assertOne(run(TenantFixture.partner().user(GA2, u -> u.recovery("Ga2@GMail.COM", "+1 425 555 0102"))),
                pid(GA2), "consumer-email");
    }

    @Test
    void configuredConsumerDomainFails() {
        TenantFixture f = TenantFixture.partner().user(GA2, u -> u.recovery("ga2@example.net", "+1 425 555 0102"));
        assertThat(run(f).status()).as("not consumer by default").isEqualTo(Status.PASS);
        Config config = TenantFixture.config().consumerMailDomains("Example.NET").build();
        ControlResult r = run(f, config);
        assertOne(r, pid(GA2), "consumer-email");
    }

    // ---- clause 3: no shared email or phone ----------------------------------------------------------------

    @Test
    void sharedEmailIsComparedCaseInsensitivelyAndNamesEveryone() {
        ControlResult r = run(TenantFixture.partner()
                .user(GA1, u -> u.recovery("Shared@partner.example", "+1 425 555 0101"))
                .user(GA2, u -> u.recovery("shared@PARTNER.example", "+1 425 555 0102")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectId, Finding::rule)
                .containsExactlyInAnyOrder(tuple(pid(GA1), "shared-email"), tuple(pid(GA2), "shared-email"));
    }

    @Test
    void sharedPhoneIsComparedByDigits() {
        ControlResult r = run(TenantFixture.partner()
                .user(GA1, u -> u.recovery("ga1.recovery@partner.example", "+1 (425) 555-0199"))
                .user(GA2, u -> u.recovery("ga2.recovery@partner.example", "+14255550199"))
                .user(BG, u -> u.recovery("security-team@partner.example", "1 425 555 0199")));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectId, Finding::rule).containsExactlyInAnyOrder(
                tuple(pid(GA1), "shared-phone"), tuple(pid(GA2), "shared-phone"), tuple(pid(BG), "shared-phone"));
    }

    @Test
    void sharingWithSomeoneWhoIsNotAGlobalAdminIsNotJudged() {
        ControlResult r = run(TenantFixture.partner().user(ALICE, u -> u.recovery("ga1.recovery@partner.example",
                "+1 425 555 0101")));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    // ---- clause 4: no unreviewed security-info change in the window -----------------------------------------

    @Test
    void securityInfoChangeInTheWindowIsUnreviewedInAPlainAssess() {
        ControlResult r = run(changed(GA2, "audit-new", "2026-11-15T12:00:00Z"));
        assertOne(r, pid(GA2), "unreviewed-change:audit-new");
        assertThat(r.findings().get(0).detail()).contains("2026-11-15T12:00:00Z");
    }

    @Test
    void changeAtTheStartOfTheWindowIsWithin() {
        assertOne(run(changed(GA2, "audit-edge", WINDOW_START)), pid(GA2), "unreviewed-change:audit-edge");
    }

    @Test
    void changeJustBeforeTheWindowIsOutside() {
        assertThat(run(changed(GA2, "audit-before", "2026-10-21T08:59:59Z")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void changeAfterCollectedAtIsIgnored() {
        assertThat(run(changed(GA2, "audit-future", "2026-11-20T09:00:01Z")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void reviewedChangePasses() {
        ControlResult r = run(changed(GA2, "audit-new", "2026-11-15T12:00:00Z"), new Reviewed(Set.of("audit-new")));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void reviewOfAnotherChangeDoesNotCount() {
        ControlResult r = run(changed(GA2, "audit-new", "2026-11-15T12:00:00Z"), new Reviewed(Set.of("audit-other")));
        assertOne(r, pid(GA2), "unreviewed-change:audit-new");
    }

    @Test
    void activityNamingSecurityInfoCountsWhateverTheService() {
        ControlResult r = run(TenantFixture.partner().addDirectoryAudits(audit("audit-admin", "Admin deleted security info",
                "Core Directory", "2026-11-12T00:00:00Z", pid(GA1), "adm-ga1@partner.example")));
        assertOne(r, pid(GA1), "unreviewed-change:audit-admin");
    }

    @Test
    void authenticationMethodsServiceCountsWhateverTheActivity() {
        ControlResult r = run(TenantFixture.partner().addDirectoryAudits(audit("audit-phone", "Update user phone",
                "Authentication Methods", "2026-11-12T00:00:00Z", pid(GA1), "adm-ga1@partner.example")));
        assertOne(r, pid(GA1), "unreviewed-change:audit-phone");
    }

    @Test
    void otherDirectoryChangesDoNotCount() {
        ControlResult r = run(TenantFixture.partner().addDirectoryAudits(audit("audit-upd", "Update user",
                "Core Directory", "2026-11-12T00:00:00Z", pid(GA1), "adm-ga1@partner.example")));
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void targetMatchedByUpn() {
        ControlResult r = run(TenantFixture.partner().addDirectoryAudits(audit("audit-upn", "User registered security info",
                "Authentication Methods", "2026-11-12T00:00:00Z", null, "ADM-GA2@partner.example")));
        assertOne(r, pid(GA2), "unreviewed-change:audit-upn");
    }

    @Test
    void changeOfSomeoneWhoIsNotAGlobalAdminDoesNotCount() {
        assertThat(run(changed(ALICE, "audit-alice", "2026-11-15T12:00:00Z")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void customerChangeIsJudgedToo() {
        TenantFixture f = TenantFixture.customer();
        f.addDirectoryAudits(f.securityInfoChange("audit-c", GA2, "2026-11-15T12:00:00Z"));
        assertOne(run(f), cid(GA2), "unreviewed-change:audit-c");
    }

    // ---- missing data -------------------------------------------------------------------------------------

    @Test
    void missingMethodsFileIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().user(GA2, u -> u.noAuthMethodsFile()));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("authenticationMethods/" + pid(GA2) + ".json");
    }

    @Test
    void missingMethodsFileStillFailsOnAnotherAdmin() {
        ControlResult r = run(TenantFixture.partner().user(GA2, u -> u.noAuthMethodsFile())
                .user(GA1, u -> u.recovery("ga1@gmail.com", "+1 425 555 0101")));
        assertOne(r, pid(GA1), "consumer-email");
    }

    @Test
    void missingAuditsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("directoryAudits.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("directoryAudits.json");
    }

    @Test
    void missingAuditsStillFailsOnMissingRecoveryInfo() {
        assertOne(run(TenantFixture.partner().without("directoryAudits.json")
                .user(GA2, u -> u.authMethods(fido2Method()))), pid(GA2), "no-recovery-info");
    }

    @Test
    void missingEligibilitiesIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("roleEligibilitySchedules.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("roleEligibilitySchedules.json");
    }

    @Test
    void missingEligibilitiesStillFailsOnAKnownGlobalAdmin() {
        // GA1 holds Global Administrator through an active assignment as well
        assertOne(run(TenantFixture.partner().without("roleEligibilitySchedules.json")
                .user(GA1, u -> u.authMethods(fido2Method(), emailMethod("ga1@outlook.com"),
                        phoneMethod("+1 425 555 0101")))), pid(GA1), "consumer-email");
    }

    @Test
    void missingUsersIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("users.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("users.json");
    }
}
