package io.varde.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: status, content type (every response has one), extra headers and the
 * whole body. Immutable (the body array is not copied: do not change it after handing it over).
 *
 * @param headers extra headers, e.g. {@code Allow} or {@code WWW-Authenticate}
 */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    public Response {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    /** A JSON body. */
    public static Response json(int status, JsonNode body) {
        try {
            return new Response(status, JSON, Map.of(), WebJson.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** An error: {@code {"error": message}}. The message goes to the caller: no secrets, no stack traces. */
    public static Response error(int status, String message) {
        return json(status, WebJson.MAPPER.createObjectNode().put("error", message));
    }

    /** A plain text body. */
    public static Response text(int status, String text) {
        return new Response(status, TEXT, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** This response with header {@code name} set to {@code value}. */
    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, more, body);
    }
}
