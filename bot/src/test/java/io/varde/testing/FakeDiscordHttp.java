package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.varde.testing.FakeDiscordRest.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reading a request of the fake Discord's JDK HTTP server and writing its {@link Answer}: the
 * method, the path relative to the API base, the {@code Authorization} header and the JSON body
 * (missing when empty, null when it is not JSON: JDA sends JSON unless it uploads files, which the
 * fake does not take). A 204 goes without a body, as Discord sends it.
 */
final class FakeDiscordHttp {

    /** Answers one request; called on the server's threads. */
    interface Api {
        Answer answer(String method, String path, String authorization, JsonNode body);
    }

    private FakeDiscordHttp() {
    }

    static void serve(HttpExchange exchange, String base, ObjectMapper json, Api api) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(base.length());
        if (exchange.getRequestURI().getRawQuery() != null) {
            path += "?" + exchange.getRequestURI().getRawQuery();
        }
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode body;
        if (text.isBlank()) {
            body = json.missingNode();
        } else if (type != null && type.toLowerCase().contains("json")) {
            body = json.readTree(text);
        } else {
            body = null;
        }
        Answer answer = api.answer(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"), body);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            FakeHttp.write(exchange, answer.status(), "application/json", answer.body().toString());
        }
    }
}
