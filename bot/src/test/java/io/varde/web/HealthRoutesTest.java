package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /healthz} and {@code /readyz} over real HTTP on 127.0.0.1. */
class HealthRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private final CountDownLatch release = new CountDownLatch(1);
    private WebServer server;
    private Http http;

    private void start(List<Readiness.Check> checks, Duration timeout) throws Exception {
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0),
                new HealthRoutes(new Readiness(checks, timeout)).routes());
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    static Readiness.Check ok(String name, String detail) {
        return new Readiness.Check(name, () -> Readiness.Result.ok(detail));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return JSON.readTree(response.body());
    }

    @Test
    void healthzIsAliveWhateverTheChecksSay() throws Exception {
        start(List.of(new Readiness.Check("database", () -> Readiness.Result.failed("down"))), Readiness.TIMEOUT);

        HttpResponse<String> response = http.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\": \"alive\"}"));
    }

    @Test
    void readyWhenEveryCheckPasses() throws Exception {
        start(List.of(ok("database", "SELECT 1 answered"), ok("scheduler", "running")), Readiness.TIMEOUT);

        HttpResponse<String> response = http.get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"status": "ready", "checks": [
                  {"name": "database", "ok": true, "detail": "SELECT 1 answered"},
                  {"name": "scheduler", "ok": true, "detail": "running"}]}"""));
    }

    @Test
    void notReadyWith503AndTheReasonWhenACheckFailsOrThrows() throws Exception {
        start(List.of(ok("database", "SELECT 1 answered"),
                new Readiness.Check("scheduler", () -> Readiness.Result.failed("scheduler stopped")),
                new Readiness.Check("notifiers", () -> {
                    throw new IllegalStateException("webhook:duty failing for 5m");
                })), Readiness.TIMEOUT);

        HttpResponse<String> response = http.get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"status": "not ready", "checks": [
                  {"name": "database", "ok": true, "detail": "SELECT 1 answered"},
                  {"name": "scheduler", "ok": false, "detail": "scheduler stopped"},
                  {"name": "notifiers", "ok": false, "detail": "webhook:duty failing for 5m"}]}"""));
    }

    @Test
    void aHangingCheckIsAnsweredAsFailedAndNotStartedAgainWhileItHangs() throws Exception {
        AtomicInteger started = new AtomicInteger();
        start(List.of(ok("scheduler", "running"), new Readiness.Check("database", () -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Readiness.Result.ok("late");
        })), Duration.ofMillis(200));

        JsonNode first = json(http.get("/readyz"));
        HttpResponse<String> again = http.get("/readyz");

        assertThat(first.get("status").asText()).isEqualTo("not ready");
        assertThat(first.get("checks").get(1).get("detail").asText()).isEqualTo("no answer within 200 ms");
        assertThat(first.get("checks").get(0).get("ok").asBoolean()).isTrue();
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(json(again).get("checks").get(1).get("detail").asText())
                .isEqualTo("the previous check has not answered yet");
        assertThat(started).hasValue(1);
    }

    /** The status of /readyz once it is 200, or the last one seen when the deadline passed. */
    private int readyWithin(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int status = http.get("/readyz").statusCode();
        while (status != 200 && System.nanoTime() < end) {
            Thread.sleep(50);
            status = http.get("/readyz").statusCode();
        }
        return status;
    }

    @Test
    void readyAgainOnceAHungCheckAnswers() throws Exception {
        start(List.of(new Readiness.Check("database", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Readiness.Result.ok("SELECT 1 answered");
        })), Duration.ofMillis(200));
        assertThat(http.get("/readyz").statusCode()).isEqualTo(503);

        release.countDown();

        assertThat(readyWithin(Duration.ofSeconds(20))).isEqualTo(200);
    }
}
