package io.varde.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.detect.DetectionEvent;
import io.varde.detect.Verdict;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A {@link DetectionEvent} as the JSON text body a checking node hands to the coordinator. One
 * object with a {@code type} ({@code state_changed}, {@code flapping_started},
 * {@code flapping_stopped}, {@code connectivity_lost}, {@code connectivity_restored}) and
 * {@code at} (ISO-8601, full precision); targets by id only ({@code target}), resolved on read
 * with the reader's own targets; states and enums by name; {@code lasted}, {@code window} and
 * {@code lostFor} in whole milliseconds (a sub-millisecond part is dropped); a state change's
 * {@code cause} with every field of its {@link CheckResult}, the response time in nanoseconds
 * ({@code responseTimeNanos}) so that it reads back exactly:
 * <pre>{@code
 * {"type":"state_changed","at":"2025-11-13T08:00:00.123456789Z","target":"borger-dk",
 *  "from":"UP","to":"DOWN","lasted":90000,
 *  "cause":{"target":"borger-dk","at":"...","responseTimeNanos":3000000,"outcome":"FAIL",
 *           "error":{"reason":"CONNECT","message":"connection refused"},
 *           "conditions":[{"condition":"[STATUS] == 200","passed":false,"observed":"n/a"}],
 *           "ip":"192.0.2.7"}}
 * }</pre>
 * The nullable fields ({@code lasted}, {@code cause}, {@code cause.error}, {@code cause.ip}) are
 * written as {@code null} and read as null when null or absent; every other field is required.
 * Written explicitly, not by reflection on the records, so the format only changes on purpose.
 */
public final class DetectionEventJson {

    /** The package's mapper, read strictly: text after the object is an error too. */
    private static final ObjectReader READER = JsonColumns.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DetectionEventJson() {
    }

