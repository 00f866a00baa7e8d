package io.varde.config;

import io.varde.core.Durations;
import io.varde.intel.IntelSource;
import io.varde.intel.IntelSource.Kind;
import io.varde.intel.IntelSources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code intel.yaml} into {@link IntelSources}: {@code task-lists} and {@code feeds}, each a
 * list of sources with {@code name}, {@code location}, {@code every} and {@code actor}. The
 * result is only meaningful when no problem was reported.
 *
 * <p>A location is an http(s) URL or a path, relative to the rules directory, that must exist
 * when the config is loaded (a directory means the newest list in it): a typo in a path would
 * otherwise show only as a failing source after start. Nothing is fetched here.
 */
final class IntelReader {

    private static final List<String> ROOT_KEYS = List.of("task-lists", "feeds");
    private static final List<String> SOURCE_KEYS = List.of("name", "location", "every", "actor");
    private static final Map<Kind, String> LIST_KEYS = Map.of(Kind.TASK_LIST, "task-lists", Kind.FEED, "feeds");
    /** {@code https:}, {@code ftp:}, ...: a location written with a scheme is a URL, not a path. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private final Path rulesDir;
    /** Each name read so far, with the line where it was given. */
    private final Map<String, Integer> names = new LinkedHashMap<>();

    private IntelReader(Path rulesDir) {
        this.rulesDir = rulesDir;
    }

    /** Reads the top-level mapping of {@code intel.yaml}; paths are resolved against {@code rulesDir}. */
    static IntelSources read(YamlMap top, Path rulesDir) {
        top.rejectUnknown(ROOT_KEYS);
        IntelReader reader = new IntelReader(rulesDir);
        List<IntelSource> sources = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String key = LIST_KEYS.get(kind);
            List<Node> items = top.list(key).orElse(List.of());
            for (int i = 0; i < items.size(); i++) {
                String itemKey = top.pathOf(key) + "[" + i + "]";
                top.values().mapping(items.get(i), itemKey)
                        .flatMap(m -> reader.source(new YamlMap(m, itemKey, top.values()), kind))
                        .ifPresent(sources::add);
            }
        }
        return top.problems().isEmpty() ? new IntelSources(sources) : IntelSources.NONE;
    }

    private Optional<IntelSource> source(YamlMap s, Kind kind) {
        s.rejectUnknown(SOURCE_KEYS, IntelReader::misplaced);
        Optional<String> name = required(s, "name").filter(n -> validName(s, n));
        Optional<URI> location = required(s, "location").flatMap(text -> location(s, text));
        Optional<Duration> every = s.has("every")
                ? s.duration("every", d -> d.compareTo(IntelSource.MIN_EVERY) >= 0,
                        "must be at least " + Durations.format(IntelSource.MIN_EVERY))
                : Optional.of(kind.defaultEvery());
        Optional<String> actor = s.has("actor") ? s.text("actor") : Optional.of("");
        if (name.isEmpty() || location.isEmpty() || every.isEmpty() || actor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IntelSource(name.get(), kind, location.get(), every.get(), actor.get()));
    }

    private static Optional<String> required(YamlMap s, String key) {
        if (!s.has(key)) {
            s.missing(key);
            return Optional.empty();
        }
        return s.text(key);
    }

    /** Reports a bad or repeated name; true when {@code name} is good and new. */
    private boolean validName(YamlMap s, String name) {
        Node node = s.get("name").orElseThrow();
        String problem = TeamLists.nameProblem(name, "source", "ddosia");
        if (problem != null) {
            s.problems().add(node, s.pathOf("name"), problem);
            return false;
        }
        Integer first = names.putIfAbsent(name, Problems.lineOf(node));
        if (first != null) {
            s.problems().add(node, s.pathOf("name"), "source name \"" + name
                    + "\" is already used on line " + first + "; names must be unique across task lists and feeds");
            return false;
        }
        return true;
    }

    /** An http(s) URL, or a path that exists (as a {@code file:} URI), or empty (reported). */
    private Optional<URI> location(YamlMap s, String text) {
        if (SCHEME.matcher(text).matches()) {
            return ProbeSpecReader.url(s, "location", text);
        }
        Node node = s.get("location").orElseThrow();
        Path path;
        try {
            path = rulesDir.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            s.problems().add(node, s.pathOf("location"), "invalid path \"" + text + "\": " + e.getReason());
            return Optional.empty();
        }
        if (!Files.exists(path)) {
            s.problems().add(node, s.pathOf("location"), "no such file or directory: " + text
                    + " (a path is relative to the rules directory; a URL starts with https://)");
            return Optional.empty();
        }
        return Optional.of(path.toUri());
    }

    /** Why a key that names another key's purpose is not taken, or null. */
    private static String misplaced(String key) {
        return switch (key) {
            case "url", "path", "file", "dir", "directory" ->
                    "unknown key; use `location` for a URL, a file or a directory";
            case "interval", "poll", "period" -> "unknown key; use `every`, e.g. `every: 10m`";
            default -> null;
        };
    }
}
