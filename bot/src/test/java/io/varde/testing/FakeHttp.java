package io.varde.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answering exchanges of the fake platforms' JDK HTTP servers (Slack, Discord). */
final class FakeHttp {

    /** One route of the fake. */
    interface ExchangeHandler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FakeHttp.class);

    private FakeHttp() {
    }

    /**
     * Runs {@code handler} and closes the exchange; a failure of the fake itself is answered 500
     * with its reason, so the client under test fails at once instead of waiting for a timeout.
     */
    static void serve(HttpExchange exchange, ExchangeHandler handler) {
        try {
            handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.warn("fake platform failed path={} error={}", exchange.getRequestURI().getPath(), e.toString());
            try {
                write(exchange, 500, "text/plain; charset=utf-8", "fake platform failed: " + e);
            } catch (IOException | RuntimeException again) {
                LOG.debug("fake slack could not answer error={}", again.toString());
            }
        } finally {
            exchange.close();
        }
    }

    /** Sends {@code body} with its length and content type. */
    static void write(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
