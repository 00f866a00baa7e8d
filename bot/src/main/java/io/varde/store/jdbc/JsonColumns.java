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
import io.varde.intel.ClaimMatch;
import io.varde.intel.HostName;
import io.varde.intel.Match;
import io.varde.notify.OutboxStore.Settlement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values stored as JSON text: an incident's affected targets and labels, an outbox message's
 * card and mentions, a claim's hosts, a task list's paths by host and the targets it tasks.
 * Written explicitly (not by reflection on the domain records) where the domain type has helpers
 * Jackson would mistake for properties, so that the stored format only changes on purpose.
 * Instants are ISO-8601 strings.
 */
final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private JsonColumns() {
    }

    /** The package's one mapper, for other JSON bodies of the package ({@link DetectionEventJson}). */
    static ObjectMapper mapper() {
        return JSON;
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

    /** {@code [{"id":12,"attempts":1,"result":"SENT","detail":""}, ...]}: a delivery's settlements. */
    static String settlements(List<Settlement> settlements) {
        ArrayNode out = JSON.createArrayNode();
        for (Settlement s : settlements) {
            out.addObject().put("id", s.id()).put("attempts", s.attempts()).put("result", s.result().name())
                    .put("detail", s.detail());
        }
        return write(out);
    }

    static List<Settlement> settlements(String json) {
        List<Settlement> out = new ArrayList<>();
        for (JsonNode s : read(json)) {
            out.add(new Settlement(s.path("id").asLong(), s.path("attempts").asInt(),
                    Settlement.Result.valueOf(s.path("result").asText()), s.path("detail").asText("")));
        }
        return List.copyOf(out);
    }

    static String strings(List<String> values) {
        return write(values);
    }

    static List<String> strings(String json) {
        return List.copyOf(read(json, STRING_LIST));
    }

    /**
     * {@code [{"host":"xn--...","key":"...","registrableDomain":"..." or null,"ip":false}, ...]}:
     * every field, so that a {@link HostName} reads back equal without the public suffix list.
     */
    static String hosts(List<HostName> hosts) {
        ArrayNode array = JSON.createArrayNode();
        for (HostName h : hosts) {
            ObjectNode o = array.addObject();
            o.put("host", h.host());
            o.put("key", h.key());
            o.put("registrableDomain", h.registrableDomain().orElse(null));
            o.put("ip", h.ip());
        }
        return write(array);
    }

    static List<HostName> hosts(String json) {
        List<HostName> out = new ArrayList<>();
        for (JsonNode o : read(json)) {
            JsonNode domain = o.get("registrableDomain");
            out.add(new HostName(o.get("host").asText(), o.get("key").asText(),
                    domain == null || domain.isNull() ? Optional.empty() : Optional.of(domain.asText()),
                    o.get("ip").asBoolean()));
        }
        return out;
    }

    /** {@code {"www.trm.dk":["","/search?q=$_1"], ...}}: hosts in the map's order, paths sorted. */
    static String pathsByHost(Map<String, Set<String>> pathsByHost) {
        ObjectNode object = JSON.createObjectNode();
        pathsByHost.forEach((host, paths) -> {
            ArrayNode array = object.putArray(host);
            new TreeSet<>(paths).forEach(array::add);
        });
        return write(object);
    }

    /** The map in stored host order. */
    static Map<String, Set<String>> pathsByHost(String json) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = read(json).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Set<String> paths = new LinkedHashSet<>();
            e.getValue().forEach(p -> paths.add(p.asText()));
            out.put(e.getKey(), paths);
        }
        return out;
    }

    /** {@code [{"target":"trm-dk","host":"www.trm.dk","reason":"HOST","detail":"..."}, ...]}. */
    static String matches(List<ClaimMatch> matches) {
        ArrayNode array = JSON.createArrayNode();
        for (ClaimMatch m : matches) {
            ObjectNode o = array.addObject();
            o.put("target", m.targetId());
            o.put("host", m.host());
            o.put("reason", m.reason().name());
            o.put("detail", m.detail());
        }
        return write(array);
    }

    static List<ClaimMatch> matches(String json) {
        List<ClaimMatch> out = new ArrayList<>();
        for (JsonNode o : read(json)) {
            out.add(new ClaimMatch(o.get("target").asText(), o.get("host").asText(),
                    Match.Reason.valueOf(o.get("reason").asText()), o.get("detail").asText()));
        }
        return out;
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
