package io.varde.app;

import io.varde.vantage.ProbeEndpoint;
import io.varde.web.Response;
import io.varde.web.Route;
import java.io.IOException;
import java.util.List;

/**
 * The probe agents' two endpoints on the web server, over a {@link ProbeEndpoint}:
 * {@code GET /api/probe/assignments} and {@code POST /api/probe/results}. The body is read as
 * Slack's is ({@link ChatPlatforms#routes}): a declared length over the cap gets 413 unread, and
 * at most one byte more than the cap is read, so the endpoint sees an over-long body as such.
 */
final class ProbeRoutes {

    private ProbeRoutes() {
    }

    static List<Route> of(ProbeEndpoint endpoint) {
        return List.of(
                Route.get("/api/probe/assignments", r -> response(endpoint.assignments(r.header("Authorization"),
                        r.header("If-None-Match")))),
                Route.post("/api/probe/results", r -> {
                    if (r.contentLength().orElse(0) > ProbeEndpoint.MAX_COMPRESSED) {
                        return Response.error(413, "a batch is at most " + ProbeEndpoint.MAX_COMPRESSED
                                + " bytes as sent");
                    }
                    byte[] body;
                    try {
                        body = r.body().readNBytes(ProbeEndpoint.MAX_COMPRESSED + 1);
                    } catch (IOException e) {
                        return Response.error(400, "the body could not be read");
                    }
                    return response(endpoint.results(r.header("Authorization"), r.header("Content-Encoding"), body));
                }));
    }

    private static Response response(ProbeEndpoint.Answer a) {
        return new Response(a.status(), a.contentType(), a.headers(), a.body());
    }
}
