package io.cspguard.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.store.TestDatabases;
import io.cspguard.web.Role;
import io.cspguard.web.auth.Browser;
import io.cspguard.web.auth.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** /admin/users and /admin/settings: admins only, every change audited, the last admin kept. */
class AdminRoutesTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private static Browser signedIn(TestServer server, String name, Role role) {
        String secret = server.totpUser(name, role, PASSWORD);
        Browser b = new Browser(server.base());
        b.signIn(name, PASSWORD, server.code(secret));
        return b;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void onlyAdminsReachTheAdminPages(TestDatabases.Kind kind) {
        try (TestServer server = AdminTestServer.start(kind, dir)) {
            Browser approver = signedIn(server, "appy", Role.APPROVER);
            String dummy = approver.get("/t/viewer").body(); // the test page shows the session's CSRF token
            String csrf = dummy.substring(dummy.indexOf("csrf=") + 5);
            for (String path : new String[] {"/admin/users", "/admin/settings"}) {
                assertThat(approver.get(path).statusCode()).isEqualTo(403);
                assertThat(new Browser(server.base()).get(path).statusCode()).isEqualTo(302);
            }
            assertThat(approver.post("/admin/users", Map.of("_csrf", csrf, "name", "x", "role", "admin"))
                    .statusCode()).isEqualTo(403);
            assertThat(server.users().find("x")).isEmpty();
            assertThat(server.audit.last("access.denied").target()).isEqualTo("POST /admin/users");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anAdminAddsUsersChangesRolesAndDisablesButNeverTheLastAdmin(TestDatabases.Kind kind) {
        try (TestServer server = AdminTestServer.start(kind, dir)) {
            Browser admin = signedIn(server, "root", Role.ADMIN);
            HttpResponse<String> list = admin.get("/admin/users");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("<td>root</td>", "<td>admin</td>", "<td>totp</td>");
            String csrf = Browser.csrf(list);

            HttpResponse<String> added = admin.post("/admin/users", Map.of("_csrf", csrf, "name", "<b>pat</b>",
                    "role", "operator", "kind", "local"));
            assertThat(added.statusCode()).isEqualTo(200);
            String link = match(added.body(), "data-enrolment-link>([^<]+)<");
            assertThat(link).startsWith(server.base() + "/enrol/");
            assertThat(added.body()).contains("&lt;b&gt;pat&lt;/b&gt;").doesNotContain("<b>pat</b>");
            assertThat(server.audit.last("user.added").actor()).isEqualTo("root");
            assertThat(server.audit.last("user.added").target()).isEqualTo("<b>pat</b>");
            assertThat(new Browser(server.base()).get(link).statusCode()).isEqualTo(200);

            assertThat(admin.post("/admin/users", Map.of("_csrf", csrf, "name", "ann@contoso.example",
                    "role", "viewer", "kind", "oidc")).statusCode()).isEqualTo(303);
            assertThat(server.users().find("ANN@contoso.example").orElseThrow().factor()).isEqualTo("oidc");
            HttpResponse<String> duplicate = admin.post("/admin/users", Map.of("_csrf", csrf, "name", "ROOT",
                    "role", "viewer", "kind", "local"));
            assertThat(duplicate.statusCode()).isEqualTo(400);
            assertThat(duplicate.body()).contains("exists already");

            assertThat(admin.post("/admin/users/role", Map.of("_csrf", csrf, "name", "<b>pat</b>", "role", "approver"))
                    .statusCode()).isEqualTo(303);
            assertThat(server.users().find("<b>pat</b>").orElseThrow().role()).isEqualTo(Role.APPROVER);
            assertThat(server.audit.last("user.role_changed").detail()).isEqualTo("operator -> approver");

            HttpResponse<String> demoteSelf = admin.post("/admin/users/role", Map.of("_csrf", csrf, "name", "root",
                    "role", "viewer"));
            assertThat(demoteSelf.statusCode()).isEqualTo(400);
            assertThat(demoteSelf.body()).contains("last enabled admin");
            HttpResponse<String> disableSelf = admin.post("/admin/users/disable", Map.of("_csrf", csrf,
                    "name", "root"));
            assertThat(disableSelf.statusCode()).isEqualTo(400);
            assertThat(server.users().find("root").orElseThrow().role()).isEqualTo(Role.ADMIN);

            Browser ann = signedIn(server, "ann2", Role.VIEWER);
            assertThat(admin.post("/admin/users/disable", Map.of("_csrf", csrf, "name", "ann2")).statusCode())
                    .isEqualTo(303);
            assertThat(server.audit.last("user.disabled").target()).isEqualTo("ann2");
            assertThat(ann.get("/t/viewer").statusCode()).as("sessions ended").isEqualTo(302);
            assertThat(admin.get("/admin/users").body()).contains("disabled");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void settingsAreValidatedSavedAndAudited(TestDatabases.Kind kind) {
        try (TestServer server = AdminTestServer.start(kind, dir)) {
            Browser admin = signedIn(server, "root", Role.ADMIN);
            HttpResponse<String> page = admin.get("/admin/settings");
            assertThat(page.body()).contains("value=\"365\"", "value=\"PT24H\"");
            String csrf = Browser.csrf(page);

            HttpResponse<String> bad = admin.post("/admin/settings", Map.of("_csrf", csrf, "retentionDays", "30",
                    "scheduleInterval", "PT30M"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("at least PT1H");
            SettingsStore store = new SettingsStore(server.db, server.audit, server.clock);
            assertThat(store.get(SettingsStore.RETENTION_DAYS)).as("nothing saved from a bad form").isEmpty();

            assertThat(admin.post("/admin/settings", Map.of("_csrf", csrf, "retentionDays", "400",
                    "scheduleInterval", "PT6H")).statusCode()).isEqualTo(303);
            assertThat(store.retentionDays()).isEqualTo(400);
            assertThat(store.scheduleInterval()).isEqualTo(java.time.Duration.ofHours(6));
            assertThat(server.audit.withAction("settings.changed")).hasSize(2);
            assertThat(server.audit.last("settings.changed").detail()).isEqualTo("default -> PT6H");
            assertThat(server.audit.last("settings.changed").actor()).isEqualTo("root");
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
