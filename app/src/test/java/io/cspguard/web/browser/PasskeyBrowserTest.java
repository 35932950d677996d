package io.cspguard.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.audit.AuditEntry;
import io.cspguard.web.Role;
import io.cspguard.web.auth.Enrolment;
import io.cspguard.web.e2e.E2eServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.webauthn.WebAuthn;
import org.openqa.selenium.devtools.v156.webauthn.model.AuthenticatorId;
import org.openqa.selenium.devtools.v156.webauthn.model.AuthenticatorProtocol;
import org.openqa.selenium.devtools.v156.webauthn.model.AuthenticatorTransport;
import org.openqa.selenium.devtools.v156.webauthn.model.Credential;
import org.openqa.selenium.devtools.v156.webauthn.model.VirtualAuthenticatorOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A passkey account end to end in headless Chromium with Chrome's virtual authenticator (DevTools WebAuthn domain):
 * the one-time enrolment link sets a password and registers a discoverable, user-verifying passkey through
 * /static/passkey.js; then "Sign in with a passkey" alone opens a session, audited with method passkey.
 */
class PasskeyBrowserTest {
    @Test
    void enrolWithAPasskeyThenSignInWithItAlone(@TempDir Path dir) {
        try (E2eServer server = new E2eServer(dir.resolve("server"))) {
            Enrolment enrolment = server.users().create("petra", Role.VIEWER, "test");
            String link = enrolment.link(URI.create(server.base())).toString();
            ChromeDriver browser = Browser.open(dir);
            try {
                DevTools devTools = browser.getDevTools();
                devTools.createSession();
                // no WebAuthn UI: with it, Chromium waits for someone to click through its passkey dialogs
                devTools.send(WebAuthn.enable(Optional.of(false)));
                AuthenticatorId authenticator = devTools.send(WebAuthn.addVirtualAuthenticator(
                        new VirtualAuthenticatorOptions(AuthenticatorProtocol.CTAP2, Optional.empty(),
                                AuthenticatorTransport.INTERNAL,
                                Optional.of(true), // resident (discoverable) credentials
                                Optional.of(true), // user verification
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.of(true), // presence simulated: no one to touch it
                                Optional.of(true), // the user is verified (PIN or biometric)
                                Optional.empty(), Optional.empty())));
                devTools.send(WebAuthn.setUserVerified(authenticator, true));

                // enrolment: a password, then the passkey (the default choice when passkeys are available)
                browser.get(link);
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Set up your account");
                browser.findElement(By.name("password")).sendKeys(E2eServer.PASSWORD);
                browser.findElement(By.name("confirm")).sendKeys(E2eServer.PASSWORD);
                assertThat(browser.findElement(By.cssSelector("input[name=factor][value=passkey]")).isSelected()).isTrue();
                browser.findElement(By.cssSelector("form.auth-form button[type=submit]")).click();
                Ui.waitUpTo(browser, 10).until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("[data-passkey-register]"))).click();
                awaitUrl(browser, "/signin?enrolled=1");
                List<Credential> credentials = devTools.send(WebAuthn.getCredentials(authenticator));
                assertThat(credentials).hasSize(1);
                assertThat(credentials.getFirst().getIsResidentCredential()).isTrue();
                assertThat(browser.findElement(By.cssSelector(".auth-notice")).getText()).contains("Your account is ready");
                // the link is used up
                browser.get(link);
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Enrolment link not valid");

                // sign in with the passkey alone: no name, no password
                signInWithPasskey(browser, server);
                Ui.signOut(browser);
                assertThat(Ui.whoIsSignedIn(browser)).isEmpty();
                browser.get(server.url("/"));
                assertThat(browser.getCurrentUrl()).startsWith(server.url("/signin?next="));
                // and again after signing out: the same discoverable credential, a new challenge
                signInWithPasskey(browser, server);
                assertThat(devTools.send(WebAuthn.getCredentials(authenticator)).getFirst().getSignCount().intValue())
                        .as("the authenticator signed two sign-ins").isGreaterThanOrEqualTo(2);
            } finally {
                browser.quit();
            }

            List<AuditEntry> trail = server.auditEntries();
            assertThat(trail).anyMatch(e -> e.actor().equals("petra") && e.action().equals("user.enrolled")
                    && "passkey".equals(e.target()) && "success".equals(e.result()));
            assertThat(trail).filteredOn(e -> e.actor().equals("petra") && e.action().equals("signin.success"))
                    .hasSize(2).allMatch(e -> "passkey".equals(e.target()));
            assertThat(trail).noneMatch(e -> e.action().equals("signin.failure"));
            assertThat(server.audit.verify().intact()).isTrue();
        }
    }

    private static void signInWithPasskey(ChromeDriver browser, E2eServer server) {
        browser.get(server.url("/signin"));
        Ui.waitUpTo(browser, 10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-passkey-signin]")))
                .click();
        awaitUrl(browser, "/");
        assertThat(Ui.whoIsSignedIn(browser)).isEqualTo("petra (viewer)");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Partner overview");
    }

    /** Waits for the page at {@code path}; on a timeout, says what passkey.js reported on the page. */
    private static void awaitUrl(WebDriver browser, String path) {
        ExpectedCondition<Boolean> there = b -> URI.create(b.getCurrentUrl()).getRawPath().equals(path.split("\\?")[0])
                && (!path.contains("?") || b.getCurrentUrl().endsWith(path));
        try {
            Ui.waitUpTo(browser, 15).until(there);
        } catch (TimeoutException e) {
            String status = browser.findElements(By.cssSelector("[data-passkey-status]")).stream()
                    .map(el -> el.getText()).findFirst().orElse("(no status element)");
            throw new AssertionError("the page did not move on to " + path + " from " + browser.getCurrentUrl()
                    + "; passkey.js says: " + status, e);
        }
    }
}
