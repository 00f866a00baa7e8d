package io.varde.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting for an outcome in the fakes, without sleep-and-hope: the condition is evaluated under
 * the fake's lock, and the fake wakes waiters ({@code lock.notifyAll()}) whenever its state changes.
 * On timeout an {@link AssertionError} says what was awaited and what was seen instead.
 */
final class FakeWait {

    private FakeWait() {
    }

    /**
     * Waits until {@code probe} yields a value, or throws {@link AssertionError} after
     * {@code timeout}. {@code probe} and {@code seen} run while holding {@code lock}.
     */
    static <T> T until(Object lock, Duration timeout, String what, Supplier<Optional<T>> probe,
            Supplier<String> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what
                            + "; seen: " + seen.get());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
        }
    }
}
