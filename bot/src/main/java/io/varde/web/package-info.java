/**
 * The web edge: Varde's one embedded HTTP server and its endpoints. {@link io.varde.web.WebServer}
 * serves a fixed list of {@link io.varde.web.Route}s (method + path -> {@link
 * io.varde.web.Handler}) with 404, 405 + {@code Allow}, JSON errors ({@code {"error": "..."}}) and
 * a 500 for a failing handler; each new endpoint is one route. {@link io.varde.web.WebSettings}
 * reads {@code VARDE_HTTP_BIND} and {@code VARDE_HTTP_PORT}. The first endpoint is the claims
 * webhook, {@link io.varde.web.ClaimsEndpoint} ({@code POST /api/claims}), which reads claims with
 * {@code ClaimsBody} and hands them to the intel intake. {@link io.varde.web.MetricsRoute} serves
 * {@code GET /metrics} from a supplier of Prometheus text, so this package knows no metrics library.
 *
 * <p>The server is the JDK's {@code com.sun.net.httpserver}: one small server with a handful of
 * JSON endpoints needs no framework and no new dependency. Its limit is the one of the JDK
 * server: no read timeout, so a client that sends headers and then stalls holds one of the
 * {@value io.varde.web.WebServer#THREADS} threads. It therefore binds to {@code 127.0.0.1} by
 * default; to take webhooks from the internet, put a reverse proxy that buffers requests (nginx,
 * Caddy) with TLS in front of it.
 */
package io.varde.web;
