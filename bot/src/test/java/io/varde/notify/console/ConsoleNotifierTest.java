package io.varde.notify.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact text an operator sees on the console. */
class ConsoleNotifierTest {

    static final Card OUTAGE = new Card("borger.dk is DOWN", Severity.CRITICAL,
            List.of(new Card.Field("Targets", "borger-dk"), new Card.Field("Since", "09:02 UTC")),
            List.of("connect: connection refused"),
            List.of(new Card.Button("Acknowledge", "ack INC-3", Card.Style.PRIMARY),
                    new Card.Button("Mute 1h", "mute INC-3 1h", Card.Style.DEFAULT)));

    @Test
    void printsTheIncidentItsRevisionTheCardAndTheMentionsAsOneBlock() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleNotifier notifier = new ConsoleNotifier(new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        OutboxMessage m = new OutboxMessage(7, 3, 1, "console", OUTAGE, "opened",
                List.of("slack-group:S0LEADS", "slack:U1"),
                Instant.parse("2026-11-13T09:02:11.734Z"));

        String ref = notifier.send(new Delivery(m, "", null));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                2026-11-13T09:02:11Z CRITICAL INC-3 r1 borger.dk is DOWN | opened
                  Targets: borger-dk
                  Since: 09:02 UTC
                  connect: connection refused
                  [Acknowledge: ack INC-3] [Mute 1h: mute INC-3 1h]
                  mentions: slack-group:S0LEADS slack:U1
                """);
        assertThat(ref).isEqualTo("console:INC-3");
    }

    @Test
    void aLaterRevisionIsPrintedAgainUnderTheSameRef() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleNotifier notifier = new ConsoleNotifier(new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        OutboxMessage m = new OutboxMessage(8, 3, 2, "console",
                Card.of("borger.dk is UP", Severity.RESOLVED, List.of()), "resolved after 12m",
                List.of(), Instant.parse("2026-11-13T09:14:00Z"));

        String ref = notifier.send(new Delivery(m, "", "console:INC-3"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "2026-11-13T09:14:00Z RESOLVED INC-3 r2 borger.dk is UP | resolved after 12m\n");
        assertThat(ref).isEqualTo("console:INC-3");
    }
}
