package io.cspguard.web.browser;

import io.cspguard.testing.MissingEnvironment;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real headless Chromium for the browser tests: Debian's {@code chromium} driven through {@code chromium-driver} at
 * {@code /usr/bin/chromedriver}, named explicitly because no driver can be downloaded. Without them the tests say
 * so loudly and are skipped; under {@code CI=true} that is a failure. Override the paths with
 * {@code CSPGUARD_CHROMEDRIVER} and {@code CSPGUARD_CHROMIUM}.
 */
public final class Browser {
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1400,1000");

    private Browser() {
    }

    /** A fresh browser; the caller quits it. Downloads go to {@code downloads}. */
    public static ChromeDriver open(Path downloads) {
        Path driver = Path.of(env("CSPGUARD_CHROMEDRIVER", "/usr/bin/chromedriver"));
        Path chromium = Path.of(env("CSPGUARD_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(driver) || !Files.isExecutable(chromium)) {
            unavailable("no " + (!Files.isExecutable(driver) ? driver : chromium) + ": install Debian's chromium and "
                    + "chromium-driver (sudo apt-get install chromium chromium-driver) to run the browser tests");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.toString()))
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver browser = new ChromeDriver(service, options);
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return browser;
        } catch (RuntimeException e) {
            service.stop();
            unavailable("Chromium did not start: " + e.getMessage());
            throw e;
        }
    }

    private static void unavailable(String why) {
        MissingEnvironment.skipOrFail(why);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
