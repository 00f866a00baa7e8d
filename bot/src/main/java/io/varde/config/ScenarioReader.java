package io.varde.config;

import io.varde.check.Target;
import io.varde.core.Durations;
import io.varde.replay.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a replay scenario ({@code rules/scenarios/*.yaml}, documented in {@code docs/SCENARIOS.md})
 * into a {@link Scenario}: {@code name}, {@code start}, an optional {@code end} (default: two
 * hours after the last step) and {@code steps}, each an {@code at} and one action. Every problem
 * is reported at once as {@code file:line: key: message}, like the rules files: unknown keys,
 * bad times, steps out of order, a step with no action or two, unknown target ids (with the
 * nearest one suggested), unreadable claimed hosts, a task list file that is missing or is not a
 * DDoSia list. Task list files are read here, relative to the scenario's directory, so a replay
 * never fails half-way on one.
 *
 * <p>Times are ISO-8601 with a zone ({@code 2025-11-12T07:02:00Z}) or, except for {@code start},
 * an offset from {@code start} ({@code +1h30m}).
 */
public final class ScenarioReader {

    /** When {@code end} is not given: this long after the last step. */
    public static final Duration DEFAULT_TAIL = Duration.ofHours(2);

    private static final List<String> ROOT_KEYS = List.of("name", "start", "end", "steps");

    private ScenarioReader() {
    }

    /**
     * Reads and validates {@code file}.
     *
     * @param targets the rules' targets: the only ids a step may name
     * @param env     for {@code ${VAR}} references, as in the rules files
     * @throws ConfigException listing every problem, sorted by line
     */
    public static Scenario read(Path file, List<Target> targets, Map<String, String> env) throws ConfigException {
        Problems problems = new Problems(file.toString());
        Values values = new Values(problems, env);
        Optional<Node> root = YamlSource.read(file, problems,
                "the file is empty; a scenario needs `start` and `steps`");
        if (root.isEmpty()) {
            throw problems.toException();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            problems.add(root.get(), ConfigError.WHOLE_FILE, "expected a mapping with `start` and `steps` at the "
                    + "top level, got " + Values.describe(root.get()));
            throw problems.toException();
        }
        YamlMap top = new YamlMap(mapping, "", values);
        top.rejectUnknown(ROOT_KEYS);
        String name = top.text("name").orElse(defaultName(file));
        Optional<Instant> start = Optional.empty();
        if (top.has("start")) {
            start = top.text("start").flatMap(text -> absolute(top, "start", text));
        } else {
            top.missing("start");
        }
        List<ScenarioSteps.Draft> drafts = steps(top, new ScenarioSteps(file, targets, start));
        Optional<Instant> end = top.has("end") ? time(top, "end", start) : Optional.empty();
        if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
            problems.add(top.get("end").orElseThrow(), "end", "must be after start (" + start.get() + "), got "
                    + end.get());
            end = Optional.empty();
        }
        checkOrder(drafts, start, end, problems);
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        Instant last = drafts.stream().map(ScenarioSteps.Draft::at).max(Instant::compareTo).orElseThrow();
        Instant finish = end.orElse((last.isAfter(start.orElseThrow()) ? last : start.get()).plus(DEFAULT_TAIL));
        return new Scenario(name, start.get(), finish, drafts.stream().map(ScenarioSteps.Draft::step).toList());
    }

    private static List<ScenarioSteps.Draft> steps(YamlMap top, ScenarioSteps reader) {
        if (!top.has("steps")) {
            top.missing("steps");
            return List.of();
        }
        List<Node> items = top.list("steps").orElse(null);
        if (items != null && items.isEmpty()) {
            top.problems().add(top.get("steps").orElseThrow(), "steps", "no steps: list at least one, e.g. "
                    + "`- { at: +5m, down: [some-target] }`");
        }
        List<ScenarioSteps.Draft> drafts = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            reader.read(items.get(i), i, top.values()).ifPresent(drafts::add);
        }
        return drafts;
    }

    /** Steps in time order, check steps not before start, none after end. */
    private static void checkOrder(List<ScenarioSteps.Draft> drafts, Optional<Instant> start,
                                   Optional<Instant> end, Problems problems) {
        ScenarioSteps.Draft previous = null;
        for (ScenarioSteps.Draft d : drafts) {
            String key = "steps[" + d.index() + "].at";
            if (previous != null && d.at().isBefore(previous.at())) {
                problems.add(d.atLine(), key, d.at() + " is before the step above it (line " + previous.atLine()
                        + ", at " + previous.at() + "): list the steps in time order");
            } else if (d.checks() && start.isPresent() && d.at().isBefore(start.get())) {
                problems.add(d.atLine(), key, d.at() + " is before start (" + start.get() + "): nothing is "
                        + "checked before start; only claims and task lists may come earlier");
            } else if (end.isPresent() && d.at().isAfter(end.get())) {
                problems.add(d.atLine(), key, d.at() + " is after end (" + end.get() + ")");
            }
            previous = d;
        }
    }

    /** An absolute time, or an offset from {@code start}; empty (reported) when unreadable. */
    static Optional<Instant> time(YamlMap map, String key, Optional<Instant> start) {
        return map.text(key).flatMap(text -> {
            if (!text.startsWith("+")) {
                return absolute(map, key, text);
            }
            try {
                Duration offset = Durations.parse(text.substring(1));
                return start.map(s -> s.plus(offset));
            } catch (IllegalArgumentException e) {
                map.problems().add(map.get(key).orElseThrow(), map.pathOf(key), "invalid offset \"" + text
                        + "\": write + and a duration, e.g. +90s, +5m, +1h30m");
                return Optional.empty();
            }
        });
    }

    private static Optional<Instant> absolute(YamlMap map, String key, String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            String offset = key.equals("start") ? "" : ", or an offset from start, e.g. +1h30m";
            map.problems().add(map.get(key).orElseThrow(), map.pathOf(key), "invalid time \"" + text
                    + "\": write a time with its zone, e.g. 2025-11-12T07:02:00Z" + offset);
            return Optional.empty();
        }
    }

    private static String defaultName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n;
    }
}
