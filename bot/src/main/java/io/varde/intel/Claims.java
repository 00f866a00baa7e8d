package io.varde.intel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a {@link RawClaim} into a {@link Claim}: every host field through {@link HostNames}. */
public final class Claims {

    /**
     * The outcome of reading a raw claim.
     *
     * @param claim   the claim, or empty when no host field could be read
     * @param refused each host field that names no host, as {@code "field: reason"}
     */
    public record Reading(Optional<Claim> claim, List<String> refused) {

        public Reading {
            refused = List.copyOf(refused);
        }
    }

    /**
     * How far back claims are kept in view: the oldest claim time the webhook takes, the longest
     * {@code since} of {@code GET /api/claims} and of the chat command {@code claims}.
     */
    public static final Duration LOOK_BACK = Duration.ofDays(30);

    private Claims() {
    }

    /**
     * Reads {@code raw}. Hosts are normalised and made distinct; a URL given as a host adds its
     * path to the attacked paths. A missing {@code claimedAt} reads as {@code observedAt}.
     */
    public static Reading read(RawClaim raw) {
        Map<String, HostName> hosts = new LinkedHashMap<>();
        Set<String> paths = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (String field : raw.hosts()) {
            HostReading reading = HostNames.normalise(field);
            if (reading instanceof HostReading.Read read) {
                hosts.putIfAbsent(read.host().host(), read.host());
                pathOf(field).ifPresent(paths::add);
            } else {
                refused.add(field + ": " + ((HostReading.Refused) reading).reason());
            }
        }
        for (String p : raw.paths()) {
            if (p != null && !p.isBlank()) {
                paths.add(p.strip());
            }
        }
        if (hosts.isEmpty()) {
            return new Reading(Optional.empty(), refused);
        }
        Claim claim = new Claim(raw.source(), clean(raw.sourceName()), clean(raw.ref()), clean(raw.actor()).strip(),
                raw.claimedAt() == null ? raw.observedAt() : raw.claimedAt(), raw.observedAt(),
                List.copyOf(hosts.values()), paths.stream().map(Claims::clean).toList(),
                raw.links().stream().filter(l -> l != null && !l.isBlank()).map(l -> clean(l).strip())
                        .distinct().toList(),
                clean(raw.text()));
        return new Reading(Optional.of(claim), refused);
    }

    /**
     * {@code s} without NUL characters (PostgreSQL refuses them in text, H2 takes them: the same
     * claim must store on both); null reads as empty.
     */
    static String clean(String s) {
        return s == null ? "" : s.replace("\u0000", "");
    }

    /** The path of a host field written as an absolute http(s) URL, when it has one beyond {@code /}. */
    static Optional<String> pathOf(String field) {
        String s = field == null ? "" : field.strip();
        if (!s.regionMatches(true, 0, "http://", 0, 7) && !s.regionMatches(true, 0, "https://", 0, 8)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(s);
            String path = uri.getRawPath();
            if (path == null || path.isEmpty() || path.equals("/")) {
                return Optional.empty();
            }
            return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
