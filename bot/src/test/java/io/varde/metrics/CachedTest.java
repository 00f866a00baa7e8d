package io.varde.metrics;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.detect.TargetState;
import io.varde.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cached gauge sources, on a hand-stepped clock; and the state-to-gauge table. */
class CachedTest {

    /** A clock the test moves. */
    private final MutableClock clock = new MutableClock(T0);

    private static Supplier<Integer> answering(Deque<Supplier<Integer>> answers, AtomicInteger reads) {
        return () -> {
            reads.incrementAndGet();
            return answers.poll().get();
        };
    }

    @Test
    void theSourceIsReadAgainOnlyOnceTheTtlHasPassed() {
        AtomicInteger reads = new AtomicInteger();
        Deque<Supplier<Integer>> answers = new ArrayDeque<>(List.of(() -> 1, () -> 2));
        Cached<Integer> cached = new Cached<>("test", answering(answers, reads), 0, clock, Duration.ofSeconds(5));

        assertThat(cached.get()).isEqualTo(1);
        clock.set(T0.plusMillis(4999));
        assertThat(cached.get()).isEqualTo(1);
        clock.set(T0.plusSeconds(5));
        assertThat(cached.get()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailingSourceKeepsTheLastValueAndIsNotAskedAgainWithinTheTtl() {
        AtomicInteger reads = new AtomicInteger();
        Deque<Supplier<Integer>> answers = new ArrayDeque<>(List.of(() -> 3, () -> {
            throw new IllegalStateException("database unreachable");
        }, () -> 4));
        Cached<Integer> cached = new Cached<>("test", answering(answers, reads), 0, clock, Duration.ofSeconds(5));

        assertThat(cached.get()).isEqualTo(3);
        clock.set(T0.plusSeconds(5));
        assertThat(cached.get()).as("last good value").isEqualTo(3);
        clock.set(T0.plusSeconds(6));
        assertThat(cached.get()).isEqualTo(3);
        assertThat(reads).hasValue(2);
        clock.set(T0.plusSeconds(10));
        assertThat(cached.get()).isEqualTo(4);
    }

    @Test
    void beforeAnyAnswerTheInitialValueStands() {
        Cached<Integer> cached = new Cached<>("test", () -> {
            throw new IllegalStateException("database unreachable");
        }, 0, clock, Duration.ofSeconds(5));

        assertThat(cached.get()).isZero();
    }

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(Named.of("UP", TargetState.UP), 1.0),
                Arguments.of(Named.of("DEGRADED", TargetState.DEGRADED), 0.5),
                Arguments.of(Named.of("DOWN", TargetState.DOWN), 0.0),
                Arguments.of(Named.of("UNKNOWN", TargetState.UNKNOWN), Double.NaN),
                Arguments.of(Named.of("no report", null), Double.NaN));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("states")
    void targetUpByState(TargetState state, double expected) {
        assertThat(Double.valueOf(CheckMetrics.up(state))).isEqualTo(Double.valueOf(expected));
    }
}
