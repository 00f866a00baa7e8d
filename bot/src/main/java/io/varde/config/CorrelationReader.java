package io.varde.config;

import io.varde.check.Target;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Rule;
import io.varde.intel.ClaimSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code correlation.yaml} into {@link CorrelationRules}: a {@code rules} list, each rule
 * with a unique {@code name}, a {@code kind} ({@link RuleKind}) and the keys of that kind, every
 * default applied. The result is only meaningful when no problem was reported.
 *
 * <p>Rules that name targets by label are checked against {@code targets.yaml} (when it loaded
 * without errors; see {@link RuleTargetChecks}), so a misspelt label value is an error at
 * validation rather than a rule that silently never fires.
 */
final class CorrelationReader {

    private static final List<String> ROOT_KEYS = List.of("rules");
    private static final Matchers EVERY_TARGET = new Matchers(List.of());

    private final Values values;
    private final RuleTargetChecks checks;
    private final Map<String, YamlMap> names = new HashMap<>();

    private CorrelationReader(Values values, RuleTargetChecks checks) {
        this.values = values;
        this.checks = checks;
    }

    /**
     * @param top     the top-level mapping of the file
     * @param targets the targets of {@code targets.yaml} when it loaded without errors, else empty
     *                (rules are then not checked against a partial list)
     */
    static CorrelationRules read(YamlMap top, Optional<List<Target>> targets) {
        top.rejectUnknown(ROOT_KEYS);
        List<Node> items = top.list("rules").orElse(List.of());
        CorrelationReader reader =
                new CorrelationReader(top.values(), new RuleTargetChecks(targets));
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            reader.rule(items.get(i), "rules[" + i + "]").ifPresent(rules::add);
        }
        return new CorrelationRules(rules);
    }

    private Optional<Rule> rule(Node node, String path) {
        Optional<MappingNode> mapping = values.mapping(node, path);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap r = new YamlMap(mapping.get(), path, values);
        Optional<String> name = name(r);
        Optional<RuleKind> kind = kind(r, name);
        r.rejectUnknown(kind.map(RuleKind::keys).orElseGet(RuleKind::allKeys),
                key -> misplaced(key, kind));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String n = name.orElse("");
        Optional<Rule> rule = switch (kind.get()) {
            case TASKED -> tasked(r, n);
            case CLAIMED_ATTACK -> claimedAttack(r, n);
            case CLAIMED_NOT_OBSERVED -> claimedNotObserved(r, n);
            case CAMPAIGN -> campaign(r, n);
            case INHIBITION -> inhibition(r, n);
        };
        return name.isPresent() ? rule : Optional.empty();
    }

    private Optional<Rule> tasked(YamlMap r, String name) {
        Optional<Matchers> targets = targets(r);
        Optional<Severity> severity = RuleParts.severity(r, Severity.INFO);
        Optional<Rule.Tightening> tighten = RuleParts.tighten(r);
        return RuleParts.allPresent(targets, severity, tighten)
                ? Optional.of(new Rule.Tasked(name, targets.get(), severity.get(), tighten.get()))
                : Optional.empty();
    }

    private Optional<Rule> claimedAttack(YamlMap r, String name) {
        Optional<Matchers> targets = targets(r);
        Optional<Set<ClaimSource>> sources = RuleParts.sources(r, RuleParts.ALL_SOURCES);
        Optional<Duration> window = RuleParts.window(r, Duration.ofHours(2));
        Optional<List<String>> equal = RuleParts.equal(r);
        Optional<Severity> severity = RuleParts.severity(r, Severity.CRITICAL);
        return RuleParts.allPresent(targets, sources, window, equal, severity)
                ? Optional.of(new Rule.ClaimedAttack(name, targets.get(), sources.get(),
                window.get(), equal.get(), severity.get())) : Optional.empty();
    }

    private Optional<Rule> claimedNotObserved(YamlMap r, String name) {
        Optional<Matchers> targets = targets(r);
        Optional<Set<ClaimSource>> sources = RuleParts.sources(r, RuleParts.CLAIM_SOURCES);
        Optional<Duration> window = RuleParts.window(r, Duration.ofHours(1));
        Optional<List<String>> equal = RuleParts.equal(r);
        return RuleParts.allPresent(targets, sources, window, equal)
                ? Optional.of(new Rule.ClaimedNotObserved(name, targets.get(), sources.get(),
                window.get(), equal.get())) : Optional.empty();
    }

    private Optional<Rule> campaign(YamlMap r, String name) {
        Optional<Matchers> targets = targets(r);
        Optional<List<String>> groupBy = RuleParts.groupBy(r);
        Optional<Integer> minTargets = RuleParts.minTargets(r);
        Optional<Duration> within = RuleParts.within(r);
        Optional<Severity> severity = RuleParts.severity(r, Severity.CRITICAL);
        if (targets.isPresent() && groupBy.isPresent()) {
            checks.groupLabels(r, targets.get(), groupBy.get());
        }
        return RuleParts.allPresent(targets, groupBy, minTargets, within, severity)
                ? Optional.of(new Rule.Campaign(name, targets.get(), groupBy.get(),
                minTargets.get(), within.get(), severity.get())) : Optional.empty();
    }

    private Optional<Rule> inhibition(YamlMap r, String name) {
        Optional<Matchers> source =
                RuleParts.required(r, "source", key -> inhibitionMatchers(r, key));
        Optional<Matchers> targets =
                RuleParts.required(r, "targets", key -> inhibitionMatchers(r, key));
        Optional<List<String>> equal = RuleParts.equal(r);
        return RuleParts.allPresent(source, targets, equal)
                ? Optional.of(new Rule.Inhibition(name, source.get(), targets.get(), equal.get()))
                : Optional.empty();
    }

    /** {@code targets} of any kind but inhibition: absent means every target. */
    private Optional<Matchers> targets(YamlMap r) {
        return RuleParts.optional(r, "targets", EVERY_TARGET, key -> RouteReader.matchers(r, key)
                .filter(m -> checks.matchesSome(r, key, m)));
    }

    /**
     * {@code source} and {@code targets} of an inhibition: a matcher that holds for a target
     * without labels would hold back (or be triggered by) every target, canaries included.
     */
    private Optional<Matchers> inhibitionMatchers(YamlMap r, String key) {
        return RouteReader.matchers(r, key).filter(m -> {
            if (m.matchesEverything()) {
                r.problems().add(r.get(key).orElseThrow(), r.pathOf(key), "matches every target "
                        + "(it matches one without labels): name a label value the targets have, "
                        + "e.g. layer=\"dns\"");
                return false;
            }
            return checks.matchesSome(r, key, m);
        });
    }

    private Optional<String> name(YamlMap r) {
        if (!r.has("name")) {
            r.missing("name");
            return Optional.empty();
        }
        Node node = r.get("name").orElseThrow();
        return r.text("name").filter(n -> {
            String problem = TeamLists.nameProblem(n, "rule", "claimed-attack");
            YamlMap first = problem == null ? names.putIfAbsent(n, r) : null;
            if (first != null) {
                problem = "duplicate rule name \"" + n + "\": already used by " + first.path()
                        + " on line " + Problems.lineOf(first.get("name").orElseThrow());
            }
            if (problem != null) {
                r.problems().add(node, r.pathOf("name"), problem);
            }
            return problem == null;
        });
    }

    /** The kind; when it is missing, a name that is (nearly) a kind's word is offered. */
    private static Optional<RuleKind> kind(YamlMap r, Optional<String> name) {
        if (!r.has("kind")) {
            String hint = name.flatMap(n -> Suggestions.closest(n, RuleKind.words()))
                    .map(k -> "; did you mean `kind: " + k + "`?")
                    .orElse("; expected one of: " + String.join(", ", RuleKind.words()));
            r.problems().add(r.line(), r.pathOf("kind"), "required key is missing" + hint);
            return Optional.empty();
        }
        return r.text("kind").flatMap(text -> {
            Optional<RuleKind> kind = RuleKind.ofWord(text);
            if (kind.isEmpty()) {
                r.problems().add(r.get("kind").orElseThrow(), r.pathOf("kind"),
                        Suggestions.unknownWord("kind", text, RuleKind.words()));
            }
            return kind;
        });
    }

    /**
     * Why {@code key} is wrong when it belongs to other kinds only, or null: a key close to one
     * of this kind's ({@code source} on a claim rule) gets the "did you mean" hint instead.
     */
    private static String misplaced(String key, Optional<RuleKind> kind) {
        List<RuleKind> owners = RuleKind.owning(key);
        if (kind.isEmpty() || owners.isEmpty()
                || Suggestions.closest(key, kind.get().keys()).isPresent()) {
            return null;
        }
        List<String> words = owners.stream().map(RuleKind::word).toList();
        String list = words.size() == 1 ? words.get(0) : String.join(", ",
                words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        return "only valid for kind " + list + ", but this rule is kind " + kind.get().word();
    }
}
