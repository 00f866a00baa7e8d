package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.varde.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
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
        Path rules = LocalSite.rules(dir, "town-hall", "http://127.0.0.1:" + port + "/",
                "    name: Town hall", "    labels: { sector: municipal }");

        try (VardeProcess varde = VardeProcess.start(Map.of("VARDE_DATA_DIR", dir.resolve("data").toString()),
                "run", "--rules", rules.toString())) {
            String base = varde.webBase(Duration.ofSeconds(30));
            browser = Chromium.start(dir.resolve("profile"));
            browser.get(base + "/");

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
