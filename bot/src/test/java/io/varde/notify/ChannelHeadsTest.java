package io.varde.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import io.varde.incident.OutboxMessage.Priority;
import io.varde.notify.OutboxStore.Pending;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which messages each channel may send next, and the hold they wait for, as a table. */
class ChannelHeadsTest {

    static final Instant T0 = Instant.parse("2026-11-13T09:00:00Z");

    /**
     * Due messages as {@code "id channel incident priority [hold-second]"} (a hold: it failed
     * before and waits until then); expected candidates as {@code "channel id [hold-second]"}, in
     * id order.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("all normal: the oldest stands for its channel",
                        List.of("3 slack:C1 7 N", "1 slack:C1 5 N", "2 slack:C1 6 N"),
                        List.of("slack:C1 1")),
                Arguments.of("the oldest urgent and the oldest normal are both candidates",
                        List.of("1 slack:C1 5 N", "2 slack:C1 6 N", "40 slack:C1 9 U"),
                        List.of("slack:C1 1", "slack:C1 40")),
                Arguments.of("of two urgent incidents the older is the candidate",
                        List.of("1 slack:C1 5 N", "41 slack:C1 10 U", "40 slack:C1 9 U"),
                        List.of("slack:C1 1", "slack:C1 40")),
                Arguments.of("each channel on its own",
                        List.of("1 slack:C1 5 N", "2 console 5 N", "3 slack:C1 9 U", "4 slack:C2 6 N"),
                        List.of("slack:C1 1", "console 2", "slack:C1 3", "slack:C2 4")),
                Arguments.of("a normal message's hold holds the urgent candidate too",
                        List.of("1 slack:C1 5 N 7", "40 slack:C1 9 U"),
                        List.of("slack:C1 1 7", "slack:C1 40 7")),
                Arguments.of("the latest of several holds counts",
                        List.of("1 slack:C1 5 N 30", "2 slack:C1 6 N 7", "3 slack:C1 7 N"),
                        List.of("slack:C1 1 30")),
                Arguments.of("another channel's hold holds nothing here",
                        List.of("1 slack:C1 5 N 30", "2 slack:C2 5 N"),
                        List.of("slack:C1 1 30", "slack:C2 2")),
                Arguments.of("nothing due: no candidates", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesTheCandidatesOfEachChannel(String name, List<String> due, List<String> expected) {
        List<Pending> pending = due.stream().map(ChannelHeadsTest::lane).toList();
        Map<String, Instant> holds = new HashMap<>();
        pending.stream().filter(p -> p.notBefore() != null).forEach(p -> holds.merge(p.message().channel(),
                p.notBefore(), (a, b) -> a.isAfter(b) ? a : b));

        List<Pending> heads = ChannelHeads.choose(pending, holds);

        assertThat(heads).map(ChannelHeadsTest::describe).containsExactlyElementsOf(expected);
    }

    private static Pending lane(String spec) {
        String[] f = spec.split(" ");
        Priority priority = f[3].equals("U") ? Priority.URGENT : Priority.NORMAL;
        OutboxMessage m = new OutboxMessage(Long.parseLong(f[0]), Long.parseLong(f[2]), 1, f[1],
                Card.of("site is DOWN", Severity.CRITICAL, List.of()), "opened", List.of(), T0, priority);
        Instant hold = f.length > 4 ? T0.plusSeconds(Long.parseLong(f[4])) : null;
        return new Pending(m, hold == null ? 0 : 1, hold);
    }

    private static String describe(Pending p) {
        String head = p.message().channel() + " " + p.message().id();
        return p.notBefore() == null ? head
                : head + " " + (p.notBefore().getEpochSecond() - T0.getEpochSecond());
    }
}
