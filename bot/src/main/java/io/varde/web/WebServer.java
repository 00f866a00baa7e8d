package io.varde.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Varde's one embedded HTTP server (Jetty 12 core, HTTP/1.1, no servlets), serving a fixed list
 * of {@link Route}s. Unknown paths get 404, a known path with another method 405 with
 * {@code Allow}; a handler that throws gets a 500 with a generic message (its stack trace goes to
 * the log) and the connection is answered and closed, never left hanging. Every request is logged
 * at debug as {@code method= path= status= ms=}; headers (the {@code Authorization} token), query
 * strings and bodies never are.
 *
 * <p>The server is built to face clients that misbehave, on purpose or not, within its limits
 * ({@code WebLimits}): a request line and headers over 8 KiB get 431 (a request line alone, 414);
 * a declared body over 1 MiB gets 413 before any of it is read, a chunked one when it passes
 * 1 MiB; bodies being received hold at most 64 MiB in all (beyond, 503); silence for 10 s, or a
 * request not in whole within 15 s of its first byte, closes the connection (a body cut short or
 * stalled gets 400 or 408 first, when an answer is still possible); at most 32 connections per
 * client address and 512 in all are kept, others are closed as soon as they are accepted
 * ({@code EdgeGuard}). What Jetty refuses itself is answered in the same JSON error shape. A
 * handler runs only once its request's body is in whole, read without blocking a thread, so
 * stalled clients hold no {@code varde-web-N} thread and {@code /healthz} answers while hundreds
 * of them wait. Nothing a client sends makes the web edge log above debug, except the
 * once-a-minute info line that connections were refused; a handler's own failure is logged as an
 * error, with its stack trace.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Server server;
    private final EdgeGuard guard;
    private final Edge edge;
    private final int port;

    private WebServer(Server server, ServerConnector connector, EdgeGuard guard, Edge edge) {
        this.server = server;
        this.guard = guard;
        this.edge = edge;
        this.port = connector.getLocalPort();
    }

    /**
     * Binds {@code bind} (port 0: any free port, see {@link #port()}) and starts serving, with the
     * default limits of the class comment.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     * @throws IllegalArgumentException when two routes have the same method and path
     */
    public static WebServer start(InetSocketAddress bind, List<Route> routes) throws IOException {
        return start(bind, routes, WebLimits.DEFAULTS);
    }

    /** As {@link #start(InetSocketAddress, List)}, with other limits (tests lower them). */
    static WebServer start(InetSocketAddress bind, List<Route> routes, WebLimits limits) throws IOException {
        Router router = new Router(routes);
        QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), 2, 60_000);
        pool.setName("varde-web");
        pool.setDaemon(true);
        Server server = new Server(pool);
        server.setStopTimeout(5_000);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("varde-web-timer", true);
        ServerConnector connector = new ServerConnector(server, null, scheduler, null, 1, 1,
                new HttpConnectionFactory(http));
        connector.setHost(bind.getAddress() == null ? bind.getHostString() : bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        EdgeGuard guard = new EdgeGuard(limits);
        connector.addEventListener(guard);
        server.addConnector(connector);
        Edge edge = new Edge(router, guard, limits);
        server.setHandler(edge);
        server.setErrorHandler(new JsonErrors(limits));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            BindException refused = bindFailure(e);
            if (refused != null) {
                throw new BindException("cannot listen on " + connector.getHost() + ":" + connector.getPort()
                        + " (" + refused.getMessage() + "); set VARDE_HTTP_BIND and VARDE_HTTP_PORT");
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("web server did not start: " + e, e);
        }
        guard.start(scheduler);
        WebServer web = new WebServer(server, connector, guard, edge);
        LOG.info("event=web_listening address={}:{} routes=\"{}\"", connector.getHost(), web.port(),
                routes.stream().map(Route::toString).collect(Collectors.joining(", ")));
        return web;
    }

    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return b;
            }
        }
        return null;
    }

    /** The port bound (the one picked when started with port 0). */
    public int port() {
        return port;
    }

    /** Connections open now, as the caps count them (tests). */
    int openConnections() {
        return guard.openConnections();
    }

    /** Bytes of request bodies held in memory now (tests). */
    long bufferedBodyBytes() {
        return edge.buffered.get();
    }

    /** Stops listening, drops open connections and waits briefly (5 s) for handlers still running. */
    @Override
    public void close() {
        guard.stop();
        stopQuietly(server);
        LOG.info("event=web_stopped");
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("event=web_stop_failed error=\"{}\"", e.toString());
        }
    }

    /** Routes, limits the body, reads it without blocking, then runs the route's handler. */
    private static final class Edge extends Handler.Abstract {

        private final Router router;
        private final EdgeGuard guard;
        private final WebLimits limits;
        /** Bytes of bodies held now, across all requests (at most {@link WebLimits#bufferedBodies()}). */
        private final AtomicLong buffered = new AtomicLong();

        Edge(Router router, EdgeGuard guard, WebLimits limits) {
            this.router = router;
            this.guard = guard;
            this.limits = limits;
        }

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                Callback callback) {
            Exchange exchange = new Exchange(request, response, callback, guard, System.nanoTime());
            guard.headersIn(exchange.connection(), request.getBeginNanoTime());
            String method = exchange.method;
            String path = exchange.path;
            Router.Resolution resolution = router.resolve(method, path);
            if (resolution instanceof Router.WrongMethod wrong) {
                String allow = String.join(", ", wrong.allowed());
                exchange.send(Response.error(405, method + " is not allowed on " + path + "; allowed: " + allow)
                        .withHeader("Allow", allow), false);
                return true;
            }
            if (!(resolution instanceof Router.Found found)) {
                exchange.send(Response.error(404, "no such path: " + path), false);
                return true;
            }
            long declared = request.getLength();
            if (declared > limits.maxBodyBytes()) {
                exchange.send(tooLarge(), true);
                return true;
            }
            new BodyReader(exchange, found, limits.maxBodyBytes(), declared).read();
            return true;
        }

        private Response tooLarge() {
            return Response.error(413, "body larger than " + limits.maxBodyBytes() + " bytes");
        }

        private Response busy() {
            LOG.debug("event=http_bodies_full limit_bytes={}", limits.bufferedBodies());
            return Response.error(503, "too many request bodies being received; try again shortly")
                    .withHeader("Retry-After", "5");
        }

        /**
         * Reads the body chunk by chunk as it arrives (no thread waits for it), then runs the route.
         * Memory grows with the bytes received, not with the length declared.
         */
        private final class BodyReader {

            private final Exchange exchange;
            private final Router.Found found;
            private final int max;
            private final ByteArrayOutputStream body;
            private final long declared;
            private long held;
            private boolean crashed;

            BodyReader(Exchange exchange, Router.Found found, int max, long declared) {
                this.exchange = exchange;
                this.found = found;
                this.max = max;
                this.declared = declared;
                this.body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 8192));
            }

            void read() {
                while (true) {
                    Content.Chunk chunk = exchange.request.read();
                    if (chunk == null) {
                        exchange.request.demand(this::read);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        release();
                        failed(chunk.getFailure());
                        return;
                    }
                    boolean last = chunk.isLast();
                    ByteBuffer bytes = chunk.getByteBuffer();
                    int n = bytes.remaining();
                    Response refused = null;
                    if (body.size() + n > max) {
                        refused = tooLarge();
                    } else if (buffered.addAndGet(n) > limits.bufferedBodies()) {
                        buffered.addAndGet(-n);
                        refused = busy();
                    } else {
                        held += n;
                        byte[] copy = new byte[n];
                        bytes.get(copy);
                        body.writeBytes(copy);
                    }
                    chunk.release();
                    if (refused != null) {
                        release();
                        exchange.send(refused, true);
                        return;
                    }
                    if (last) {
                        guard.bodyIn(exchange.connection());
                        Response answer;
                        try {
                            answer = run();
                        } finally {
                            release();
                        }
                        exchange.send(answer, crashed);
                        return;
                    }
                }
            }

            private void release() {
                buffered.addAndGet(-held);
                held = 0;
            }

            /** The body did not come whole: answer if the client may still read it, and close. */
            private void failed(Throwable cause) {
                Response answer;
                if (cause instanceof TimeoutException) {
                    answer = Response.error(408, "request body not received within "
                            + limits.idleTimeout().toMillis() + " ms of silence");
                } else if (declared > 0 && body.size() < declared) {
                    answer = Response.error(400, "request body cut short: fewer bytes than its Content-Length");
                } else if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                    answer = Response.error(http.getCode(), "malformed request body");
                } else {
                    answer = Response.error(400, "request body cut short");
                }
                LOG.debug("event=http_body_failed method={} path={} error={}", exchange.method, exchange.path,
                        cause.getClass().getSimpleName());
                exchange.send(answer, true);
            }

            private Response run() {
                org.eclipse.jetty.server.Request request = exchange.request;
                try {
                    return found.route().handler().handle(new Request(exchange.method, exchange.path, found.params(),
                            request.getHttpURI().getQuery(), headers(request.getHeaders()),
                            new ByteArrayInputStream(body.toByteArray()),
                            org.eclipse.jetty.server.Request.getRemoteAddr(request)));
                } catch (Exception | StackOverflowError e) {
                    crashed = true;
                    LOG.error("event=http_handler_failed method={} path={} route=\"{}\" error=\"{}\"", exchange.method,
                            exchange.path, found.route(), e.toString(), e);
                    return Response.error(500, "internal error; the server log has the details");
                }
            }
        }

        private static Map<String, List<String>> headers(HttpFields fields) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (HttpField field : fields) {
                out.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
            return out;
        }
    }

    /** One request and its answer: writes a {@link Response}, then logs it and restarts the clock. */
    private static final class Exchange {

        final org.eclipse.jetty.server.Request request;
        final org.eclipse.jetty.server.Response response;
        final Callback callback;
        final EdgeGuard guard;
        final long started;
        final String method;
        final String path;

        Exchange(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                Callback callback, EdgeGuard guard, long started) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.guard = guard;
            this.started = started;
            this.method = request.getMethod();
            String raw = request.getHttpURI().getPath();
            this.path = raw == null || raw.isEmpty() ? "/" : raw;
        }

        Connection connection() {
            return request.getConnectionMetaData().getConnection();
        }

        /** @param close whether to close the connection after (the rest of the body is not read) */
        void send(Response answer, boolean close) {
            int status = answer.status();
            response.setStatus(status);
            HttpFields.Mutable headers = response.getHeaders();
            answer.headers().forEach(headers::put);
            headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
            headers.put("X-Content-Type-Options", "nosniff");
            if (close) {
                headers.put(HttpHeader.CONNECTION, "close");
            }
            byte[] body = answer.body();
            headers.put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), new Callback() {
                @Override
                public void succeeded() {
                    done(status, null);
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    done(status, x);
                    callback.failed(x);
                }

                @Override
                public InvocationType getInvocationType() {
                    return InvocationType.NON_BLOCKING;
                }
            });
        }

        private void done(int status, Throwable failure) {
            guard.answered(connection());
            if (failure != null) {
                LOG.debug("event=http_send_failed method={} path={} error={}", method, path,
                        failure.getClass().getSimpleName());
            }
            LOG.debug("event=http method={} path={} status={} ms={}", method, path, status,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /**
     * What Jetty answers itself (headers too large, a malformed request line, ...): the same JSON
     * error shape as the routes, with a fixed message per status, never an echo of the input.
     */
    private static final class JsonErrors extends ErrorHandler {

        private final WebLimits limits;

        JsonErrors(WebLimits limits) {
            this.limits = limits;
        }

        @Override
        protected void generateResponse(org.eclipse.jetty.server.Request request,
                org.eclipse.jetty.server.Response response, int code, String message, Throwable cause,
                Callback callback) {
            if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
                // Raw bytes or a space inside the target make the parser read junk as the HTTP
                // version: the client's mistake, so a 4xx (no bad input ever gets a 5xx).
                code = HttpStatus.BAD_REQUEST_400;
                response.setStatus(code);
                message = null;
            }
            String text = switch (code) {
                case 400 -> message == null ? "malformed request line" : "bad request";
                case 431 -> "request headers larger than " + limits.maxHeaderBytes() + " bytes";
                case 414 -> "request line longer than " + limits.maxHeaderBytes() + " bytes";
                case 413 -> "body larger than " + limits.maxBodyBytes() + " bytes";
                case 408 -> "request not received in time";
                default -> {
                    String reason = HttpStatus.getMessage(code);
                    yield reason == null ? "error " + code : reason.toLowerCase(Locale.ROOT);
                }
            };
            LOG.debug("event=http_refused status={} reason=\"{}\"", code, text);
            byte[] body = Response.error(code, text).body();
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Response.JSON);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
