package io.varde.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text format (0.0.4) as a supplier writes it. The web edge
 * knows no metrics library: the wiring hands it {@code VardeMetrics::scrape}. Like every route it
 * is read-only and unauthenticated, so bind to 127.0.0.1 or scrape through the reverse proxy.
 */
public final class MetricsRoute {

    /** The path Prometheus scrapes by default. */
    public static final String PATH = "/metrics";
    /** The content type of the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsRoute() {
    }

    /** The route answering {@code GET /metrics} with {@code scrape}'s text, 200. */
    public static Route of(Supplier<String> scrape) {
        Objects.requireNonNull(scrape, "scrape");
        return Route.get(PATH, request -> new Response(200, CONTENT_TYPE, Map.of(),
                scrape.get().getBytes(StandardCharsets.UTF_8)));
    }
}
