package io.varde.command;

import io.varde.incident.Incident;
import io.varde.incident.MuteScope;
import java.time.Duration;

/**
 * Writes command words that {@link Tokenizer} reads back unchanged: quoting, exact durations.
 * Pure.
 */
final class Words {

    private Words() {
    }

    /**
     * {@code text} as one token: bare when it has no space and does not start with a quote,
     * else in single quotes, else (it holds a single quote) in double quotes with {@code \}
     * escapes.
     */
    static String quote(String text) {
        boolean bare = !text.isEmpty() && text.codePoints().noneMatch(Tokenizer::isSpace)
                && text.charAt(0) != '"' && text.charAt(0) != '\'';
        if (bare) {
            return text;
        }
        return text.indexOf('\'') < 0 ? "'" + text + "'" : doubleQuoted(text);
    }

    /**
     * {@code text} as one token that reads back as exactly {@code text}, for free words such as
     * a claim's host or actor: like {@link #quote}, but quoted also when a double quote is
     * inside it (a bare word would run on to the next one).
     */
    static String token(String text) {
        if (text.indexOf('"') < 0) {
            return quote(text);
        }
        return text.indexOf('\'') < 0 ? "'" + text + "'" : doubleQuoted(text);
    }

    private static String doubleQuoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code head}, then a space and {@code tail} when there is a tail. */
    static String join(String head, String tail) {
        return tail.isEmpty() ? head : head + " " + tail;
    }

    /** How a mute scope is written as a command argument. */
    static String scope(MuteScope scope) {
        if (scope instanceof MuteScope.OfIncident i) {
            return Incident.id(i.number());
        }
        if (scope instanceof MuteScope.OfTarget t) {
            return t.targetId();
        }
        return quote(((MuteScope.OfLabels) scope).matchers().toString());
    }

    /**
     * {@code d} exactly, every unit written ({@code 1d2h3m4s5ms}), unlike the compact
     * {@link io.varde.core.Durations#format}, which drops seconds from hours.
     */
    static String duration(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            long n = ms / sizes[i];
            ms %= sizes[i];
            if (n > 0) {
                sb.append(n).append(units[i]);
            }
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }
}
