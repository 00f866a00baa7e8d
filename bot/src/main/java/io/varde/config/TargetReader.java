package io.varde.config;

import io.varde.check.CheckKind;
import io.varde.check.Condition;
import io.varde.check.ConditionSyntaxException;
import io.varde.check.ProbeSpec;
import io.varde.check.Mitigation;
import io.varde.check.Target;
import io.varde.check.Vantage;
import io.varde.core.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one entry of {@code targets:} into a {@link Target}, applying {@code defaults:} and the
 * built-in defaults, and reporting every problem of the entry.
 *
 * <p>Aliases are stored as {@link HostNames#normalise} gives them; an alias listed twice, or
 * equal to the target's own host, is kept once or dropped, since it adds nothing.
 */
final class TargetReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int ID_MAX = 63;
    private static final List<String> OWN_KEYS =
            List.of("id", "name", "kind", "labels", "aliases", "conditions", "canary",
                    "vantage", "quorum", "country", "source-address", "mitigation");
    private static final List<String> MITIGATION_KEYS = List.of("status", "body", "header");

    /** Used when a target lists no conditions: "the site answers", per kind. */
    static final Map<CheckKind, String> DEFAULT_CONDITIONS = Map.of(
            CheckKind.HTTP, "[STATUS] < 400",
            CheckKind.TCP, "[CONNECTED] == true",
            CheckKind.DNS, "[DNS_RCODE] == NOERROR");

    private final Values values;
    private final Tuning defaults;
    private final boolean defaultsBroken;
    private final VantageConfig vantage;

    /**
     * @param defaults       {@code defaults:} over the built-in defaults
     * @param defaultsBroken whether {@code defaults:} has an invalid interval or timeout
     * @param vantage        the locations of {@code vantage.yaml}, or null when it is broken (then
     *                       location names are not checked against it)
     */
    TargetReader(Values values, Tuning defaults, boolean defaultsBroken, VantageConfig vantage) {
        this.values = values;
        this.defaults = defaults;
        this.defaultsBroken = defaultsBroken;
        this.vantage = vantage;
    }

    TargetDraft read(Node node, int index) {
        String path = "targets[" + index + "]";
        Optional<MappingNode> mapping = values.mapping(node, path);
        if (mapping.isEmpty()) {
            return new TargetDraft(path, null, null, null, List.of(), null);
        }
        int problemsBefore = values.problems().count();
        YamlMap t = new YamlMap(mapping.get(), path, values);
        Optional<CheckKind> kind = kind(t);
        t.rejectUnknown(allowedKeys(kind), key -> misplaced(t, key, kind));

        Optional<String> id = id(t);
        Optional<String> name = t.has("name") ? t.text("name").filter(n -> nonBlank(t, n)) : id;
        Optional<ProbeSpec> spec = kind.flatMap(k -> ProbeSpecReader.read(t, k));
        Tuning own = TuningReader.read(t);
        TuningReader.checkTarget(t, own, defaults, defaultsBroken);
        Optional<Labels> labels = labels(t);
        List<TargetDraft.Alias> aliases = new ArrayList<>();
        boolean aliasesOk = aliases(t, aliases);
        Optional<List<Condition>> conditions = kind.flatMap(k -> conditions(t, k));
        Optional<Boolean> canary = t.has("canary") ? t.bool("canary") : Optional.of(false);
        Optional<Vantage> where = vantage(t);
        Optional<Mitigation> mitigation = mitigation(t);

        String host = spec.map(TargetReader::hostOf).orElse(null);
        Target target = null;
        if (Stream.of(id, name, spec, labels, conditions, canary, where, mitigation).allMatch(Optional::isPresent)
                && aliasesOk && values.problems().count() == problemsBefore) {
            Tuning eff = own.over(defaults);
            List<String> aliasNames = aliases.stream().map(TargetDraft.Alias::name)
                    .filter(a -> !a.equals(host)).toList();
            target = new Target(id.get(), name.get(), spec.get(), eff.interval(), eff.timeout(),
                    eff.detection(), labels.get(), aliasNames, conditions.get(), canary.get(), where.get(),
                    mitigation.get());
        }
        return new TargetDraft(path, id.orElse(null), t.get("id").orElse(null), host, aliases,
                target);
    }

    /**
     * {@code vantage} (location names of {@code vantage.yaml}; default every location),
     * {@code quorum} (at least 1, at most the number of those locations; default a majority),
     * {@code country} and {@code source-address}.
     */
    private Optional<Vantage> vantage(YamlMap t) {
        boolean ok = true;
        List<String> names = new ArrayList<>();
        if (t.has("vantage")) {
            Optional<List<String>> listed = TeamLists.checkedTexts(t, "vantage", this::locationProblem);
            ok = listed.isPresent();
            listed.ifPresent(names::addAll);
            if (listed.isPresent() && listed.get().isEmpty()) {
                t.problems().add(t.get("vantage").orElseThrow(), t.pathOf("vantage"),
                        "list at least one location, or leave `vantage` out for every location");
                ok = false;
            }
        }
        int listed = t.has("vantage") ? t.list("vantage").map(List::size).orElse(0) : 0;
        int checking = listed > 0 ? listed : vantage == null ? Integer.MAX_VALUE : vantage.locations().size();
        Optional<Integer> quorum = t.has("quorum")
                ? t.integer("quorum", q -> q >= 1 && q <= checking, checking == Integer.MAX_VALUE
                        ? "must be at least 1" : "must be between 1 and the number of locations"
                        + " that check the target (" + checking + ")")
                : Optional.of(0);
        Optional<String> country = t.has("country")
                ? t.text("country").flatMap(c -> VantageReader.country(t, c)) : Optional.of("");
        Optional<String> source = t.has("source-address")
                ? t.text("source-address").flatMap(a -> VantageReader.sourceAddress(t, "source-address", a))
                : Optional.of("");
        if (!ok || quorum.isEmpty() || country.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Vantage(names, quorum.get(), country.get().isEmpty() ? null : country.get(),
                source.get().isEmpty() ? null : source.get()));
    }

    private String locationProblem(String name) {
        if (vantage == null) {
            return TeamLists.nameProblem(name, "location", "fra");
        }
        if (vantage.location(name).isPresent()) {
            return null;
        }
        String known = String.join(", ", vantage.locations().stream().map(io.varde.check.Location::name).toList());
        return "unknown location \"" + name + "\"" + Suggestions.closest(name,
                vantage.locations().stream().map(io.varde.check.Location::name).toList())
                .map(s -> "; did you mean `" + s + "`?").orElse("; locations are " + known
                        + " (declared in " + ConfigLoader.VANTAGE_FILE + ")");
    }

    /**
     * {@code mitigation}: {@code false} turns recognising challenge and block pages off; a
     * mapping adds signatures: {@code status} (the statuses a body signature counts for, default
     * 403, 429, 503), {@code body} and {@code header} (text or lists).
     */
    private Optional<Mitigation> mitigation(YamlMap t) {
        if (!t.has("mitigation")) {
            return Optional.of(Mitigation.DEFAULT);
        }
        Node node = t.get("mitigation").orElseThrow();
        if (!(node instanceof MappingNode)) {
            return t.bool("mitigation").map(on -> on ? Mitigation.DEFAULT : Mitigation.OFF);
        }
        Optional<YamlMap> mm = t.map("mitigation");
        if (mm.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = mm.get();
        m.rejectUnknown(MITIGATION_KEYS);
        Set<Integer> statuses = new TreeSet<>();
        boolean ok = true;
        if (m.has("status")) {
            for (Node item : oneOrMany(m, "status")) {
                Optional<Integer> s = values.integer(item, m.pathOf("status"), n -> n >= 100 && n <= 599,
                        "must be an HTTP status between 100 and 599");
                s.ifPresent(statuses::add);
                ok &= s.isPresent();
            }
        } else {
            statuses.addAll(Mitigation.DEFAULT.statuses());
        }
        List<String> bodies = texts(m, "body");
        List<String> headers = texts(m, "header");
        if (!ok || bodies == null || headers == null) {
            return Optional.empty();
        }
        return Optional.of(new Mitigation(true, statuses, bodies, headers));
    }

    private List<Node> oneOrMany(YamlMap m, String key) {
        Node node = m.get(key).orElseThrow();
        if (node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
            return m.list(key).orElse(List.of());
        }
        return List.of(node);
    }

    /** Non-blank texts at {@code key} (one or a list), or null (reported). */
    private List<String> texts(YamlMap m, String key) {
        if (!m.has(key)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (Node item : oneOrMany(m, key)) {
            Optional<String> text = values.text(item, m.pathOf(key));
            if (text.isPresent() && text.get().isBlank()) {
                m.problems().add(item, m.pathOf(key), "must not be empty");
                ok = false;
            }
            text.filter(s -> !s.isBlank()).ifPresent(out::add);
            ok &= text.isPresent();
        }
        return ok ? out : null;
    }

    /** The host as aliases are compared: lower case, no IPv6 brackets, no trailing dot. */
    private static String hostOf(ProbeSpec spec) {
        String h = spec.host().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        return HostNames.normalise(h, true).orElse(h);
    }

    private static List<String> allowedKeys(Optional<CheckKind> kind) {
        List<String> keys = new ArrayList<>(OWN_KEYS);
        keys.addAll(TuningReader.KEYS);
        for (CheckKind k : CheckKind.values()) {
            if (kind.isEmpty() || kind.get() == k) {
                keys.addAll(ProbeSpecReader.KEYS.get(k));
            }
        }
        return keys;
    }

    private static String misplaced(YamlMap t, String key, Optional<CheckKind> kind) {
        return ProbeSpecReader.kindOwning(key)
                .filter(owner -> kind.isPresent() && owner != kind.get())
                .map(owner -> "only valid for kind " + owner.configName()
                        + ", but this target is kind " + kind.get().configName()
                        + (t.has("kind") ? "" : " (the default)"))
                .orElse(null);
    }

    private static Optional<CheckKind> kind(YamlMap t) {
        if (!t.has("kind")) {
            return Optional.of(CheckKind.HTTP);
        }
        return t.text("kind").flatMap(text -> {
            for (CheckKind k : CheckKind.values()) {
                if (k.configName().equals(text)) {
                    return Optional.of(k);
                }
            }
            t.problems().add(t.get("kind").orElseThrow(), t.pathOf("kind"),
                    "unknown kind \"" + text + "\"; expected one of: http, tcp, dns");
            return Optional.empty();
        });
    }

    private static Optional<String> id(YamlMap t) {
        if (!t.has("id")) {
            t.missing("id");
            return Optional.empty();
        }
        return t.text("id").filter(id -> {
            String problem = null;
            if (id.length() > ID_MAX) {
                problem = "id is " + id.length() + " characters long; at most " + ID_MAX
                        + " are allowed";
            } else if (!ID.matcher(id).matches()) {
                problem = "invalid id \"" + id + "\": use lower-case letters, digits and "
                        + "hyphens between them, e.g. borger-dk";
            }
            if (problem != null) {
                t.problems().add(t.get("id").orElseThrow(), t.pathOf("id"), problem);
            }
            return problem == null;
        });
    }

    private static boolean nonBlank(YamlMap t, String text) {
        if (text.isBlank()) {
            t.problems().add(t.get("name").orElseThrow(), t.pathOf("name"), "must not be empty");
            return false;
        }
        return true;
    }

    static Optional<Labels> labels(YamlMap t) {
        if (!t.has("labels")) {
            return Optional.of(Labels.empty());
        }
        return t.map("labels").flatMap(labels -> {
            Map<String, String> pairs = new TreeMap<>();
            boolean ok = true;
            for (String key : labels.keys()) {
                Optional<String> value = labels.text(key);
                if (!Labels.isValidKey(key)) {
                    t.problems().add(labels.keyNode(key), labels.pathOf(key), "invalid label name \""
                            + key + "\": use letters, digits and _, not starting with a digit");
                    ok = false;
                }
                value.ifPresent(v -> pairs.put(key, v));
                ok &= value.isPresent();
            }
            return ok ? Optional.of(Labels.of(pairs)) : Optional.empty();
        });
    }

    /** Adds the valid aliases to {@code out}; false when any is invalid. */
    private boolean aliases(YamlMap t, List<TargetDraft.Alias> out) {
        if (!t.has("aliases")) {
            return true;
        }
        Optional<List<Node>> items = t.list("aliases");
        boolean ok = items.isPresent();
        Map<String, Node> unique = new TreeMap<>();
        List<Node> list = items.orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            Node item = list.get(i);
            String key = t.pathOf("aliases") + "[" + i + "]";
            Optional<String> text = values.text(item, key);
            Optional<String> host = text.flatMap(a -> HostNames.normalise(a, false));
            if (text.isPresent() && host.isEmpty()) {
                t.problems().add(item, key, "invalid host name \"" + text.get() + "\"");
            }
            host.filter(h -> unique.putIfAbsent(h, item) == null)
                    .ifPresent(h -> out.add(new TargetDraft.Alias(h, item, key)));
            ok &= host.isPresent();
        }
        return ok;
    }

    private Optional<List<Condition>> conditions(YamlMap t, CheckKind kind) {
        List<Node> items = t.has("conditions") ? t.list("conditions").orElse(null) : List.of();
        if (items == null) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            try {
                return Optional.of(List.of(Condition.parse(DEFAULT_CONDITIONS.get(kind), kind)));
            } catch (ConditionSyntaxException e) {
                throw new IllegalStateException("built-in condition rejected: " + e.getMessage(), e);
            }
        }
        List<Condition> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String key = t.pathOf("conditions") + "[" + i + "]";
            Optional<String> text = values.text(item, key);
            if (text.isEmpty()) {
                continue;
            }
            try {
                result.add(Condition.parse(text.get(), kind));
            } catch (ConditionSyntaxException e) {
                t.problems().add(item, key, e.getMessage());
            }
        }
        return result.size() == items.size() ? Optional.of(result) : Optional.empty();
    }
}
