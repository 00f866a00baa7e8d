package io.varde.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Varde's one embedded HTTP server (the JDK's {@code com.sun.net.httpserver}), serving a fixed
 * list of {@link Route}s on a few {@code varde-web-N} threads. Unknown paths get 404, a known path
 * with another method 405 with {@code Allow}; a handler that throws gets a 500 with a generic
 * message (its stack trace goes to the log) and the connection is answered and closed, never left
 * hanging. Every request is logged at debug as {@code method= path= status= ms=}; headers (the
 * {@code Authorization} token) and query strings never are.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    /** Threads serving requests. A few: the callers are webhooks, a status page and Prometheus. */
    public static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService pool;
    private final Router router;

    private WebServer(HttpServer server, ExecutorService pool, Router router) {
        this.server = server;
        this.pool = pool;
        this.router = router;
    }

    /**
     * Binds {@code bind} (port 0: any free port, see {@link #port()}) and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     * @throws IllegalArgumentException when two routes have the same method and path
     */
    public static WebServer start(InetSocketAddress bind, List<Route> routes) throws IOException {
        Router router = new Router(routes);
        HttpServer server;
        try {
            server = HttpServer.create(bind, 0);
        } catch (BindException e) {
            String host = bind.getAddress() == null ? bind.getHostString() : bind.getAddress().getHostAddress();
            throw new BindException("cannot listen on " + host + ":" + bind.getPort()
                    + " (" + e.getMessage() + "); set VARDE_HTTP_BIND and VARDE_HTTP_PORT");
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "varde-web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        WebServer web = new WebServer(server, pool, router);
        server.createContext("/", web::serve);
        server.setExecutor(pool);
        server.start();
        LOG.info("event=web_listening address={}:{} routes=\"{}\"", server.getAddress().getHostString(),
                server.getAddress().getPort(), routes.stream().map(Route::toString).collect(Collectors.joining(", ")));
        return web;
    }

    /** The port bound (the one picked when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        int status = 0;
        try {
            Response response = answer(exchange, method, path);
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("event=http_send_failed method={} path={} error=\"{}\"", method, path, e.toString());
        } finally {
            exchange.close();
            LOG.debug("event=http method={} path={} status={} ms={}", method, path, status,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private Response answer(HttpExchange exchange, String method, String path) {
        Router.Resolution resolution = router.resolve(method, path);
        if (resolution instanceof Router.WrongMethod wrong) {
            String allow = String.join(", ", wrong.allowed());
            return Response.error(405, method + " is not allowed on " + path + "; allowed: " + allow)
                    .withHeader("Allow", allow);
        }
        if (!(resolution instanceof Router.Found found)) {
            return Response.error(404, "no such path: " + path);
        }
        try {
            return found.route().handler().handle(new Request(method, path, found.params(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), exchange.getRequestBody()));
        } catch (Exception e) {
            LOG.error("event=http_handler_failed method={} path={} route=\"{}\" error=\"{}\"", method, path,
                    found.route(), e.toString(), e);
            return Response.error(500, "internal error; the server log has the details");
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        byte[] body = response.body();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops listening, drops open connections and waits briefly for handlers still running. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                LOG.warn("event=web_stopped_with_requests_running");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("event=web_stopped");
    }
}
