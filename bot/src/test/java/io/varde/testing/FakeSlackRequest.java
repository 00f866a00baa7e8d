package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Web API call as the fake Slack reads it: the method name from the path
 * ({@code /api/chat.postMessage}), the token from {@code Authorization: Bearer} or else a
 * {@code token} parameter, and the parameters from the query string and the body, which is
 * either form-encoded or JSON (the SDK sends a few methods as JSON). A JSON parameter that is not
 * a string (e.g. {@code blocks} as an array) is kept as its JSON text, exactly as a form field
 * carries it.
 */
record FakeSlackRequest(String method, String token, Map<String, String> params) {

    static FakeSlackRequest read(HttpExchange exchange, ObjectMapper json) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = path.substring(path.lastIndexOf('/') + 1);
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(form(query));
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase().contains("json") && !body.isBlank()) {
            JsonNode tree = json.readTree(body);
            tree.fields().forEachRemaining(f -> params.put(f.getKey(),
                    f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        } else if (!body.isBlank()) {
            params.putAll(form(body));
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).trim()
                : params.get("token");
        return new FakeSlackRequest(method, token, Map.copyOf(params));
    }

    /** Decodes {@code a=1&b=x%20y} (UTF-8, {@code +} as space); a later duplicate key wins. */
    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
