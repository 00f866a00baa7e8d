package io.varde.check;

import java.util.List;
import java.util.Set;

/**
 * What a recognised mitigation looks like for a target: a CDN or WAF challenge or block page
 * answered instead of the site. A check that sees one is {@link Outcome#MITIGATED}: the site is
 * defended and answering, which is neither up nor down.
 *
 * @param enabled  false turns recognition off for the target
 * @param statuses the HTTP statuses a signature in the body counts for (e.g. 403, 429, 503)
 * @param bodies   text that marks a challenge or block page in such a response's body
 *                 (substrings, matched ignoring case), besides the well-known ones
 * @param headers  response headers that mark a mitigation whatever the status, as
 *                 {@code name: value} (name ignoring case, value a substring ignoring case;
 *                 {@code name} alone matches any value), besides the well-known ones
 */
public record Mitigation(boolean enabled, Set<Integer> statuses, List<String> bodies, List<String> headers) {

    /** The well-known signatures only, for 403, 429 and 503. */
    public static final Mitigation DEFAULT = new Mitigation(true, Set.of(403, 429, 503), List.of(), List.of());

    /** Recognition turned off. */
    public static final Mitigation OFF = new Mitigation(false, Set.of(), List.of(), List.of());

    public Mitigation {
        statuses = Set.copyOf(statuses);
        bodies = List.copyOf(bodies);
        headers = List.copyOf(headers);
    }
}
