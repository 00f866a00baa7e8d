package io.varde.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz}: 200 {@code {"status": "alive"}} whenever the process answers (for a
 * liveness probe: restart only a process that cannot answer at all). {@code GET /readyz}: 200
 * {@code {"status": "ready", "checks": [...]}} when every {@link Readiness} check passes, else 503
 * with {@code "status": "not ready"} and every check's detail, so the failing one says why. Both
 * are {@code Cache-Control: no-store}. A readiness failure is logged at warn, once per change.
 */
public final class HealthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final Readiness readiness;
    private volatile boolean lastReady = true;

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    public List<Route> routes() {
        return List.of(Route.get("/healthz", r -> healthz()), Route.get("/readyz", r -> readyz()));
    }

    private static Response healthz() {
        return Response.json(200, WebJson.MAPPER.createObjectNode().put("status", "alive"))
                .withHeader("Cache-Control", "no-store");
    }

    private Response readyz() {
        List<Readiness.Outcome> outcomes = readiness.run();
        boolean ready = outcomes.stream().allMatch(Readiness.Outcome::ok);
        ObjectNode body = WebJson.MAPPER.createObjectNode().put("status", ready ? "ready" : "not ready");
        ArrayNode checks = body.putArray("checks");
        for (Readiness.Outcome o : outcomes) {
            checks.addObject().put("name", o.name()).put("ok", o.ok()).put("detail", o.detail());
        }
        if (ready != lastReady) {
            lastReady = ready;
            if (ready) {
                LOG.info("event=ready");
            } else {
                LOG.warn("event=not_ready failing=\"{}\"", outcomes.stream().filter(o -> !o.ok())
                        .map(o -> o.name() + ": " + o.detail()).reduce((a, b) -> a + "; " + b).orElse("")
                        .replace('"', '\''));
            }
        }
        return Response.json(ready ? 200 : 503, body).withHeader("Cache-Control", "no-store");
    }
}
