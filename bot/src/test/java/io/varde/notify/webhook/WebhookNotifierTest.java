package io.varde.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import io.varde.incident.TeamConfig.Webhook;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Against a real HTTP server on 127.0.0.1: what is sent, and how each answer is classified. */
class WebhookNotifierTest {

    static final Instant NOW = Instant.parse("2026-11-13T09:05:00Z");

    /** A request as the server saw it. */
    record Seen(String method, String path, Headers headers, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String retryAfter;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body));
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/stall", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private WebhookNotifier notifier(URI url, Duration timeout) {
        Webhook duty = new Webhook("duty", url, Map.of("Authorization", "Bearer s3cret"));
        return new WebhookNotifier(Map.of("duty", duty), client, timeout,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private WebhookNotifier notifier() {
        return notifier(uri("/hook"), WebhookNotifier.TIMEOUT);
    }

    static Delivery delivery(String webhookName) {
        Card card = new Card("borger.dk is DOWN", Severity.CRITICAL,
                List.of(new Card.Field("Targets", "borger-dk")), List.of("connect: connection refused"),
                List.of(new Card.Button("Acknowledge", "ack INC-3", Card.Style.PRIMARY)));
        OutboxMessage m = new OutboxMessage(12, 3, 2, "webhook:" + webhookName, card, "escalated",
                List.of("slack-group:S0LEADS"), NOW);
        return new Delivery(m, webhookName, null);
    }

    /** What {@code call} threw, or null. */
    private static DeliveryException failure(ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(DeliveryException.class, call);
    }

    @Test
    void postsTheMessageAsJsonWithItsIdempotencyKeyAndTheConfiguredHeaders() throws Exception {
        String ref = notifier().send(delivery("duty"));

        assertThat(ref).isEqualTo("INC-3/webhook:duty/r2");
        assertThat(seen).hasSize(1);
        Seen request = seen.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.headers().getFirst("Idempotency-Key")).isEqualTo("INC-3/webhook:duty/r2");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        JsonNode expected = new ObjectMapper().readTree("""
                {"key": "INC-3/webhook:duty/r2", "incident": "INC-3", "revision": 2,
                 "channel": "webhook:duty", "title": "borger.dk is DOWN", "severity": "CRITICAL",
                 "fields": [{"name": "Targets", "value": "borger-dk"}],
                 "lines": ["connect: connection refused"], "change": "escalated", "changes": ["escalated"],
                 "mentions": ["slack-group:S0LEADS"],
                 "buttons": [{"label": "Acknowledge", "command": "ack INC-3", "style": "PRIMARY"}]}
                """);
        assertThat(new ObjectMapper().readTree(request.body())).isEqualTo(expected);
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("500 is transient", 500, null, false, null),
                Arguments.of("502 is transient", 502, null, false, null),
                Arguments.of("429 waits as asked", 429, "7", false, Duration.ofSeconds(7)),
                Arguments.of("503 with an HTTP date", 503, "Fri, 13 Nov 2026 09:06:30 GMT", false,
                        Duration.ofSeconds(90)),
                Arguments.of("429 with nonsense falls back to backoff", 429, "soon", false, null),
                Arguments.of("404 is permanent", 404, null, true, null),
                Arguments.of("401 is permanent", 401, null, true, null),
                Arguments.of("400 ignores Retry-After", 400, "7", true, null),
                Arguments.of("a redirect is permanent", 301, null, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void classifiesTheAnswer(String name, int answer, String retryAfterHeader, boolean permanent,
                             Duration wait) {
        status = answer;
        retryAfter = retryAfterHeader;

        DeliveryException e = failure(() -> notifier().send(delivery("duty")));

        assertThat(e).isNotNull();
        assertThat(e.permanent()).isEqualTo(permanent);
        assertThat(e.retryAfter()).isEqualTo(wait);
        assertThat(e.getMessage()).isEqualTo("webhook duty: HTTP " + answer);
    }

    @Test
    void anUnknownWebhookIsPermanentAndSendsNothing() {
        DeliveryException e = failure(() -> notifier().send(delivery("nobody")));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("unknown webhook nobody");
        assertThat(seen).isEmpty();
    }

    @Test
    void aRefusedConnectionIsTransientAndDoesNotShowTheUrl() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook?token=s3cret");
        }

        WebhookNotifier notifier = notifier(closed, WebhookNotifier.TIMEOUT);

        DeliveryException e = failure(() -> notifier.send(delivery("duty")));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("webhook duty: ").doesNotContain("s3cret", "127.0.0.1");
    }

    @Test
    void noAnswerInTimeIsTransient() {
        WebhookNotifier notifier = notifier(uri("/stall"), Duration.ofMillis(300));

        DeliveryException e = failure(() -> notifier.send(delivery("duty")));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("webhook duty: no answer within");
    }
}
