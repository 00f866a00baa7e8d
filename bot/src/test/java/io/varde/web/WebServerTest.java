package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server over real HTTP on 127.0.0.1: routing, errors, logging, stopping. */
class WebServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebServer server;
    private Http http;

    private void start(List<Route> routes) throws Exception {
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes);
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Response ok(String text) {
        return Response.text(200, text);
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("error").asText();
    }

    @Test
    void anUnknownPathIsNotFoundWithAJsonError() throws Exception {
        start(List.of(Route.get("/healthz", r -> ok("alive"))));

        HttpResponse<String> response = http.get("/nothing/here?x=1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(error(response)).isEqualTo("no such path: /nothing/here");
    }

    @Test
    void aKnownPathWithAnotherMethodIsNotAllowedAndSaysWhatIs() throws Exception {
        start(List.of(Route.get("/api/claims", r -> ok("list")), Route.post("/api/claims", r -> ok("stored"))));

        HttpResponse<String> response = http.send(http.to("/api/claims").DELETE().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(error(response)).isEqualTo("DELETE is not allowed on /api/claims; allowed: GET, POST");
        assertThat(http.send(http.to("/api/claims").POST(BodyPublishers.ofString("{}")).build()).body())
                .isEqualTo("stored");
    }

    @Test
    void aFailingHandlerGetsAGeneric500AndTheServerGoesOn() throws Exception {
        start(List.of(
                Route.get("/broken", r -> {
                    throw new IllegalStateException("db password is hunter2");
                }),
                Route.get("/healthz", r -> ok("alive"))));

        HttpResponse<String> broken = http.get("/broken");
        HttpResponse<String> again = http.get("/broken");
        HttpResponse<String> healthy = http.get("/healthz");

        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(error(broken)).isEqualTo("internal error; the server log has the details")
                .doesNotContain("hunter2");
        assertThat(again.statusCode()).isEqualTo(500);
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("alive");
        assertThat(healthy.headers().firstValue("Content-Type")).hasValue(Response.TEXT);
    }

    @Test
    void pathParametersAreDecodedAndALiteralPathWinsOverAParameter() throws Exception {
        start(List.of(
                Route.get("/api/targets/{id}", r -> ok("target " + r.param("id").orElseThrow())),
                Route.get("/api/targets/summary", r -> ok("summary"))));

        assertThat(http.get("/api/targets/borger%20dk").body()).isEqualTo("target borger dk");
        assertThat(http.get("/api/targets/a+b").body()).isEqualTo("target a+b");
        assertThat(http.get("/api/targets/summary").body()).isEqualTo("summary");
        assertThat(http.get("/api/targets/").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/targets/trm/history").statusCode()).isEqualTo(404);
    }

    @Test
    void handlersRunOnTheServersOwnThreads() throws Exception {
        start(List.of(Route.get("/thread", r -> ok(Thread.currentThread().getName()))));

        assertThat(http.get("/thread").body()).matches("varde-web-[0-9]+");
    }

    @Test
    void eachRequestIsLoggedAtDebugWithoutItsHeaders() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(WebServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try {
            start(List.of(Route.post("/echo", r -> ok(new String(r.body().readAllBytes())))));

            http.send(http.to("/echo?token=query-secret").header("Authorization", "Bearer header-secret")
                    .POST(BodyPublishers.ofString("hello")).build());

            String line = awaitLine(appender, "event=http ");
            assertThat(line).matches("event=http method=POST path=/echo status=200 ms=[0-9]+");
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("secret"));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    /** The first log line containing {@code part}; it is written after the response, so wait for it. */
    private static String awaitLine(ListAppender<ILoggingEvent> appender, String part) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (ILoggingEvent e : List.copyOf(appender.list)) {
                if (e.getFormattedMessage().contains(part)) {
                    return e.getFormattedMessage();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with " + part + " in " + appender.list);
    }

    @Test
    void afterCloseNothingAnswers() throws Exception {
        start(List.of(Route.get("/healthz", r -> ok("alive"))));
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);

        server.close();

        assertThatThrownBy(() -> new Http(server.port()).get("/healthz")).isInstanceOf(UncheckedIOException.class);
        server = null;
    }

    @Test
    void twoRoutesForTheSameMethodAndPathAreRefusedAtStart() {
        assertThatThrownBy(() -> start(List.of(Route.get("/a", r -> ok("1")), Route.get("/a", r -> ok("2")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two routes for GET /a");
    }

    @Test
    void routePathsAreCheckedWhenWritten() {
        assertThatThrownBy(() -> Route.get("api/claims", r -> ok(""))).hasMessageContaining("must start with /");
        assertThatThrownBy(() -> Route.get("/api/claims/", r -> ok(""))).hasMessageContaining("trailing /");
        assertThatThrownBy(() -> Route.get("/api/t-{id}", r -> ok(""))).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> new Route("get", "/a", r -> ok(""))).hasMessageContaining("upper case");
        assertThat(Route.post("/api/claims", r -> ok(""))).hasToString("POST /api/claims");
    }
}
