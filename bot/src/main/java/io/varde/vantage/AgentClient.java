package io.varde.vantage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's two requests to the server, over the JDK's HTTP client (HTTP/1.1, certificates
 * verified against the JDK's trust store, no redirects followed, so nothing is sent anywhere but
 * the configured server). Blocking: called on the agent's own fetch and send threads only.
 */
final class AgentClient {

    /** The most of an answer read: an assignment of many thousand targets fits easily. */
    private static final int MAX_ANSWER = 64 * 1024 * 1024;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    static final Duration REQUEST = Duration.ofSeconds(30);

    /** An answer: its status, body (capped) and the headers the agent reads. */
    record Reply(int status, byte[] body, Optional<String> etag, Optional<String> retryAfter) {
    }

    private final URI assignments;
    private final URI results;
    private final String authorization;
    private final String userAgent;
    private final HttpClient http;

    AgentClient(AgentSettings settings, String version) {
        this.assignments = settings.resolve("api/probe/assignments");
        this.results = settings.resolve("api/probe/results");
        this.authorization = "Bearer " + settings.token();
        this.userAgent = "varde-probe/" + version + " (" + settings.location() + ")";
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code GET api/probe/assignments}, conditional on {@code etag} when there is one. */
    Reply assignments(Optional<String> etag) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(assignments).timeout(REQUEST).GET()
                .header("Authorization", authorization).header("User-Agent", userAgent)
                .header("Accept", "application/json");
        etag.ifPresent(e -> b.header("If-None-Match", e));
        return send(b.build());
    }

    /** {@code POST api/probe/results} of a gzipped batch, within {@code timeout}. */
    Reply results(byte[] gzipped, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(results).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped))
                .header("Authorization", authorization).header("User-Agent", userAgent)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .build();
        return send(request);
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER + 1);
        }
        if (body.length > MAX_ANSWER) {
            throw new IOException("the server's answer is over " + MAX_ANSWER + " bytes");
        }
        return new Reply(response.statusCode(), body, response.headers().firstValue("ETag"),
                response.headers().firstValue("Retry-After"));
    }
}
