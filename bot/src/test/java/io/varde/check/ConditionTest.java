package io.varde.check;

import static io.varde.check.CheckKind.HTTP;
import static io.varde.check.CheckKind.TCP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a condition tells the prober and the checker, and its value semantics. */
class ConditionTest {

    static Stream<Arguments> flags() {
        return Stream.of(
                argumentSet("status reads nothing special", "[STATUS] == 200", false, false, false, false),
                argumentSet("body", "[BODY] contains x", true, false, false, false),
                argumentSet("JSON path", "[BODY].id == 1", true, false, false, false),
                argumentSet("len of body", "len([BODY]) > 0", true, false, false, false),
                argumentSet("has", "has([BODY].x) == true", true, false, false, false),
                argumentSet("IP", "[IP] == 127.0.0.1", false, true, false, false),
                argumentSet("body and IP", "[BODY].ip == [IP]", true, true, false, false),
                argumentSet("connected", "[CONNECTED] == true", false, false, true, false),
                argumentSet("response time limit", "[RESPONSE_TIME] < 800", false, false, false, true),
                argumentSet("response time pattern is still a limit", "[RESPONSE_TIME] == pat(1*)",
                        false, false, false, true),
                argumentSet("response time against the body is not a limit",
                        "[RESPONSE_TIME] < [BODY].limit", true, false, false, false));
    }

    @ParameterizedTest
    @MethodSource("flags")
    void tellsWhatItReads(String text, boolean body, boolean ip, boolean connected,
                          boolean responseTimeLimit) throws ConditionSyntaxException {
        Condition c = Condition.parse(text, HTTP);

        assertThat(c.usesBody()).as("usesBody").isEqualTo(body);
        assertThat(c.usesIp()).as("usesIp").isEqualTo(ip);
        assertThat(c.usesConnected()).as("usesConnected").isEqualTo(connected);
        assertThat(c.isResponseTimeLimit()).as("isResponseTimeLimit").isEqualTo(responseTimeLimit);
    }

    @Test
    void equalByTextAndPrintedAsWritten() throws ConditionSyntaxException {
        Condition a = Condition.parse(" [STATUS] == 200 ", HTTP);
        Condition b = Condition.parse("[STATUS] == 200", HTTP);
        Condition other = Condition.parse("[STATUS]==200", HTTP);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other);
        assertThat(a).hasToString("[STATUS] == 200");
    }

    @Test
    void evaluateAllGivesEachResultInOrder() throws ConditionSyntaxException {
        List<Condition> conditions = List.of(
                Condition.parse("[STATUS] == 200", HTTP),
                Condition.parse("[BODY].status == UP", HTTP),
                Condition.parse("len([BODY].checks) == 2", HTTP),
                Condition.parse("has([BODY].error) == false", HTTP),
                Condition.parse("[RESPONSE_TIME] < 100", HTTP));
        Observation o = Observations.http().status(200).millis(250)
                .body("{\"status\":\"UP\",\"checks\":[{},{}]}").build();

        List<ConditionResult> all = Condition.evaluateAll(conditions, o);

        assertThat(all).containsExactly(
                new ConditionResult("[STATUS] == 200", true, "200"),
                new ConditionResult("[BODY].status == UP", true, "UP"),
                new ConditionResult("len([BODY].checks) == 2", true, "2"),
                new ConditionResult("has([BODY].error) == false", true, "false"),
                new ConditionResult("[RESPONSE_TIME] < 100", false, "250ms"));
        assertThat(all).isEqualTo(conditions.stream().map(c -> c.evaluate(o)).toList());
    }

    @Test
    void evaluateAllOfNothingIsNothing() {
        assertThat(Condition.evaluateAll(List.of(), Observations.tcp().build())).isEmpty();
    }

    @Test
    void theSameTextParsesForEveryKindThatProvidesItsPlaceholders() throws ConditionSyntaxException {
        assertThat(Condition.parse("[CONNECTED] == true", TCP))
                .isEqualTo(Condition.parse("[CONNECTED] == true", HTTP));
    }
}
