package io.varde.check;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One side of a condition, resolved: the text it is compared as, its number when it is one, and
 * how it is shown to a user. A missing value (the observation lacks it) carries only the reason,
 * which is what the user sees as the observed value.
 *
 * @param text    the value as compared by {@code ==}, {@code contains} and {@code pat()};
 *                null when missing
 * @param number  the value as a number when it is one (milliseconds for times and durations);
 *                null otherwise
 * @param shown   how the value appears in an alert ({@code 503}, {@code 1234ms}, {@code 29d23h}),
 *                or the reason it is missing ({@code n/a}, {@code n/a (no such path)})
 * @param present false when the observation did not produce the value
 */
record Value(String text, BigDecimal number, String shown, boolean present) {

    /** What a user sees when the observation lacks a value. */
    static final String NOT_AVAILABLE = "n/a";

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final int SHOWN_MAX = 80;
    /** How much of a long value is looked at to make its brief form; bodies can be large. */
    private static final int SHOWN_SCAN = 4 * SHOWN_MAX;

    /** A value the observation lacks, shown as {@code reason}. */
    static Value missing(String reason) {
        return new Value(null, null, reason, false);
    }

    /** Text that counts as a number when it looks like one; shown as is. */
    static Value ofText(String text) {
        return new Value(text, parseNumber(text), text, true);
    }

    /** A number shown as is. */
    static Value ofNumber(long n) {
        String s = Long.toString(n);
        return new Value(s, BigDecimal.valueOf(n), s, true);
    }

    static Value ofBoolean(boolean b) {
        return ofText(Boolean.toString(b));
    }

    /** {@code text} as a number, or null when it is not one. */
    static BigDecimal parseNumber(String text) {
        String t = text == null ? "" : text.strip();
        return NUMBER.matcher(t).matches() ? new BigDecimal(t) : null;
    }

    /** Equality as the condition language defines it: numeric when both are numbers. */
    boolean sameAs(Value other) {
        if (number != null && other.number != null) {
            return number.compareTo(other.number) == 0;
        }
        return text.equals(other.text);
    }

    /**
     * The order of this value against {@code other}, or null when either is not a number
     * (ordering operators then do not hold).
     */
    Integer compareTo(Value other) {
        if (number == null || other.number == null) {
            return null;
        }
        return number.compareTo(other.number);
    }

    /**
     * {@link #shown()} fit for one line of an alert: line breaks become spaces and anything
     * beyond 80 characters is cut and marked with an ellipsis.
     */
    String brief() {
        boolean cut = shown.length() > SHOWN_SCAN;
        String head = cut ? shown.substring(0, SHOWN_SCAN) : shown;
        String oneLine = head.replaceAll("\\s*\\R\\s*", " ");
        if (!cut && oneLine.codePointCount(0, oneLine.length()) <= SHOWN_MAX) {
            return oneLine;
        }
        int end = oneLine.codePointCount(0, oneLine.length()) < SHOWN_MAX ? oneLine.length()
                : oneLine.offsetByCodePoints(0, SHOWN_MAX - 1);
        return oneLine.substring(0, end) + "…";
    }
}
