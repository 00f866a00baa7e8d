/**
 * The web edge: Varde's one embedded HTTP server and its endpoints. {@link io.varde.web.WebServer}
 * serves a fixed list of {@link io.varde.web.Route}s (method + path -> {@link
 * io.varde.web.Handler}) with 404, 405 + {@code Allow}, JSON errors ({@code {"error": "..."}}) and
 * a 500 for a failing handler; each new endpoint is one route. {@link io.varde.web.WebSettings}
 * reads {@code VARDE_HTTP_BIND} and {@code VARDE_HTTP_PORT}. The first endpoint is the claims
 * webhook, {@link io.varde.web.ClaimsEndpoint} ({@code POST /api/claims}), which reads claims with
 * {@code ClaimsBody} and hands them to the intel intake. {@link io.varde.web.ApiRoutes} is the
 * read-only JSON API ({@code GET /api/targets}, {@code /api/incidents}, {@code /api/claims} and
 * one of each by id; shapes in {@code ApiJson}) over the {@link io.varde.web.WebData} port, which
 * {@code Wiring} builds with {@code WebData.of} over the status board, check history, incident
 * service, intel intake and tightener. {@link io.varde.web.HealthRoutes} serves {@code /healthz}
 * and {@code /readyz}, the latter from the named checks of {@link io.varde.web.Readiness}, each
 * answered within a timeout.
 * {@link io.varde.web.StatusPage} serves the status page at {@code /} (static resources under
 * {@code web/} on the classpath), which reads the JSON API. {@link io.varde.web.MetricsRoute}
 * serves {@code GET /metrics} from a supplier of Prometheus text, so this package knows no
 * metrics library.
 *
 * <p>The server is Jetty 12 core ({@code jetty-server}, no servlets), because the web edge must
 * survive clients that misbehave, and the JDK's {@code com.sun.net.httpserver} cannot: it reads
 * headers on its few executor threads, has no per-connection read timeout and no header cap that
 * answers 431, and its knobs are JVM-wide system properties. {@code WebLimits} are
 * the limits (header size, body size, bodies in memory, idle and request time, connections per
 * address and in total); {@code EdgeGuard} enforces the connection caps and the request-time
 * watchdog; {@link io.varde.web.WebServer} reads each body without blocking a thread before its
 * handler runs. It still binds to {@code 127.0.0.1} by default; to take webhooks from the
 * internet, put a reverse proxy with TLS in front of it.
 */
package io.varde.web;
