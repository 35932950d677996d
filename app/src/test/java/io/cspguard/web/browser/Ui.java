package io.cspguard.web.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What a person does on the dashboard's pages, through the real forms and buttons. */
public final class Ui {
    private Ui() {
    }

    public static WebDriverWait waitUpTo(WebDriver browser, int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    /** Name and password on /signin, then the code on /signin/second; lands on {@code next}. */
    public static void signInWithTotp(WebDriver browser, String name, String password, String code) {
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form[action='/signin'] button[type=submit]")).click();
        try {
            waitUpTo(browser, 10).until(ExpectedConditions.urlContains("/signin/second"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the password step for " + name + " did not reach /signin/second; the page says: "
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
        waitUpTo(browser, 10).until(ExpectedConditions.presenceOfElementLocated(By.name("code"))).sendKeys(code);
        browser.findElement(By.cssSelector("form[action='/signin/totp'] button[type=submit]")).click();
        waitUpTo(browser, 10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/signin")));
    }

    /** The layout's sign-out button (a CSRF-protected POST). */
    public static void signOut(WebDriver browser) {
        browser.findElement(By.cssSelector("form.signout button[type=submit]")).click();
        waitUpTo(browser, 10).until(ExpectedConditions.urlContains("/signin"));
    }

    /** The text of the signed-in user in the page header, or "" when nobody is signed in. */
    public static String whoIsSignedIn(WebDriver browser) {
        return browser.findElements(By.cssSelector("header .who")).stream().map(e -> e.getText()).findFirst().orElse("");
    }

    /** Waits until Chromium has finished writing {@code name} into {@code folder}. */
    public static Path downloaded(Path folder, String name) {
        Path file = folder.resolve(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && !Files.exists(folder.resolve(name + ".crdownload"))) {
                return file;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + name + " downloaded into " + folder + "; it holds: " + list(folder));
    }

    private static String list(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
