package io.varde.command;

import io.varde.core.Durations;
import io.varde.intel.Claims;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of {@code claim} and {@code claims} read as typed values: a proof link, and how far
 * back to look (a duration or a day). Each reader returns a value or throws
 * {@link ArgumentException} with a short reason, as {@link ArgumentReader} does. Pure.
 */
final class IntelArguments {

    /** How far back {@code claims} looks at most. */
    static final Duration LONGEST_BACK = Claims.LOOK_BACK;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private IntelArguments() {
    }

    /** How far back {@code claims} looks: a duration up to {@link #LONGEST_BACK}. */
    static Duration since(String word) {
        try {
            Durations.parse(word);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(ArgumentReader.show(word)
                    + " is not a duration or day (use 2h, 1d or 2025-11-12)");
        }
        return ArgumentReader.duration(word, LONGEST_BACK);
    }

    /** True when {@code word} is written as a date, {@code 2025-11-12}, valid or not. */
    static boolean isDate(String word) {
        return DATE.matcher(word).matches();
    }

    /** A calendar date written {@code 2025-11-12}. */
    static LocalDate date(String word) {
        try {
            return LocalDate.parse(word);
        } catch (DateTimeParseException e) {
            throw new ArgumentException(ArgumentReader.show(word) + " is not a date (use 2025-11-12)");
        }
    }

    /**
     * True when {@code word} is meant as a link rather than a name: it has a scheme
     * ({@code ://}). {@link #link} then says whether it is one Varde keeps.
     */
    static boolean looksLikeUrl(String word) {
        return word.contains("://");
    }

    /**
     * A proof link: an absolute {@code http} or {@code https} URL with a host, stripped of
     * surrounding space. Other schemes and plain words are refused, the latter with a hint,
     * since they are usually an actor name with spaces that was not quoted.
     */
    static String link(String word) {
        String s = word.strip();
        if (!looksLikeUrl(s)) {
            throw new ArgumentException(ArgumentReader.show(word)
                    + " is not a link (use an http or https URL; quote an actor with spaces)");
        }
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(ArgumentReader.show(word) + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ArgumentException(ArgumentReader.show(word) + " is not an http or https link");
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
            throw new ArgumentException(ArgumentReader.show(word) + " is a link without a host");
        }
        return s;
    }
}
