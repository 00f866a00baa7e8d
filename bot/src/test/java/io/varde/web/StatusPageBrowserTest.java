package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.testing.Chromium;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium ({@link Chromium}), against a {@link WebServer} on
 * 127.0.0.1 serving the page and a stub of the API ({@link StubApi}): every state, escaping, a
 * stale API. {@code StatusPageIT} runs it against the real jar.
 */
class StatusPageBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "screenshots", "status-page.png");
    /** Generous: the page refreshes every 10 s; a change must show within one refresh and a bit. */
    static final Duration REFRESH_DEADLINE = Duration.ofSeconds(40);

    private final StubApi api = new StubApi(Instant.parse("2025-06-02T09:30:00Z"));
    private WebServer server;
    private ChromeDriver browser;

    @BeforeEach
    void start(@TempDir Path profile) throws Exception {
        api.targets.addAll(List.of(
                new StubApi.Target("gov-portal", "Government portal", "government", "UP", "", true, null,
                        Arrays.asList(120, 130, 125, 180, 160, 140, 150, 135, 128, 132)),
                new StubApi.Target("tax", "Tax office", "government", "UP", "", false, null,
                        Arrays.asList(90, 95, 88, 92, 300, 94, 91, 90, 89, 93)),
                new StubApi.Target("bank-web", "National bank", "finance", "DEGRADED", "slow: 2400 ms", false, null,
                        Arrays.asList(400, 900, 1800, null, 2400, 2200, 2500, 2300, 2400, 2400)),
                new StubApi.Target("blog", "<img src=x id=injected> & friends", null, "UP", "", false, null,
                        Arrays.asList(50, 52, 51))));
        api.nodes.addAll(List.of(node("n1", 1), node("n2", 2)));
        api.shards.putAll(java.util.Map.of("n1", List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), "n2", List.of(9)));
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes());
        browser = Chromium.start(profile);
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>(new StatusPage().routes());
        routes.addAll(api.routes());
        return routes;
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private io.varde.cluster.NodeRecord node(String name, long silentSeconds) {
        Instant at = Instant.parse("2025-06-02T09:30:00Z");
        return new io.varde.cluster.NodeRecord(name, "1.0", at.minusSeconds(7200), at.minusSeconds(silentSeconds), null);
    }

    private WebElement tile(String id) {
        return browser.findElement(By.cssSelector("[data-target-id='" + id + "']"));
    }

    private String stateWord(String id) {
        return tile(id).findElement(By.cssSelector(".tile-head .badge")).getText();
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        new WebDriverWait(browser, REFRESH_DEADLINE).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(d -> condition.get());
    }

    @Test
    void showsTheTargetsByStateThenATargetGoingDownWithItsIncident() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/");

        waitFor("the target tiles", () -> browser.findElements(By.cssSelector(".tile")).size() == 4);
        assertThat(browser.findElements(By.cssSelector(".sector")))
                .extracting(e -> e.getAttribute("data-sector"))
                .containsExactly("finance", "government", "other");
        assertThat(browser.findElement(By.cssSelector("[data-sector='government'] .sector-name")).getText())
                .containsIgnoringCase("government").contains("2 targets");
        assertThat(stateWord("gov-portal")).isEqualTo("UP");
        assertThat(stateWord("bank-web")).isEqualTo("DEGRADED");
        assertThat(tile("gov-portal").getText()).contains("Government portal", "TASKED", "180 ms", "100 %", "99.8 %");
        assertThat(tile("bank-web").getText()).contains("slow: 2400 ms");
        assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("1 DEGRADED of 4");
        assertThat(browser.findElement(By.id("incidents")).getText()).isEqualTo("No open incidents.");
        assertThat(browser.findElement(By.id("claims")).getText()).contains("NoName057(16)", "hits gov-portal");
        // a name with markup is shown as text, never parsed
        assertThat(tile("blog").findElement(By.cssSelector(".tile-name")).getText())
                .isEqualTo("<img src=x id=injected> & friends");
        assertThat(browser.findElements(By.id("injected"))).isEmpty();

        api.update("gov-portal", t -> new StubApi.Target(t.id(), t.name(), t.sector(), "DOWN", "connect timed out",
                true, "INC-7", Arrays.asList(120, 130, 125, 180, 160, null, null, null, null, null)));
        api.incidents.add(new StubApi.Incident(7, "critical", "Government portal is DOWN", "gov-portal",
                "NoName057(16) claimed portal.example.org 10 minutes ago"));

        waitFor("gov-portal shown DOWN", () -> stateWord("gov-portal").equals("DOWN"));
        assertThat(tile("gov-portal").getText()).contains("connect timed out", "INC-7");
        assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("1 DOWN · 1 DEGRADED of 4");
        waitFor("the incident's timeline", () -> !browser.findElements(By.cssSelector("[data-incident-id='INC-7'] .timeline")).isEmpty());
        String incident = browser.findElement(By.cssSelector("[data-incident-id='INC-7']")).getText();
        assertThat(incident).contains("CRITICAL", "INC-7", "Government portal is DOWN", "Not acknowledged",
                "NoName057(16) claimed portal.example.org", "Opened: gov-portal is DOWN", "Posted to #ops");
        assertThat(browser.findElement(By.id("cluster-summary")).getText()).isEqualTo("coordinator n1");
        assertThat(browser.findElement(By.cssSelector("[data-node='n1']")).getText())
                .contains("LIVE", "coordinator", "9 shards");
        assertThat(browser.findElement(By.cssSelector("[data-node='n2']")).getText()).contains("LIVE", "1 shard")
                .doesNotContain("coordinator").doesNotContain("shards");
        screenshot();

        // n2 stops heartbeating: the page marks it lost.
        api.nodes.set(1, node("n2", 40));
        waitFor("n2 shown lost", () -> browser.findElement(By.cssSelector("[data-node='n2']")).getText().contains("LOST"));
        assertThat(browser.findElement(By.cssSelector("[data-node='n2'] .badge")).getAttribute("class"))
                .contains("state-DOWN");
        assertThat(browser.findElement(By.id("cluster-summary")).getText()).isEqualTo("coordinator n1, 1 lost");

        api.failing = true;

        waitFor("the stale notice", () -> browser.findElement(By.id("stale")).getText().startsWith("STALE since"));
        assertThat(stateWord("gov-portal")).as("the last data stays on screen").isEqualTo("DOWN");
    }

    private void screenshot() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }
}
