package io.varde.intel;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One polled intel source from {@code rules/intel.yaml}: a DDoSia task list or an RSS/Atom feed.
 *
 * @param name     unique among all sources; the {@code sourceName} of what it yields
 * @param kind     what it serves
 * @param location an {@code http}/{@code https} URL, or a {@code file} URI (config resolves a
 *                 path against the rules directory); a directory means its newest list
 * @param every    how often it is read
 * @param actor    who its lists or posts speak for, e.g. {@code NoName057(16)}; empty when unknown
 */
public record IntelSource(String name, Kind kind, URI location, Duration every, String actor) {

    /** What a source serves. */
    public enum Kind {
        /** DDoSia task lists (JSON): compared with the previous list of the same source. */
        TASK_LIST(Duration.ofMinutes(10)),
        /** RSS or Atom: each entry naming a host is a claim. */
        FEED(Duration.ofMinutes(5));

        private final Duration defaultEvery;

        Kind(Duration defaultEvery) {
            this.defaultEvery = defaultEvery;
        }

        /** How often a source of this kind is read when its {@code every} is not given. */
        public Duration defaultEvery() {
            return defaultEvery;
        }

        /** {@code task list}, {@code feed}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The shortest {@code every}: polling faster only burdens the source. */
    public static final Duration MIN_EVERY = Duration.ofSeconds(30);

    public IntelSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(every, "every");
        actor = actor == null ? "" : actor.strip();
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new IllegalArgumentException("location must be an http(s) or file URI: " + location);
        }
        if (every.compareTo(MIN_EVERY) < 0) {
            throw new IllegalArgumentException("every must be at least " + MIN_EVERY + ": " + every);
        }
    }

    /** True for an {@code http}/{@code https} location, false for a file or directory. */
    public boolean remote() {
        return !location.getScheme().equalsIgnoreCase("file");
    }

    /**
     * The location as it may be shown and logged: a URL without its user info, query and
     * fragment (a feed bridge's access key often sits in the query), a file as its path.
     */
    public String where() {
        if (!remote()) {
            return location.getPath();
        }
        String port = location.getPort() < 0 ? "" : ":" + location.getPort();
        String path = location.getRawPath() == null ? "" : location.getRawPath();
        String query = location.getRawQuery() == null ? "" : "?...";
        return location.getScheme().toLowerCase(Locale.ROOT) + "://" + location.getHost() + port + path + query;
    }
}
