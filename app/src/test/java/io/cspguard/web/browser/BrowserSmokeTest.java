package io.cspguard.web.browser;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserSmokeTest {
    @Test
    void chromiumRendersAPageFromLoopback(@TempDir Path downloads) {
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/", ctx -> ctx.html("<!DOCTYPE html><title>t</title><h1 id=h>hello &lt;b&gt;</h1>")).start("127.0.0.1", 0);
        ChromeDriver browser = Browser.open(downloads);
        try {
            browser.get("http://localhost:" + app.port() + "/");
            assertThat(browser.findElement(By.id("h")).getText()).isEqualTo("hello <b>");
        } finally {
            browser.quit();
            app.stop();
        }
    }
}
