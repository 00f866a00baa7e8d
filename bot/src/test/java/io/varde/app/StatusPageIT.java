package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.varde.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page of the real jar in a real headless Chromium: a local site goes down, the page
 * shows it DOWN with its incident, within a refresh. Leaves a screenshot in
 * {@code target/screenshots/status-page-live.png}.
 */
class StatusPageIT {

    static final Path SCREENSHOT = Path.of("target", "screenshots", "status-page-live.png");

    @TempDir
    Path dir;

    private HttpServer site;
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(45)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(d -> condition.get());
    }

    private String state(String id) {
        return browser.findElements(By.cssSelector("[data-target-id='" + id + "'] .tile-head .badge")).stream()
                .map(e -> e.getText()).findFirst().orElse("");
    }

    @Test
    void aSiteGoingDownShowsOnTheStatusPage() throws Exception {
        site = LocalSite.start(0, "/", "ok");
        int port = site.getAddress().getPort();
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("targets.yaml"), String.join("\n",
                "defaults: { interval: 1s, timeout: 1s, failure-threshold: 2, success-threshold: 2 }",
                "targets:",
                "  - id: town-hall",
                "    name: Town hall",
                "    url: http://127.0.0.1:" + port + "/",
                "    labels: { sector: municipal }",
                ""));

        try (VardeProcess varde = VardeProcess.start(Map.of("VARDE_DATA_DIR", dir.resolve("data").toString()),
                "run", "--rules", rules.toString())) {
            String listening = varde.awaitErr(l -> l.contains("event=web_listening"), Duration.ofSeconds(30),
                    "the web server listening");
            Matcher m = Pattern.compile("address=127\\.0\\.0\\.1:(\\d+)").matcher(listening);
            assertThat(m.find()).as(listening).isTrue();
            browser = Chromium.start(dir.resolve("profile"));
            browser.get("http://127.0.0.1:" + m.group(1) + "/");

            waitFor("town-hall shown UP", () -> state("town-hall").equals("UP"));
            assertThat(browser.findElement(By.cssSelector("[data-sector='municipal']")).getText()).contains("Town hall");

            site.stop(0);
            site = null;
            varde.awaitOut(l -> l.contains(" r1 Town hall is DOWN | opened"), Duration.ofSeconds(20), "the incident");

            waitFor("town-hall shown DOWN", () -> state("town-hall").equals("DOWN"));
            waitFor("its incident listed", () -> browser.findElement(By.id("incidents")).getText().contains("INC-1"));
            assertThat(browser.findElement(By.id("incidents")).getText()).contains("Town hall is DOWN");
            assertThat(browser.findElement(By.id("overall")).getText()).contains("1 DOWN");
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        }
    }
}
