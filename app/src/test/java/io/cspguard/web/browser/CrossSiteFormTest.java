package io.cspguard.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.web.Role;
import io.cspguard.web.e2e.E2eServer;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;

/**
 * Cross-site request forgery in a real browser: an operator signed in to the dashboard visits another site
 * (127.0.0.1 on another port: another site than localhost) whose page auto-submits a form to POST /runs, with and
 * without a guessed token. The session cookie is SameSite=Strict, so it is not sent; and without the session's CSRF
 * token the request would be refused anyway. No run starts; the same browser then starts one from the dashboard's
 * own button, so the session was live all along.
 */
class CrossSiteFormTest {
    @Test
    void aFormOnAnotherSiteCannotStartARun(@TempDir Path dir) {
        try (E2eServer server = new E2eServer(dir.resolve("server"))) {
            String secret = server.totpUser("olga", Role.OPERATOR);
            String target = server.url("/runs");
            // the attacker's page: no CSP of ours, inline script allowed there
            Javalin evil = Javalin.create(c -> c.showJavalinBanner = false)
                    .get("/", ctx -> ctx.html("<!DOCTYPE html><title>win a prize</title>"
                            + "<form id=f method=post action=\"" + target + "\">"
                            + "<input type=hidden name=_csrf value=guessed></form>"
                            + "<script>document.getElementById('f').submit()</script>"))
                    .start("127.0.0.1", 0);
            ChromeDriver browser = Browser.open(dir);
            try {
                browser.get(server.url("/runs"));
                Ui.signInWithTotp(browser, "olga", E2eServer.PASSWORD, server.code(secret));
                assertThat(browser.getCurrentUrl()).isEqualTo(server.url("/runs"));

                browser.get("http://127.0.0.1:" + evil.port() + "/");
                Ui.waitUpTo(browser, 10).until(ExpectedConditions.urlToBe(target));
                String refused = browser.findElement(By.tagName("h1")).getText();
                assertThat(refused).as("the forged POST's answer").isIn("Sign in first", "Not allowed");
                assertThat(server.launches).as("runs started by the forged form").hasValue(0);
                assertThat(server.auditEntries()).noneMatch(e -> e.action().equals("run.started"));

                // still signed in: the dashboard's own form (same site, the session's token) starts a run
                browser.get(server.url("/runs"));
                assertThat(Ui.whoIsSignedIn(browser)).isEqualTo("olga (operator)");
                browser.findElement(By.cssSelector("form[action='/runs'] button[type=submit]")).click();
                Ui.waitUpTo(browser, 10).until(ExpectedConditions.urlContains("/runs?started="));
                assertThat(server.launches).hasValue(1);
            } finally {
                browser.quit();
                evil.stop();
            }
        }
    }
}
