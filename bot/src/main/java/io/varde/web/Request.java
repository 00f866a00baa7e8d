package io.varde.web;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One request as a handler sees it: method, path, path parameters, headers and the body as a
 * stream (read only as much as needed). {@link WebServer} hands a request over only once its body
 * is in whole, at most the server's body limit (1 MiB), so reading it never waits for the
 * client.
 */
public final class Request {

    private final String method;
    private final String path;
    private final Map<String, String> params;
    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> byName;
    private final InputStream body;
    private final String remoteAddress;

    /**
     * @param rawQuery      the query string as sent (percent-encoded), or null when there is none
     * @param headers       every header, names as parsed, in the order received
     * @param remoteAddress the peer's IP address (the connection's, never a forwarded-for header)
     */
    Request(String method, String path, Map<String, String> params, String rawQuery,
            Map<String, List<String>> headers, InputStream body, String remoteAddress) {
        this.remoteAddress = remoteAddress == null || remoteAddress.isEmpty() ? "-" : remoteAddress;
        this.method = method;
        this.path = path;
        this.params = Map.copyOf(params);
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        Map<String, List<String>> anyCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            ordered.put(name, List.copyOf(values));
            anyCase.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
        });
        this.headers = Collections.unmodifiableMap(ordered);
        this.byName = anyCase;
        this.body = body;
    }

    public String method() {
        return method;
    }

    /**
     * The peer's IP address, as the connection has it ({@code -} when unknown): behind a proxy,
     * the proxy's. Headers such as {@code X-Forwarded-For} are the sender's own claim and are not
     * read.
     */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The path as sent, without the query. */
    public String path() {
        return path;
    }

    /** The path parameter {@code name} of the route ({@code id} in {@code /api/targets/{id}}), decoded. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /**
     * The first value of query parameter {@code name} ({@code sector} in {@code ?sector=energy}),
     * decoded; a parameter given without {@code =} reads as empty.
     */
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        List<String> values = byName.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /**
     * Every header, for handlers that pass a request on whole: names as the server parsed them
     * (well-known ones in their usual case, others as received), in the order received.
     */
    public Map<String, List<String>> headers() {
        return new LinkedHashMap<>(headers);
    }

    /** The declared {@code Content-Length}; empty for a chunked body or an unreadable value. */
    public OptionalLong contentLength() {
        String value = header("Content-Length").orElse(null);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The body; read at most what you will accept. */
    public InputStream body() {
        return body;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
