package io.varde.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /**
     * What mitigation {@code observation} shows, as a short signature for humans
     * ({@code cf-mitigated: challenge}, {@code Cloudflare challenge page (403)}), or empty when it
     * shows none or recognition is off. Header signatures (well-known and this target's) count
     * whatever the status; body signatures, and headers that only mark a CDN in front, count only
     * for a status in {@link #statuses()}. Matching ignores case. The signature is Varde's own
     * text (or the target's configured one), never text the site sent, since it goes into alerts.
     * Cheap: the body is only read for a status in {@link #statuses()}.
     */
    public Optional<String> recognise(Observation observation) {
        if (!enabled || observation == null || observation.status() == null) {
            return Optional.empty();
        }
        String seen = MitigationSignatures.inHeaders(observation);
        if (seen == null) {
            seen = targetHeader(observation);
        }
        int status = observation.status();
        if (seen == null && statuses.contains(status)) {
            String body = observation.body() == null ? "" : observation.body().toLowerCase(Locale.ROOT);
            seen = MitigationSignatures.forStatus(observation, body, status);
            if (seen == null) {
                seen = targetBody(body, status);
            }
        }
        return Optional.ofNullable(seen);
    }

    /**
     * The names (lower case) of the response headers this target's own signatures read, which
     * the prober must keep besides the well-known ones.
     */
    public Set<String> headerNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String h : headers) {
            String name = headerName(h);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** True when a response with {@code status} may be a challenge page by its body. */
    public boolean readsBodyOf(Integer status) {
        return enabled && status != null && statuses.contains(status);
    }

    private String targetHeader(Observation observation) {
        for (String h : headers) {
            String name = headerName(h);
            if (name.isEmpty()) {
                continue;
            }
            String value = observation.header(name);
            if (value == null) {
                continue;
            }
            int colon = h.indexOf(':');
            String wanted = colon < 0 ? "" : h.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (value.toLowerCase(Locale.ROOT).contains(wanted)) {
                return wanted.isEmpty() ? name : name + ": " + wanted;
            }
        }
        return null;
    }

    private String targetBody(String lowerBody, int status) {
        for (String b : bodies) {
            String wanted = b.strip().toLowerCase(Locale.ROOT);
            if (!wanted.isEmpty() && lowerBody.contains(wanted)) {
                return "body \"" + b.strip() + "\" (" + status + ")";
            }
        }
        return null;
    }

    private static String headerName(String signature) {
        int colon = signature.indexOf(':');
        String name = colon < 0 ? signature : signature.substring(0, colon);
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
