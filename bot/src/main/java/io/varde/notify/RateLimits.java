package io.varde.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The minimum interval between two sends to the same channel, by channel prefix: Slack allows
 * about one message per second per channel, Discord about two. Each channel ({@code slack:C1},
 * {@code slack:C2}) has its own clock; the interval is looked up by its prefix.
 *
 * @param byPrefix interval per channel prefix ({@code slack}, {@code discord}, ...)
 * @param fallback interval for prefixes not listed
 */
public record RateLimits(Map<String, Duration> byPrefix, Duration fallback) {

    public RateLimits {
        byPrefix = Map.copyOf(byPrefix);
        Objects.requireNonNull(fallback, "fallback");
        if (fallback.isNegative() || byPrefix.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("rate limit intervals must not be negative");
        }
    }

    /** Slack 1 s, Discord 0.5 s, webhooks and the console unlimited. */
    public static RateLimits defaults() {
        return new RateLimits(Map.of(
                "slack", Duration.ofSeconds(1),
                "discord", Duration.ofMillis(500),
                "webhook", Duration.ZERO,
                "console", Duration.ZERO), Duration.ZERO);
    }

    /** A copy with {@code prefix} limited to one send per {@code interval}. */
    public RateLimits with(String prefix, Duration interval) {
        Map<String, Duration> copy = new HashMap<>(byPrefix);
        copy.put(prefix, interval);
        return new RateLimits(copy, fallback);
    }

    /** The minimum interval between two sends to {@code channel}, e.g. {@code slack:C1}. */
    public Duration intervalFor(String channel) {
        return byPrefix.getOrDefault(Channels.prefix(channel), fallback);
    }
}
