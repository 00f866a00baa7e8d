package io.varde.core;

import java.util.List;

/**
 * A set of label matchers in Alertmanager syntax, all of which must hold:
 * {@code sector="government"}, {@code org=~"kk|aarhus", country!="se"}. Braces are optional.
 * Regular expressions are anchored, as in Alertmanager. Values are double-quoted (escapes
 * {@code \"} and {@code \\}) or, without spaces, commas, quotes or braces, unquoted. An empty
 * list of matchers (a route that takes everything) can be built but not parsed: empty text is an
 * error, since an empty mute or route match is more likely a slip than a wish.
 *
 * @param matchers the matchers, in the order written
 */
public record Matchers(List<Matcher> matchers) {

    public Matchers {
        matchers = List.copyOf(matchers);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a short, specific reason (which matcher, what is wrong)
     */
    public static Matchers parse(String text) {
        return new Matchers(MatcherParser.parse(text));
    }

    /** True when every matcher holds for {@code labels} (a missing label is the empty string). */
    public boolean matches(Labels labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when these matchers would match a target with no labels at all, and so every target
     * lacking the labels named: Alertmanager refuses such silences, and so do we.
     */
    public boolean matchesEverything() {
        return matches(Labels.empty());
    }

    /** The canonical text, e.g. {@code sector="government", org=~"kk|aarhus"}; parses back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Matcher m : matchers) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(m);
        }
        return sb.toString();
    }
}
