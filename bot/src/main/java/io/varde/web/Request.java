package io.varde.web;

import com.sun.net.httpserver.Headers;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request as a handler sees it: method, path, path parameters, headers and the body as a
 * stream (read only as much as needed; {@link WebServer} discards or cuts off the rest).
 */
public final class Request {

    private final String method;
    private final String path;
    private final Map<String, String> params;
    private final Headers headers;
    private final InputStream body;

    Request(String method, String path, Map<String, String> params, Headers headers, InputStream body) {
        this.method = method;
        this.path = path;
        this.params = Map.copyOf(params);
        this.headers = headers;
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The path as sent, without the query. */
    public String path() {
        return path;
    }

    /** The path parameter {@code name} of the route ({@code id} in {@code /api/targets/{id}}), decoded. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The declared {@code Content-Length}; empty for a chunked body or an unreadable value. */
    public OptionalLong contentLength() {
        String value = headers.getFirst("Content-Length");
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
}
