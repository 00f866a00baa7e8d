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
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message fit for a config error
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("invalid duration \"" + t
                    + "\": use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m, 1h30m");
        }
        BigDecimal millis = BigDecimal.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            BigDecimal n = new BigDecimal(m.group(1));
            millis = millis.add(n.multiply(BigDecimal.valueOf(unitMillis(m.group(2)))));
        }
        return Duration.ofMillis(millis.longValue());
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
