package io.varde.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.core.Card;
import io.varde.core.Labels;
import io.varde.detect.TargetState;
import io.varde.incident.AffectedTarget;
import io.varde.incident.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The values stored as JSON text: an incident's affected targets and labels, an outbox message's
 * card and mentions. Written explicitly (not by reflection on the domain records) where the
 * domain type has helpers Jackson would mistake for properties, so that the stored format only
 * changes on purpose. Instants are ISO-8601 strings.
 */
final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private JsonColumns() {
    }

    /** {@code [{"target":"a","state":"DOWN","since":"2025-...Z","problem":"..."}, ...]}. */
    static String targets(List<AffectedTarget> targets) {
        ArrayNode array = JSON.createArrayNode();
        for (AffectedTarget t : targets) {
            ObjectNode o = array.addObject();
            o.put("target", t.targetId());
            o.put("state", t.state().name());
            o.put("since", t.since().toString());
            o.put("problem", t.problem());
        }
        return write(array);
    }

    static List<AffectedTarget> targets(String json) {
        List<AffectedTarget> out = new ArrayList<>();
        for (JsonNode o : read(json)) {
            out.add(new AffectedTarget(o.get("target").asText(), TargetState.valueOf(o.get("state").asText()),
                    Instant.parse(o.get("since").asText()), o.get("problem").asText()));
        }
        return out;
    }

    /** {@code [{"ref":"C-12","text":"..."}, ...]}. */
    static String evidence(List<Evidence> evidence) {
        ArrayNode array = JSON.createArrayNode();
        for (Evidence e : evidence) {
            array.addObject().put("ref", e.ref()).put("text", e.text());
        }
        return write(array);
    }

    static List<Evidence> evidence(String json) {
        List<Evidence> out = new ArrayList<>();
        for (JsonNode o : read(json)) {
            out.add(new Evidence(o.get("ref").asText(), o.get("text").asText()));
        }
        return out;
    }

    /** {@code {"org":"kk","sector":"government"}}. */
    static String labels(Labels labels) {
        return write(labels.map());
    }

    static Labels labels(String json) {
        return new Labels(read(json, STRING_MAP));
    }

    /** The card as Jackson writes the record (title, severity, fields, lines, buttons). */
    static String card(Card card) {
        return write(card);
    }

    static Card card(String json) {
        return read(json, new TypeReference<Card>() { });
    }

    static String strings(List<String> values) {
        return write(values);
    }

    static List<String> strings(String json) {
        return List.copyOf(read(json, STRING_LIST));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