    /** The event as one JSON object. */
    public static String write(DetectionEvent e) {
        ObjectNode o = JsonColumns.mapper().createObjectNode();
        if (e instanceof StateChanged s) {
            head(o, "state_changed", s.at()).put("target", s.target().id());
            o.put("from", s.from().name());
            o.put("to", s.to().name());
            o.put("lasted", s.lasted() == null ? null : s.lasted().toMillis());
            if (s.cause() == null) {
                o.putNull("cause");
            } else {
                cause(o.putObject("cause"), s.cause());
            }
            if (s.judgement() != null) {
                o.putObject("judgement").put("state", s.judgement().state().name())
                        .put("reason", s.judgement().reason().name()).put("where", s.judgement().where());
            }
        } else if (e instanceof FlappingStarted f) {
            head(o, "flapping_started", f.at()).put("target", f.target().id()).put("current", f.current().name())
                    .put("changes", f.changes()).put("window", f.window().toMillis());
        } else if (e instanceof FlappingStopped f) {
            head(o, "flapping_stopped", f.at()).put("target", f.target().id()).put("current", f.current().name());
        } else if (e instanceof ConnectivityLost l) {
            ArrayNode canaries = head(o, "connectivity_lost", l.at()).putArray("canaries");
            for (CanaryFailure c : l.canaries()) {
                canaries.addObject().put("target", c.targetId()).put("reason", c.reason());
            }
        } else if (e instanceof ConnectivityRestored r) {
            head(o, "connectivity_restored", r.at()).put("lostFor", r.lostFor().toMillis())
                    .put("recheck", r.recheck());
        } else if (e instanceof DetectionEvent.LocationChanged l) {
            head(o, "location_changed", l.at()).put("location", l.location()).put("change", l.change().name())
                    .put("detail", l.detail());
        } else {
            throw new IllegalArgumentException("not a known detection event: " + e);
        }
        try {
            return JsonColumns.mapper().writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write detection event: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * The event in {@code body}, its targets looked up by id in {@code targets}.
     *
     * @param targets the reader's target for an id, or null when it has none
     * @throws IllegalArgumentException on a malformed body or a target id unknown to {@code targets}
     *                                  (returns null)
     */
    public static DetectionEvent read(String body, Function<String, Target> targets) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("detection event: empty body");
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("detection event: malformed JSON: " + ex.getOriginalMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("detection event: not a JSON object");
        }
        Fields f = new Fields(root, "");
        String type = f.text("type");
        return switch (type) {
            case "state_changed" -> new StateChanged(f.instant("at"), target(f, targets),
                    f.state("from"), f.state("to"), f.nullableMillis("lasted"), cause(f.nullableObject("cause")),
                    judgement(f.nullableObject("judgement")));
            case "location_changed" -> new DetectionEvent.LocationChanged(f.instant("at"), f.text("location"),
                    f.enumValue("change", DetectionEvent.LocationChange.class), f.text("detail"));
            case "flapping_started" -> new FlappingStarted(f.instant("at"), target(f, targets),
                    f.state("current"), f.integer("changes"), f.millis("window"));
            case "flapping_stopped" -> new FlappingStopped(f.instant("at"), target(f, targets), f.state("current"));
            case "connectivity_lost" -> new ConnectivityLost(f.instant("at"),
                    f.objects("canaries").stream()
                            .map(c -> new CanaryFailure(c.text("target"), c.text("reason"))).toList());
            case "connectivity_restored" -> new ConnectivityRestored(f.instant("at"), f.millis("lostFor"),
                    f.integer("recheck"));
            default -> throw new IllegalArgumentException("detection event: unknown type '" + type + "'");
        };
    }

    private static ObjectNode head(ObjectNode o, String type, Instant at) {
        return o.put("type", type).put("at", at.toString());
    }

    private static void cause(ObjectNode o, CheckResult r) {
        o.put("target", r.targetId());
        o.put("at", r.at().toString());
        o.put("responseTimeNanos", r.responseTime().toNanos());
        o.put("outcome", r.outcome().name());
        if (r.error() == null) {
            o.putNull("error");
        } else {
            o.putObject("error").put("reason", r.error().reason().name()).put("message", r.error().message());
        }
        ArrayNode conditions = o.putArray("conditions");
        for (ConditionResult c : r.conditions()) {
            conditions.addObject().put("condition", c.condition()).put("passed", c.passed())
                    .put("observed", c.observed());
        }
        o.put("ip", r.ip());
        if (r.mitigation() != null) {
            o.put("mitigation", r.mitigation());
        }
    }

    private static CheckResult cause(Fields f) {
        if (f == null) {
            return null;
        }
        Fields error = f.nullableObject("error");
        return new CheckResult(f.text("target"), f.instant("at"), Duration.ofNanos(f.whole("responseTimeNanos")),
                f.enumValue("outcome", Outcome.class),
                error == null ? null : new ProbeError(error.enumValue("reason", ProbeError.Reason.class),
                        error.text("message")),
                f.objects("conditions").stream()
                        .map(c -> new ConditionResult(c.text("condition"), c.bool("passed"), c.text("observed")))
                        .toList(),
                f.nullableText("ip"), f.nullableText("mitigation"));
    }

    /** Absent in events of nodes without vantage points. */
    private static Verdict.Judgement judgement(Fields f) {
        return f == null ? null : new Verdict.Judgement(f.state("state"),
                f.enumValue("reason", Verdict.Reason.class), f.text("where"));
    }

    private static Target target(Fields f, Function<String, Target> targets) {
        String id = f.text("target");
        Target t = targets.apply(id);
        if (t == null) {
            throw new IllegalArgumentException("detection event: unknown target '" + id + "'");
        }
        return t;
    }

    /** An object's fields, each read or refused with its path ({@code cause.error.reason}). */
    private record Fields(JsonNode node, String path) {

        private JsonNode required(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw bad(name, "missing");
            }
            return v;
        }

        private JsonNode nullable(String name) {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        private IllegalArgumentException bad(String name, String problem) {
            return new IllegalArgumentException("detection event: " + path + name + ": " + problem);
        }

        String text(String name) {
            return text(name, required(name));
        }

        String nullableText(String name) {
            JsonNode v = nullable(name);
            return v == null ? null : text(name, v);
        }

        private String text(String name, JsonNode v) {
            if (!v.isTextual()) {
                throw bad(name, "not a string");
            }
            return v.asText();
        }

        boolean bool(String name) {
            JsonNode v = required(name);
            if (!v.isBoolean()) {
                throw bad(name, "not true or false");
            }
            return v.asBoolean();
        }

        long whole(String name) {
            return whole(name, required(name));
        }

        private long whole(String name, JsonNode v) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw bad(name, "not a whole number");
            }
            return v.asLong();
        }

        int integer(String name) {
            JsonNode v = required(name);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad(name, "not a whole number");
            }
            return v.asInt();
        }

        Duration millis(String name) {
            return Duration.ofMillis(whole(name));
        }

        Duration nullableMillis(String name) {
            JsonNode v = nullable(name);
            return v == null ? null : Duration.ofMillis(whole(name, v));
        }

        Instant instant(String name) {
            String text = text(name);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException ex) {
                throw bad(name, "not an ISO-8601 instant: '" + text + "'");
            }
        }

        TargetState state(String name) {
            return enumValue(name, TargetState.class);
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) {
            String text = text(name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(text)) {
                    return e;
                }
            }
            throw bad(name, "unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '" + text + "'");
        }

        Fields nullableObject(String name) {
            JsonNode v = nullable(name);
            if (v == null) {
                return null;
            }
            if (!v.isObject()) {
                throw bad(name, "not an object");
            }
            return new Fields(v, path + name + ".");
        }

        List<Fields> objects(String name) {
            JsonNode v = required(name);
            if (!v.isArray()) {
                throw bad(name, "not a list");
            }
            List<Fields> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isObject()) {
                    throw bad(name + "[" + i + "]", "not an object");
                }
                out.add(new Fields(v.get(i), path + name + "[" + i + "]."));
            }
            return out;
        }
    }
}
