package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over real HTTP on 127.0.0.1. */
class MetricsRouteTest {

    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Http start(AtomicInteger scrapes) throws Exception {
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(MetricsRoute.of(() ->
                "# TYPE varde_checks_total counter\nvarde_checks_total{target=\"portal\",outcome=\"ok\"} "
                        + scrapes.incrementAndGet() + ".0\n")));
        return new Http(server.port());
    }

    @Test
    void eachScrapeGetsTheCurrentTextAsPrometheusTextFormat() throws Exception {
        Http http = start(new AtomicInteger());

        HttpResponse<String> first = http.get("/metrics");
        HttpResponse<String> second = http.get("/metrics");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(first.body()).contains("varde_checks_total{target=\"portal\",outcome=\"ok\"} 1.0");
        assertThat(second.body()).contains("} 2.0");
    }

    @Test
    void postingToMetricsIsAWrongMethod() throws Exception {
        Http http = start(new AtomicInteger());

        HttpResponse<String> response = http.send(http.to("/metrics").POST(BodyPublishers.ofString("x")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
}
