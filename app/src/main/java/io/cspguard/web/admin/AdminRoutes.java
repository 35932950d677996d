package io.cspguard.web.admin;

import io.cspguard.audit.Audit;
import io.cspguard.web.Principal;
import io.cspguard.web.Role;
import io.cspguard.web.SecuredRoutes;
import io.cspguard.web.Views;
import io.cspguard.web.Web;
import io.cspguard.web.auth.Enrolment;
import io.cspguard.web.auth.Security;
import io.cspguard.web.auth.UserAccounts;
import io.cspguard.web.auth.UserSummary;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin pages (role admin):
 *
 * <pre>
 * GET  /admin/users            accounts: name, role, factor, last sign-in, locked; add, change role, disable
 * POST /admin/users            add (name, role, kind local|oidc); a local account's enrolment link is shown once
 * POST /admin/users/role       change a role (name, role)
 * POST /admin/users/disable    disable an account (name); its sessions end
 * GET  /admin/settings         audit retention and schedule interval
 * POST /admin/settings         change them (retentionDays, scheduleInterval)
 * </pre>
 * No admin can demote or disable the last enabled admin.
 */
public final class AdminRoutes {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> NOTICES = Map.of(
            "role", "Role changed.",
            "disabled", "Account disabled; its sessions have ended.",
            "oidc", "Account added: the user can now sign in with Microsoft.",
            "settings", "Settings saved.");

    private final Security security;
    private final SettingsStore settings;
    private final Clock clock;

    private AdminRoutes(Security security, SettingsStore settings, Clock clock) {
        this.security = security;
        this.settings = settings;
        this.clock = clock;
    }

    public static void register(SecuredRoutes routes, Security security, SettingsStore settings, Audit audit,
                                Clock clock) {
        AdminRoutes r = new AdminRoutes(security, settings, clock);
        routes.get("/admin/users", Role.ADMIN, ctx -> r.usersPage(ctx, 200, null));
        routes.post("/admin/users", Role.ADMIN, r::addUser);
        routes.post("/admin/users/role", Role.ADMIN, r::changeRole);
        routes.post("/admin/users/disable", Role.ADMIN, r::disable);
        routes.get("/admin/settings", Role.ADMIN, ctx -> r.settingsPage(ctx, 200, null));
        routes.post("/admin/settings", Role.ADMIN, r::saveSettings);
    }

    private UserAccounts users() {
        return security.users();
    }

    private void usersPage(Context ctx, int status, String error) {
        Instant now = clock.instant();
        List<UserRow> rows = users().list().stream().map(u -> row(u, now)).toList();
        Map<String, Object> p = new HashMap<>();
        p.put("frame", Web.frame(ctx, "Users", "admin"));
        p.put("users", rows);
        p.put("roles", Arrays.stream(Role.values()).map(Role::label).toList());
        p.put("error", error);
        p.put("notice", notice(ctx));
        ctx.status(status);
        Views.html(ctx, "admin/users.jte", p);
    }

    /** The fixed notice named by {@code ?done=} (a name, never text from the URL). */
    private static String notice(Context ctx) {
        String done = ctx.queryParam("done");
        return done == null ? null : NOTICES.get(done);
    }

    private static UserRow row(UserSummary u, Instant now) {
        return new UserRow(u.name(), u.role().label(), u.kind(), u.factor(),
                u.lastSignInAt() == null ? "never" : WHEN.format(u.lastSignInAt()), u.lockedAt(now), u.enabled());
    }

    private void addUser(Context ctx) {
        Principal admin = Web.principal(ctx);
        try {
            Role role = Role.parse(ctx.formParam("role"));
            String name = ctx.formParam("name");
            if ("oidc".equals(ctx.formParam("kind"))) {
                users().createOidc(name, role, admin.name(), Web.clientIp(ctx));
                ctx.redirect("/admin/users?done=oidc", HttpStatus.SEE_OTHER);
                return;
            }
            Enrolment e = users().create(name, role, admin.name(), Web.clientIp(ctx));
            Map<String, Object> p = new HashMap<>();
            p.put("frame", Web.frame(ctx, "User added", "admin"));
            p.put("name", e.name());
            p.put("link", e.link(security.settings().publicUrl()).toString());
            p.put("expires", WHEN.format(e.expiresAt()));
            Views.html(ctx, "admin/user-added.jte", p);
        } catch (IllegalArgumentException e) {
            usersPage(ctx, 400, e.getMessage());
        }
    }

    private void changeRole(Context ctx) {
        Principal admin = Web.principal(ctx);
        try {
            users().changeRole(ctx.formParam("name"), Role.parse(ctx.formParam("role")), admin.name(),
                    Web.clientIp(ctx));
            ctx.redirect("/admin/users?done=role", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            usersPage(ctx, 400, e.getMessage());
        }
    }

    private void disable(Context ctx) {
        Principal admin = Web.principal(ctx);
        try {
            users().disable(ctx.formParam("name"), admin.name(), Web.clientIp(ctx));
            ctx.redirect("/admin/users?done=disabled", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            usersPage(ctx, 400, e.getMessage());
        }
    }

    private void settingsPage(Context ctx, int status, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("frame", Web.frame(ctx, "Settings", "admin"));
        p.put("retentionDays", settings.get(SettingsStore.RETENTION_DAYS)
                .orElse(Integer.toString(SettingsStore.DEFAULT_RETENTION_DAYS)));
        p.put("scheduleInterval", settings.get(SettingsStore.SCHEDULE_INTERVAL)
                .orElse(SettingsStore.DEFAULT_SCHEDULE_INTERVAL.toString()));
        p.put("error", error);
        p.put("notice", notice(ctx));
        ctx.status(status);
        Views.html(ctx, "admin/settings.jte", p);
    }

    private void saveSettings(Context ctx) {
        Principal admin = Web.principal(ctx);
        Map<String, String> wanted = new java.util.LinkedHashMap<>();
        wanted.put(SettingsStore.RETENTION_DAYS, ctx.formParam("retentionDays"));
        wanted.put(SettingsStore.SCHEDULE_INTERVAL, ctx.formParam("scheduleInterval"));
        try {
            // validate both before saving either, so that a form with one bad value changes nothing
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (e.getValue() == null) {
                    throw new IllegalArgumentException(e.getKey() + " is missing from the form");
                }
                SettingsStore.validate(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                String current = settings.get(e.getKey()).orElse(null);
                if (!SettingsStore.validate(e.getKey(), e.getValue()).equals(current)) {
                    settings.set(e.getKey(), e.getValue(), admin.name(), Web.clientIp(ctx));
                }
            }
            ctx.redirect("/admin/settings?done=settings", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            settingsPage(ctx, 400, e.getMessage());
        }
    }
}
