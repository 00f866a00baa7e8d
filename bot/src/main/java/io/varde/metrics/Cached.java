package io.varde.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from a source at most once per {@code ttl}, for gauges that a scrape reads: a
 * Prometheus server scraping every second then costs the source (the database) one read per
 * {@code ttl}. When the source fails, the last value stays (the initial one before any success),
 * the failure is logged, and the source is asked again only after another {@code ttl}. Thread-safe.
 *
 * @param <T> the value
 */
final class Cached<T> implements Supplier<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Cached.class);

    private final String name;
    private final Supplier<? extends T> source;
    private final Clock clock;
    private final Duration ttl;
    private T value;
    private Instant readAt;

    /**
     * @param name    for the log when the source fails
     * @param initial the value until the source first answers
     */
    Cached(String name, Supplier<? extends T> source, T initial, Clock clock, Duration ttl) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.value = Objects.requireNonNull(initial, "initial");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** The value read within the last {@code ttl}, reading it now if that is longer ago. */
    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(ttl))) {
            readAt = now;
            try {
                value = Objects.requireNonNull(source.get(), "the source answered null");
            } catch (RuntimeException e) {
                LOG.warn("event=metrics_source_failed source={} error=\"{}\"", name, e.toString());
            }
        }
        return value;
    }
}
