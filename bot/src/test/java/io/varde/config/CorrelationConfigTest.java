package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.check.Target;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Rule;
import io.varde.intel.ClaimSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code correlation.yaml}: no rules when absent, every key and every default when present,
 * rules checked against the targets only when those loaded, and the shipped example.
 */
class CorrelationConfigTest {

    /** The targets every correlation fixture is loaded with. */
    static final String TARGETS = """
            targets:
              - id: canary
                url: https://1.1.1.1/
                canary: true
              - id: borger-dk
                url: https://www.borger.dk/
                labels: { sector: government, org: digst, layer: web }
              - id: borger-dk-dns
                kind: dns
                host: www.borger.dk
                labels: { sector: government, org: digst, layer: dns }
              - id: kk-dk
                url: https://www.kk.dk/
                labels: { sector: municipal, org: kk }
              - id: aarhus-dk
                url: https://aarhus.dk/
                labels: { sector: municipal, org: aarhus }
            """;

    private static final Matchers EVERY_TARGET = new Matchers(List.of());
    private static final Duration TIGHT_DEFAULT = Duration.ofSeconds(15);

    @TempDir
    Path rules;

    @Test
    void withoutTheFileThereAreNoRules() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TARGETS);

        assertThat(ConfigLoader.load(rules, Map.of()).correlation())
                .isEqualTo(CorrelationRules.NONE);
    }

    @Test
    void aFileWithEveryRuleCommentedOutHasNoRules() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TARGETS);
        Files.writeString(rules.resolve("correlation.yaml"), "rules:\n  # - name: tasked\n"
                + "  #   kind: tasked\n");

        assertThat(ConfigLoader.load(rules, Map.of()).correlation().rules()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        CorrelationRules rules = load("correlation-full.yaml", Map.of("VARDE_CLAIM_WINDOW", "90m"));

        assertThat(rules.rules()).containsExactly(
                new Rule.Tasked("tasked", Matchers.parse("sector=~\"government|municipal\""),
                        Severity.WARNING, new Rule.Tightening(Duration.ofSeconds(5), 1, false)),
                new Rule.ClaimedAttack("claimed-attack", Matchers.parse("sector=\"municipal\""),
                        Set.of(ClaimSource.FEED, ClaimSource.MANUAL), Duration.ofMinutes(90),
                        List.of("org", "sector"), Severity.WARNING),
                new Rule.ClaimedNotObserved("claimed-not-observed", Matchers.parse("org=\"digst\""),
                        Set.of(ClaimSource.TASK_LIST), Duration.ofDays(7), List.of("org")),
                new Rule.Campaign("municipal-campaign", Matchers.parse("sector=\"municipal\""),
                        List.of("sector", "org"), 2, Duration.ofHours(24), Severity.INFO),
                new Rule.Inhibition("dns-down", Matchers.parse("layer=\"dns\""),
                        Matchers.parse("layer=\"web\""), List.of("org")));
    }

    @Test
    void everyOptionalKeyHasItsDefault() throws Exception {
        CorrelationRules rules = load("correlation-minimal.yaml", Map.of());
        Rule.Tightening defaultTightening = new Rule.Tightening(TIGHT_DEFAULT, 2, true);

        assertThat(rules.rules()).containsExactly(
                new Rule.Tasked("tasked", EVERY_TARGET, Severity.INFO, defaultTightening),
                new Rule.Tasked("tasked-tightened", EVERY_TARGET, Severity.INFO,
                        defaultTightening),
                new Rule.ClaimedAttack("claimed-attack", EVERY_TARGET,
                        EnumSet.allOf(ClaimSource.class), Duration.ofHours(2), List.of(),
                        Severity.CRITICAL),
                new Rule.ClaimedNotObserved("claimed-not-observed", EVERY_TARGET,
                        Set.of(ClaimSource.WEBHOOK, ClaimSource.FEED, ClaimSource.MANUAL),
                        Duration.ofHours(1), List.of()),
                new Rule.Campaign("campaign", EVERY_TARGET, List.of("sector"), 3,
                        Duration.ofMinutes(1), Severity.CRITICAL),
                new Rule.Inhibition("dns-down", Matchers.parse("layer=\"dns\""),
                        Matchers.parse("layer=\"web\""), List.of()));
        assertThat(rules.of(Rule.Tasked.class)).extracting(Rule::name)
                .containsExactly("tasked", "tasked-tightened");
    }

    @Test
    void rulesAreNotCheckedAgainstTargetsThatDidNotLoad() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TARGETS.replace("id: kk-dk", "id: KK"));
        Files.writeString(rules.resolve("correlation.yaml"), """
                rules:
                  - name: tasked
                    kind: tasked
                    targets: 'sector="nowhere"'
                    severity: high
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(rules, Map.of()));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                rules.resolve("correlation.yaml") + ":5: rules[0].severity: unknown severity "
                        + "\"high\"; expected one of: critical, warning, info",
                rules.resolve("targets.yaml") + ":12: targets[3].id: invalid id \"KK\": use "
                        + "lower-case letters, digits and hyphens between them, e.g. borger-dk");
    }

    @Test
    void theShippedRulesLoadWithTheShippedTargets() throws Exception {
        VardeConfig config = ConfigLoader.load(Path.of("..", "rules"), Map.of());
        CorrelationRules correlation = config.correlation();

        assertThat(correlation.rules()).extracting(Rule::name).containsExactly("tasked",
                "claimed-attack", "claimed-not-observed", "sector-campaign", "dns-down");
        assertThat(correlation.of(Rule.ClaimedAttack.class)).singleElement().satisfies(r -> {
            assertThat(r.window()).isEqualTo(Duration.ofHours(2));
            assertThat(r.equal()).containsExactly("org");
            assertThat(r.sources()).isEqualTo(EnumSet.allOf(ClaimSource.class));
        });
        assertThat(correlation.of(Rule.ClaimedNotObserved.class)).singleElement()
                .satisfies(r -> assertThat(r.window()).isEqualTo(Duration.ofHours(1)));
        assertThat(correlation.of(Rule.Campaign.class)).singleElement().satisfies(r -> {
            assertThat(r.groupBy()).containsExactly("sector");
            assertThat(r.minTargets()).isEqualTo(3);
            assertThat(r.within()).isEqualTo(Duration.ofMinutes(10));
        });
        Rule.Tasked tasked = correlation.of(Rule.Tasked.class).get(0);
        assertThat(idsWhere(config, t -> tasked.appliesTo(t.labels()))).as("tasked")
                .contains("borger-dk", "trm-dk", "kk-dk", "aarhus-dk")
                .doesNotContain("dsb-dk", "terma-com", "canary-dns");
        Rule.Campaign campaign = correlation.of(Rule.Campaign.class).get(0);
        assertThat(idsWhere(config, t -> campaign.appliesTo(t.labels()))).as("campaign")
                .contains("dsb-dk", "terma-com").noneMatch(id -> id.startsWith("canary"));
        Rule.Inhibition inhibition = correlation.of(Rule.Inhibition.class).get(0);
        assertThat(idsWhere(config, t -> inhibition.source().matches(t.labels())))
                .containsExactly("borger-dk-dns");
        assertThat(idsWhere(config, t -> inhibition.targets().matches(t.labels())))
                .containsExactly("borger-dk");
    }

    private static List<String> idsWhere(VardeConfig config,
                                         Predicate<Target> filter) {
        return config.targets().stream().filter(filter).map(Target::id).toList();
    }

    private CorrelationRules load(String fixture, Map<String, String> env) throws Exception {
        Path source = Path.of(getClass().getResource("/config/valid/" + fixture).toURI());
        Files.writeString(rules.resolve("targets.yaml"), TARGETS);
        Files.copy(source, rules.resolve("correlation.yaml"));
        return ConfigLoader.load(rules, env).correlation();
    }
}
