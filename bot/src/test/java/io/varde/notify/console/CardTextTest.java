package io.varde.notify.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cards as plain text, as {@code varde ctl} prints command replies. */
class CardTextTest {

    static Stream<Arguments> cards() {
        return Stream.of(
                Arguments.of("title only", Card.of("No open incidents", Severity.INFO, List.of()),
                        "No open incidents"),
                Arguments.of("a full card", ConsoleNotifierTest.OUTAGE, """
                        borger.dk is DOWN
                          Targets: borger-dk
                          Since: 09:02 UTC
                          connect: connection refused
                          [Acknowledge: ack INC-3] [Mute 1h: mute INC-3 1h]"""),
                Arguments.of("a reply with lines", Card.of("Open incidents (2)", Severity.INFO,
                        List.of("INC-3 CRITICAL borger.dk is DOWN", "INC-4 WARNING skat.dk is slow")),
                        """
                        Open incidents (2)
                          INC-3 CRITICAL borger.dk is DOWN
                          INC-4 WARNING skat.dk is slow"""),
                Arguments.of("line breaks stay indented", new Card("Parse error\nin input",
                        Severity.WARNING, List.of(new Card.Field("Usage", "mute <target> <duration>")),
                        List.of("unknown word 'forever'\nexpected a duration"), List.of()), """
                        Parse error in input
                          Usage: mute <target> <duration>
                          unknown word 'forever'
                          expected a duration"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cards")
    void render(String name, Card card, String expected) {
        assertThat(CardText.render(card)).isEqualTo(expected);
    }
}
