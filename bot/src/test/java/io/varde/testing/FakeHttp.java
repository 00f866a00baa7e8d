package io.varde.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
     * A JDK HTTP server on 127.0.0.1, any free port, answering on daemon threads named
     * {@code <name>-<n>}; each context's exchanges go through {@link #serve}.
     *
     * @param contexts path prefix to handler, e.g. {@code /api/}
     */
    static Server start(String name, Map<String, ExchangeHandler> contexts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        contexts.forEach((path, handler) -> server.createContext(path, ex -> serve(ex, handler)));
        server.start();
        return new Server(server, executor);
    }

    /** A started fake server. */
    record Server(HttpServer http, ExecutorService executor) implements AutoCloseable {

        /** e.g. {@code http://127.0.0.1:41234} */
        String base() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        @Override
        public void close() {
            http.stop(0);
            executor.shutdownNow();
        }
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
