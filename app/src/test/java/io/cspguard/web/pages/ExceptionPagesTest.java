package io.cspguard.web.pages;

import io.cspguard.audit.AuditEvent;
import static io.cspguard.web.pages.ThreeTenants.A;
import static io.cspguard.web.pages.ThreeTenants.F1;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exceptions workflow through the pages: request, approve by another user, refusals, expiry, revoke. */
class ExceptionPagesTest {
    static final String OPERATOR = "olga:operator";
    static final String ALICE = "alice:approver";
    static final String BOB = "bob:approver";

    static Map<String, String> request(String reason, String expires) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tenant", A);
        form.put("control", "CSP.MFA.2");
        form.put("objects", "u-0001\r\n\r\ncasey@fabrikam.example");
        form.put("reason", reason);
        form.put("expires", expires);
        return form;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void requestThenApproveBySomeoneElseMakesItLive(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants.fill(d.fixture);
            HttpResponse<String> requested = d.post(ALICE, "/exceptions", request("Vendor fix in June", "2026-06-30"));
            assertThat(requested.statusCode()).isEqualTo(303);
            String location = requested.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/exceptions?done=requested&id=");
            long id = Long.parseLong(location.substring(location.lastIndexOf('=') + 1));
            String list = d.get(ALICE, location).body();
            assertThat(list).contains("Exception #" + id + " requested.", "takes effect in the next run",
                    "<span class=\"tag xstatus-requested\">requested</span>", "<li>u-0001</li>", "<li>casey@fabrikam.example</li>",
                    "your request: someone else approves it");
            assertThat(list).doesNotContain("action=\"/exceptions/" + id + "/approve\"");
            assertThat(d.get(BOB, "/exceptions").body()).contains("action=\"/exceptions/" + id + "/approve\"");

            // The requester cannot approve it, even by posting directly.
            HttpResponse<String> own = d.post(ALICE, "/exceptions/" + id + "/approve", Map.of());
            assertThat(own.statusCode()).isEqualTo(409);
            assertThat(own.body()).contains("you requested exception " + id + " yourself: someone else must approve it");

            HttpResponse<String> approved = d.post(BOB, "/exceptions/" + id + "/approve", Map.of());
            assertThat(approved.statusCode()).isEqualTo(303);
            assertThat(d.get(BOB, approved.headers().firstValue("Location").orElseThrow()).body())
                    .contains("Exception #" + id + " approved. It takes effect in the next run.",
                            "<span class=\"tag xstatus-live\">live</span>", "approved by bob");
            assertThat(d.exceptions.liveUiExceptions(java.time.LocalDate.parse("2026-05-10"))).hasSize(1);
            // The finding page names the live exception and offers no new request.
            String finding = d.get(OPERATOR, "/findings/" + F1).body();
            assertThat(finding).contains("Accepted by exception <a href=\"/exceptions\">#" + id + "</a> (ui)")
                    .doesNotContain("action=\"/exceptions\"");
            assertThat(d.get(BOB, "/exceptions?status=live").body()).contains(">" + id + "</td>");
            assertThat(d.get(BOB, "/exceptions?status=requested").body()).contains("No exception.");

            HttpResponse<String> revoked = d.post(ALICE, "/exceptions/" + id + "/revoke", Map.of());
            assertThat(revoked.statusCode()).isEqualTo(303);
            assertThat(d.get(ALICE, "/exceptions").body()).contains("<span class=\"tag xstatus-revoked\">revoked</span>");
            assertThat(d.audit.events()).extracting(e -> e.action() + "/" + e.actor() + "/" + e.result()).containsSubsequence(
                    "exception.requested/alice/success", "exception.approved/alice/denied",
                    "exception.approved/bob/success", "exception.revoked/alice/success");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anExpiredExceptionIsShownAsExpired(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants.fill(d.fixture);
            long id = d.exceptions.request(A, "CSP.MFA.2", java.util.List.of(), "short", java.time.LocalDate.parse("2026-05-12"),
                    "olga", "ip");
            d.exceptions.approve(id, "bob", "ip");
            d.clock.advance(Duration.ofDays(3));
            assertThat(d.get(BOB, "/exceptions").body()).contains("<span class=\"tag xstatus-expired\">expired</span>")
                    .doesNotContain("action=\"/exceptions/" + id + "/revoke\"");
            assertThat(d.get(BOB, "/exceptions?status=expired").body()).contains(">" + id + "</td>");
            // the list names accepted users of every tenant: each view is audited
            assertThat(d.audit.withAction("exceptions.viewed")).extracting(AuditEvent::actor).containsExactly("bob", "bob");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anInvalidRequestReRendersTheFormWithItsProblemsAndValues(TestDatabases.Kind kind, @TempDir Path dir) {
        try (Dashboard d = new Dashboard(kind, dir)) {
            ThreeTenants.fill(d.fixture);
            Map<String, String> form = request(" ", "2027-12-31");
            form.put("control", "CSP.NOPE.1");
            form.put("objects", ThreeTenants.SCRIPT);
            HttpResponse<String> r = d.post(OPERATOR, "/exceptions", form);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("The request was not stored:", "control 'CSP.NOPE.1' is not in the catalog",
                    "the reason is empty", "is more than a year ahead", ">&lt;script&gt;alert(1)&lt;/script&gt;</textarea>",
                    "name=\"tenant\" value=\"" + A + "\"", "value=\"2027-12-31\"");
            Map<String, String> badDate = request("why", "31/12/2026");
            HttpResponse<String> r2 = d.post(OPERATOR, "/exceptions", badDate);
            assertThat(r2.statusCode()).isEqualTo(400);
            assertThat(r2.body()).contains("the expiry date '31/12/2026' is not a date (YYYY-MM-DD)");
            Map<String, String> past = request("why", "2026-05-01");
            assertThat(d.post(OPERATOR, "/exceptions", past).body()).contains("is not in the future");
            assertThat(d.exceptions.list(io.cspguard.exceptions.ExceptionFilter.all())).isEmpty();

            assertThat(d.post(BOB, "/exceptions/abc/approve", Map.of()).statusCode()).isEqualTo(400);
            assertThat(d.post(BOB, "/exceptions/4242/approve", Map.of()).statusCode()).isEqualTo(404);
            assertThat(d.get(BOB, "/exceptions?status=bogus").statusCode()).isEqualTo(400);
            assertThat(d.get(BOB, "/exceptions?done=approved&id=x").statusCode()).isEqualTo(400);
        }
    }
}
