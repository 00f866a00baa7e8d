package io.varde.config;

import io.varde.check.Target;
import io.varde.intel.ClaimSource;
import io.varde.intel.HostReading;
import io.varde.intel.RawClaim;
import io.varde.intel.TaskList;
import io.varde.intel.feed.DdosiaTaskLists;
import io.varde.replay.Scenario;
import io.varde.replay.Scenario.Behaviour;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one step of a scenario for {@link ScenarioReader}: {@code at} and exactly one action,
 * {@code down}, {@code slow} or {@code up} (target ids), {@code claim} (a claim as a source sends
 * it) or {@code task-list} (a DDoSia list file, read here).
 */
final class ScenarioSteps {

    static final List<String> ACTIONS = List.of("down", "slow", "up", "claim", "task-list");
    private static final List<String> STEP_KEYS = Stream.concat(Stream.of("at"), ACTIONS.stream()).toList();
    private static final List<String> CLAIM_KEYS =
            List.of("source", "name", "actor", "hosts", "paths", "links", "text", "claimed-at");
    private static final List<String> TASK_LIST_KEYS = List.of("source", "file", "actor");
    private static final List<String> SOURCE_WORDS = Stream.of(ClaimSource.values()).map(ClaimSource::word).toList();

    /**
     * A step whose time could be read.
     *
     * @param atLine the line of its {@code at}
     * @param checks true for {@code down}, {@code slow} and {@code up}
     * @param step   the step, or null when its action has problems (reported)
     */
    record Draft(int index, int atLine, Instant at, boolean checks, Scenario.Step step) {
    }

    private final Path file;
    private final List<String> targetIds;
    private final Optional<Instant> start;

    ScenarioSteps(Path file, List<Target> targets, Optional<Instant> start) {
        this.file = file;
        this.targetIds = targets.stream().map(Target::id).toList();
        this.start = start;
    }

    /** The step at {@code steps[index]}; empty when its time is unusable. Every problem is reported. */
    Optional<Draft> read(Node node, int index, Values values) {
        String path = "steps[" + index + "]";
        Optional<MappingNode> mapping = values.mapping(node, path);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = new YamlMap(mapping.get(), path, values);
        m.rejectUnknown(STEP_KEYS);
        Optional<Instant> at = Optional.empty();
        if (m.has("at")) {
            at = ScenarioReader.time(m, "at", start);
        } else {
            m.missing("at");
        }
        List<String> actions = m.keys().stream().filter(ACTIONS::contains).toList();
        if (actions.isEmpty()) {
            m.problems().add(m.line(), path, "a step needs one action: " + String.join(", ", ACTIONS));
        }
        for (String extra : actions.subList(Math.min(1, actions.size()), actions.size())) {
            m.problems().add(m.keyNode(extra), m.pathOf(extra), "one action per step, and this step already has `"
                    + actions.get(0) + "`: give each action a step of its own (steps may share a time)");
        }
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        String action = actions.get(0);
        Optional<Scenario.Step> step = action(m, action, at, index);
        return at.map(t -> new Draft(index, Problems.lineOf(m.get("at").orElseThrow()), t,
                List.of("down", "slow", "up").contains(action), step.orElse(null)));
    }

    /**
     * Reads the action and reports its problems, also when the step's time is unusable; the step
     * is built only when both are good.
     */
    private Optional<Scenario.Step> action(YamlMap m, String action, Optional<Instant> at, int index) {
        int line = m.line();
        return switch (action) {
            case "down" -> checks(m, action, at, line, Behaviour.DOWN);
            case "slow" -> checks(m, action, at, line, Behaviour.SLOW);
            case "up" -> checks(m, action, at, line, Behaviour.UP);
            case "claim" -> m.map(action).flatMap(c -> claim(c, at, index))
                    .flatMap(raw -> at.map(t -> new Scenario.Step.Claim(t, line, raw)));
            default -> m.map(action).flatMap(t -> taskList(t, at, line));
        };
    }

    /** {@code down}, {@code slow} or {@code up}: known target ids, at least one. */
    private Optional<Scenario.Step> checks(YamlMap m, String key, Optional<Instant> at, int line, Behaviour b) {
        return TeamLists.checkedTexts(m, key, id -> targetIds.contains(id) ? null
                : Suggestions.unknownWord("target", id, targetIds))
                .filter(ids -> nonEmpty(m, key, ids, "list at least one target id from targets.yaml"))
                .flatMap(ids -> at.map(t -> new Scenario.Step.Checks(t, line, b, ids)));
    }

