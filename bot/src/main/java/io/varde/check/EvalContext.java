package io.varde.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One observation as the conditions of one check see it. The body is parsed as JSON at most
 * once, on first use, however many conditions read it; a context therefore belongs to a single
 * evaluation pass and is not shared between threads. Numbers in a JSON body keep the form they
 * were written in ({@code 1.0} stays {@code 1.0}), so the observed value shows what was seen.
 */
final class EvalContext {

    /** Shown when a JSON path or has() meets a body that does not parse as JSON. */
    static final String NOT_JSON = Value.NOT_AVAILABLE + " (body is not JSON)";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Observation observation;
    private boolean parsed;
    private JsonNode json;

    EvalContext(Observation observation) {
        this.observation = observation;
    }

    Observation observation() {
        return observation;
    }

    /** The body with surrounding white space removed (as Gatus compares it), or null. */
    String body() {
        String body = observation.body();
        return body == null ? null : body.strip();
    }

    /** The body as a JSON tree, or null when there is no body or it is not JSON. */
    JsonNode json() {
        if (!parsed) {
            parsed = true;
            json = parse(observation.body());
        }
        return json;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
