package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.correlate.Rule;
import io.varde.intel.ClaimSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The line {@code varde validate} prints for rules the shipped file does not show. */
class RuleLinesTest {

    private static final Matchers EVERY_TARGET = new Matchers(List.of());

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(Named.of("tasked for every target, nothing on paths",
                        new Rule.Tasked("watch", EVERY_TARGET, Severity.WARNING,
                                new Rule.Tightening(Duration.ofSeconds(5), 1, false))),
                        "rule watch: tasked, severity warning, while tasked checked every 5s, "
                                + "DOWN after 1 failure, attacked paths not checked"),
                Arguments.of(Named.of("claims in any order of sources, printed in source order",
                        new Rule.ClaimedAttack("claims", Matchers.parse("org=\"kk\""),
                                Set.of(ClaimSource.MANUAL, ClaimSource.TASK_LIST),
                                Duration.ofMinutes(90), List.of(), Severity.INFO)),
                        "rule claims: claimed-attack within 1h30m, targets org=\"kk\", "
                                + "sources task-list, manual, severity info"),
                Arguments.of(Named.of("inhibition without equal",
                        new Rule.Inhibition("upstream", Matchers.parse("role=\"cdn\""),
                                Matchers.parse("cdn=\"x\""), List.of())),
                        "rule upstream: inhibition of cdn=\"x\" while role=\"cdn\" is down"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void describesTheRuleWithItsDefaultsApplied(Rule rule, String line) {
        assertThat(RuleLines.line(rule)).isEqualTo(line);
    }
}
