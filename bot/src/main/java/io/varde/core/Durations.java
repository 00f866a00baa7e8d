package io.varde.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations in the notation operators know from Gatus and Prometheus:
 * a sequence of number-unit pairs such as {@code 500ms}, {@code 30s}, {@code 1h30m}, {@code 7d}
 * or {@code 1.5h}. Units: {@code ms s m h d}.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    /** Longer than any duration anyone writes; bounds the work a hostile text can cause. */
    private static final int MAX_LENGTH = 64;

    private Durations() {
    }

    /**
     * Parses {@code text}: number-unit pairs, read one at a time (a whole-text regex with a
     * repeated group recursed once per pair and overflowed the stack on {@code 1d} a thousand
     * times over, from a chat command).
     *
     * A duration beyond what a {@code long} of milliseconds holds ({@code 99999999999999999999d})
     * is read as that longest one, so that range checks refuse it instead of a wrapped-around value.
     *
     * @throws IllegalArgumentException with a message fit for a config error, also for a text
     *                                  longer than 64 characters
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        IllegalArgumentException invalid = new IllegalArgumentException("invalid duration \""
                + (t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) + "..." : t)
                + "\": use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m, 1h30m");
        if (t.isEmpty() || t.length() > MAX_LENGTH) {
            throw invalid;
        }
        BigDecimal millis = BigDecimal.ZERO;
        Matcher m = PART.matcher(t);
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid;
            }
            BigDecimal n = new BigDecimal(m.group(1));
            millis = millis.add(n.multiply(BigDecimal.valueOf(unitMillis(m.group(2)))));
            at = m.end();
        }
        BigDecimal longest = BigDecimal.valueOf(Long.MAX_VALUE);
        return Duration.ofMillis(millis.compareTo(longest) > 0 ? Long.MAX_VALUE : millis.longValue());
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw new IllegalStateException(unit);
        };
    }

    /**
     * Prints {@code d} compactly: {@code 250ms}, {@code 1.5s}, {@code 45s}, {@code 1h30m},
     * {@code 2d3h}. Above a minute, seconds are dropped from hours and minutes from days.
     */
    /**
     * An exponential backoff's wait after {@code attempts} failures in a row (1 for the first):
     * {@code initial}, then twice that, and so on, never more than {@code cap}.
     */
    public static Duration doubling(Duration initial, Duration cap, int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 0) {
            return "-" + format(d.negated());
        }
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000 && ms % 1_000 != 0) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long s = ms / 1_000;
        StringBuilder sb = new StringBuilder();
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0 && days == 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 && days == 0 && hours == 0) {
            sb.append(seconds).append('s');
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }
}
