package io.varde.check.probe;

import io.varde.check.HttpSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Builds the request an {@link HttpSpec} describes, plus what Varde adds: a default
 * {@code User-Agent} and {@code Connection: close}.
 * <p>
 * Why {@code Connection: close}: a DDoS often breaks new connections while old keep-alive ones
 * still work, so reusing a pooled connection would hide the outage. Like Prometheus'
 * blackbox_exporter, every check opens a fresh TCP connection. The JDK refuses that header unless
 * the system property {@value #ALLOW_PROPERTY} lists it, and reads the property once, when its
 * HTTP internals load; {@link HttpProber} sets it in its static initializer. Jetty's requests
 * (checks with a source address) are built alike by {@link #jetty}.
 */
final class HttpRequests {

    static final String ALLOW_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    private HttpRequests() {
    }

    /**
     * The value for {@value #ALLOW_PROPERTY}: {@code existing} (may be null) with {@code names}
     * added when missing, compared case-insensitively, existing entries first and kept as given.
     */
    static String withAllowed(String existing, String... names) {
        Set<String> lower = new LinkedHashSet<>();
        StringBuilder value = new StringBuilder();
        if (existing != null) {
            for (String part : existing.split(",")) {
                String name = part.strip();
                if (!name.isEmpty() && lower.add(name.toLowerCase(Locale.ROOT))) {
                    value.append(value.length() == 0 ? "" : ",").append(name);
                }
            }
        }
        for (String name : names) {
            if (lower.add(name.toLowerCase(Locale.ROOT))) {
                value.append(value.length() == 0 ? "" : ",").append(name);
            }
        }
        return value.toString();
    }

    /** Whether this JVM's HTTP client accepts a {@code Connection} request header. */
    static boolean connectionHeaderAllowed() {
        try {
            HttpRequest.newBuilder().header("Connection", "close");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The request for {@code spec}. A header in the spec wins over Varde's defaults, so a user
     * may send {@code Connection: keep-alive} on purpose.
     *
     * @param timeout         also given to the JDK, which then aborts a connection that shows
     *                        no response headers in time (the prober's own deadline covers
     *                        the body as well)
     * @param closeConnection whether to ask for a fresh connection ({@code Connection: close})
     * @throws IllegalArgumentException when the URL, method or a header is not acceptable
     */
    static HttpRequest build(HttpSpec spec, Duration timeout, String userAgent,
                             boolean closeConnection) {
        HttpRequest.BodyPublisher body = spec.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(spec.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(spec.url())
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .timeout(timeout)
                .method(spec.method(), body);
        boolean hasAgent = false;
        boolean hasConnection = false;
        for (Map.Entry<String, String> header : spec.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
            hasAgent |= header.getKey().equalsIgnoreCase("User-Agent");
            hasConnection |= header.getKey().equalsIgnoreCase("Connection");
        }
        if (!hasAgent) {
            builder.header("User-Agent", userAgent);
        }
        if (closeConnection && !hasConnection) {
            builder.header("Connection", "close");
        }
        return builder.build();
    }

    /**
     * One hop of {@code spec}'s request on Jetty's client, as {@link #build} makes it for the
     * JDK's: the spec's headers win over Varde's {@code User-Agent} and {@code Connection: close};
     * the body is sent as UTF-8 with no {@code Content-Type} of Jetty's own; no redirects of
     * Jetty's own.
     */
    static Request jetty(HttpClient client, URI uri, String method, Map<String, String> headers,
                         String content, String userAgent) {
        Request request = client.newRequest(uri).method(method).version(HttpVersion.HTTP_1_1)
                .followRedirects(false);
        request.headers(h -> {
            boolean hasAgent = false;
            boolean hasConnection = false;
            for (Map.Entry<String, String> header : headers.entrySet()) {
                h.add(header.getKey(), header.getValue());
                hasAgent |= header.getKey().equalsIgnoreCase("User-Agent");
                hasConnection |= header.getKey().equalsIgnoreCase("Connection");
            }
            if (!hasAgent) {
                h.put(HttpHeader.USER_AGENT, userAgent);
            }
            if (!hasConnection) {
                h.put(HttpHeader.CONNECTION, "close");
            }
        });
        if (content != null) {
            request.body(new BytesRequestContent((String) null, content.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
