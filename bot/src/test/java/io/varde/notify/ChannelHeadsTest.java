package io.varde.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import io.varde.incident.OutboxMessage.Priority;
import io.varde.notify.OutboxStore.Pending;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which message each channel sends next, and the hold it waits for, as a table. */
class ChannelHeadsTest {

    static final Instant T0 = Instant.parse("2026-11-13T09:00:00Z");

    /**
     * Lane heads as {@code "id channel incident priority [hold-second]"}; expected heads as
     * {@code "channel id [hold-second]"}, in id order.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("all normal: the oldest goes",
                        List.of("3 slack:C1 7 N", "1 slack:C1 5 N", "2 slack:C1 6 N"),
                        List.of("slack:C1 1")),
                Arguments.of("an urgent lane passes older normal ones",
                        List.of("1 slack:C1 5 N", "2 slack:C1 6 N", "40 slack:C1 9 U"),
                        List.of("slack:C1 40")),
                Arguments.of("of two urgent lanes the older goes",
                        List.of("1 slack:C1 5 N", "41 slack:C1 10 U", "40 slack:C1 9 U"),
                        List.of("slack:C1 40")),
                Arguments.of("each channel chooses on its own",
                        List.of("1 slack:C1 5 N", "2 console 5 N", "3 slack:C1 9 U", "4 slack:C2 6 N"),
                        List.of("console 2", "slack:C1 3", "slack:C2 4")),
                Arguments.of("a normal lane's hold holds the urgent head too",
                        List.of("1 slack:C1 5 N 7", "40 slack:C1 9 U 0"),
                        List.of("slack:C1 40 7")),
                Arguments.of("the latest of several holds counts",
                        List.of("1 slack:C1 5 N 30", "2 slack:C1 6 N 7", "3 slack:C1 7 N 0"),
                        List.of("slack:C1 1 30")),
                Arguments.of("another channel's hold holds nothing here",
                        List.of("1 slack:C1 5 N 30", "2 slack:C2 5 N"),
                        List.of("slack:C1 1 30", "slack:C2 2")),
                Arguments.of("no lanes: no heads", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesTheHeadOfEachChannel(String name, List<String> lanes, List<String> expected) {
        List<Pending> heads = ChannelHeads.choose(lanes.stream().map(ChannelHeadsTest::lane).toList());

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
