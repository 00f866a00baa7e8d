package io.varde.core;

import java.util.List;

/**
 * A set of label matchers in Alertmanager syntax, all of which must hold:
 * {@code sector="government"}, {@code org=~"kk|aarhus", country!="se"}. Braces are optional.
 * Regular expressions are anchored, as in Alertmanager.
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
        throw new UnsupportedOperationException("being written");
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