    /** The claim; empty when it has problems or the step's time is unusable. */
    private Optional<RawClaim> claim(YamlMap c, Optional<Instant> at, int index) {
        c.rejectUnknown(CLAIM_KEYS);
        Optional<ClaimSource> source = required(c, "source").flatMap(word -> {
            Optional<ClaimSource> s = ClaimSource.ofWord(word);
            if (s.isEmpty()) {
                c.problems().add(c.get("source").orElseThrow(), c.pathOf("source"),
                        Suggestions.unknownWord("source", word, SOURCE_WORDS));
            }
            return s;
        });
        Optional<String> name = required(c, "name");
        Optional<List<String>> hosts = c.has("hosts") ? TeamLists.checkedTexts(c, "hosts", ScenarioSteps::hostProblem)
                .filter(h -> nonEmpty(c, "hosts", h, "list at least one claimed host, e.g. [www.trm.dk]"))
                : missing(c, "hosts");
        Optional<List<String>> paths = optionalTexts(c, "paths");
        Optional<List<String>> links = optionalTexts(c, "links");
        Optional<Instant> claimedAt = c.has("claimed-at") ? ScenarioReader.time(c, "claimed-at", start)
                .filter(t -> {
                    if (at.isPresent() && t.isAfter(at.get())) {
                        c.problems().add(c.get("claimed-at").orElseThrow(), c.pathOf("claimed-at"), t
                                + " is after the step's time (" + at.get() + "): a claim is seen after it is made");
                        return false;
                    }
                    return true;
                }) : at;
        String actor = c.text("actor").orElse("");
        String text = c.text("text").orElse("");
        if (source.isEmpty() || name.isEmpty() || hosts.isEmpty() || paths.isEmpty() || links.isEmpty()
                || claimedAt.isEmpty()) {
            return Optional.empty();
        }
        return at.map(observed -> new RawClaim(source.get(), name.get(), "step-" + (index + 1), actor,
                claimedAt.get(), observed, hosts.get(), paths.get(), links.get(), text));
    }

    /** The task list step; its file is read (and checked) also when the step's time is unusable. */
    private Optional<Scenario.Step> taskList(YamlMap t, Optional<Instant> at, int line) {
        t.rejectUnknown(TASK_LIST_KEYS);
        Optional<String> source = required(t, "source");
        Optional<TaskList> list = required(t, "file").flatMap(name -> {
            Path listFile = file.resolveSibling(name);
            try (InputStream in = Files.newInputStream(listFile)) {
                return Optional.of(DdosiaTaskLists.read(in, listFile.getFileName().toString(),
                        at.orElse(Instant.EPOCH)));
            } catch (NoSuchFileException e) {
                t.problems().add(t.get("file").orElseThrow(), t.pathOf("file"), "file not found: " + listFile);
            } catch (DdosiaTaskLists.TaskListFormatException e) {
                t.problems().add(t.get("file").orElseThrow(), t.pathOf("file"), "not a DDoSia task list: "
                        + e.getMessage());
            } catch (IOException e) {
                t.problems().add(t.get("file").orElseThrow(), t.pathOf("file"), "cannot read " + listFile + ": "
                        + e.getMessage());
            }
            return Optional.empty();
        });
        String actor = t.text("actor").orElse("");
        return source.isPresent() && list.isPresent()
                ? at.map(time -> new Scenario.Step.Tasks(time, line, source.get(), actor, list.get()))
                : Optional.empty();
    }

    private static String hostProblem(String host) {
        return io.varde.intel.HostNames.normalise(host) instanceof HostReading.Refused r
                ? "cannot read host \"" + host + "\": " + r.reason() : null;
    }

    private static Optional<List<String>> optionalTexts(YamlMap m, String key) {
        return m.has(key) ? TeamLists.checkedTexts(m, key, text -> null) : Optional.of(List.of());
    }

    private static Optional<String> required(YamlMap m, String key) {
        if (!m.has(key)) {
            m.missing(key);
            return Optional.empty();
        }
        return m.text(key);
    }

    private static <T> Optional<T> missing(YamlMap m, String key) {
        m.missing(key);
        return Optional.empty();
    }

    private static boolean nonEmpty(YamlMap m, String key, List<String> items, String hint) {
        if (items.isEmpty()) {
            m.problems().add(m.get(key).orElseThrow(), m.pathOf(key), "empty list: " + hint);
        }
        return !items.isEmpty();
    }
}
