package io.varde.command;

import io.varde.core.Durations;
import io.varde.core.Matchers;
import io.varde.incident.Mute;
import io.varde.incident.MuteScope;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words after a command name, read as typed values. Each reader either returns a value or
 * throws {@link ArgumentException} with a short reason (without the command name, which the
 * parser adds). Pure.
 */
final class ArgumentReader {

    /** The longest duration the grammar accepts; the team's configured maximum applies after. */
    static final Duration LONGEST = Duration.ofDays(365);
    /** The highest escalation level the grammar accepts; the policy decides what exists. */
    static final int MAX_LEVEL = 99;

    private static final Pattern INCIDENT = Pattern.compile("(?i)(?:inc-|#)?(\\d+)");
    private static final Pattern INCIDENT_LIKE = Pattern.compile("(?i)(?:inc-|#).*");
    private static final Pattern MUTE_ID = Pattern.compile("(?i)m-(\\d+)");
    private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern LEVEL = Pattern.compile("[+-]?\\d+");
    /** How much of a word, and of the matcher parser's reason, an error reason repeats. */
    private static final int SHOWN = 32;
    private static final int WHY = 100;

    private final Tokenizer words;

    ArgumentReader(Tokenizer words) {
        this.words = words;
    }

    /** The next word; {@code what} names it in the error when there is none. */
    String required(String what) {
        return words.next().orElseThrow(() -> new ArgumentException("missing " + what));
    }

    Optional<String> optional() {
        return words.next();
    }

    /** The rest of the line verbatim (a note or reason), possibly empty. */
    String rest() {
        return words.rest();
    }

    /** Refuses any word left over. */
    void end() {
        Optional<String> extra = words.next();
        if (extra.isPresent()) {
            throw new ArgumentException("unexpected " + show(extra.get()));
        }
    }

    /** An incident reference: {@code INC-12}, {@code inc-12}, {@code #12} or {@code 12}. */
    long incident() {
        return incidentNumber(required("incident id"));
    }

    static long incidentNumber(String word) {
        Matcher m = INCIDENT.matcher(word);
        long n = m.matches() ? positive(m.group(1)) : 0;
        if (n <= 0) {
            throw new ArgumentException(show(word) + " is not an incident id (use INC-12)");
        }
        return n;
    }

    /** A duration from 1 ms up to {@link #LONGEST}, in {@link Durations} notation. */
    static Duration duration(String word) {
        return duration(word, LONGEST);
    }

    /** A duration from 1 ms up to {@code longest}, in {@link Durations} notation. */
    static Duration duration(String word, Duration longest) {
        Duration d;
        try {
            d = Durations.parse(word);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(show(word) + " is not a duration (use 30m, 1h, 2d)");
        }
        if (d.compareTo(longest) > 0) {
            throw new ArgumentException(show(word) + " is too long (at most "
                    + Words.duration(longest) + ")");
        }
        if (d.isZero() || d.isNegative()) {
            throw new ArgumentException("the duration must be more than zero, not " + show(word));
        }
        return d;
    }

    /** The optional level word of {@code escalate}: consumed only when it is a whole number. */
    OptionalInt level() {
        Optional<String> word = words.peek();
        if (word.isEmpty() || !LEVEL.matcher(word.get()).matches()) {
            return OptionalInt.empty();
        }
        words.next();
        long n = word.get().startsWith("-") ? 0 : positive(word.get().replace("+", ""));
        if (n < 1 || n > MAX_LEVEL) {
            throw new ArgumentException(show(word.get()) + " is not a level (1 to " + MAX_LEVEL + ")");
        }
        return OptionalInt.of((int) n);
    }

    /** What {@code mute} silences: an incident, label matchers, or else a target. */
    static MuteScope muteScope(String word) {
        if (INCIDENT.matcher(word).matches() || INCIDENT_LIKE.matcher(word).matches()) {
            return new MuteScope.OfIncident(incidentNumber(word));
        }
        if (isMatcherExpression(word)) {
            Matchers matchers = matchers(word);
            if (matchers.matchesEverything()) {
                throw new ArgumentException(show(word)
                        + " would mute every target (it matches one without labels)");
            }
            return new MuteScope.OfLabels(matchers);
        }
        return new MuteScope.OfTarget(targetId(word));
    }

    /** What {@code unmute} ends: a mute id ({@code M-4}), or the mute of a target. */
    static String muteRef(String word) {
        Matcher m = MUTE_ID.matcher(word);
        if (m.matches()) {
            long n = positive(m.group(1));
            if (n <= 0) {
                throw new ArgumentException(show(word) + " is not a mute id (use M-4)");
            }
            return Mute.PREFIX + n;
        }
        if (INCIDENT_LIKE.matcher(word).matches() || isMatcherExpression(word)) {
            throw new ArgumentException("give the mute id (M-4, shown when it was set) or a target");
        }
        return targetId(word);
    }

    /** True when {@code word} is meant as label matchers: it holds an operator. */
    static boolean isMatcherExpression(String word) {
        return word.contains("=") || word.contains("!~");
    }

    static Matchers matchers(String word) {
        try {
            return Matchers.parse(word);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ArgumentException(why.isBlank() ? "bad label matcher " + show(word)
                    : "bad label matcher: " + cut(why.strip(), WHY));
        }
    }

    /**
     * A target reference, lower-cased: an id ({@code [a-z0-9-]+}) or a host name the target is
     * known by (its alias, e.g. {@code www.borger.dk}); the executor resolves aliases.
     */
    static String targetId(String word) {
        String id = word.toLowerCase(Locale.ROOT);
        if (!TARGET.matcher(id).matches()) {
            throw new ArgumentException(show(word) + " is not a target id or label matcher");
        }
        return id;
    }

    /**
     * {@code word} quoted for an error reason, cut short when long: in double quotes, or in
     * single quotes when it holds double quotes (a matcher), as one would type it.
     */
    static String show(String word) {
        String q = word.indexOf('"') >= 0 && word.indexOf('\'') < 0 ? "'" : "\"";
        return q + cut(word, SHOWN) + q;
    }

    private static String cut(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints)) + "…";
    }

    /** The digits as a number, or 0 when they do not fit in a long. */
    private static long positive(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        return d.length() > 18 ? 0 : Long.parseLong(d);
    }

}
