package io.varde.vantage;

import java.util.Locale;
import java.util.Optional;

/** What the probe endpoint counts, for metrics. Called on web threads; must be quick. */
public interface ProbeListener {

    /** Why a request, or a result in an accepted batch, was refused. */
    enum Reason {
        /** No token, or one no location has (401). */
        AUTH,
        /** The token is another location's than the batch says (403). */
        LOCATION,
        /** Over 1 MiB compressed, 8 MiB uncompressed or 5,000 results (413). */
        TOO_LARGE,
        /** Not the wire format, or an encoding other than gzip (400, 415). */
        MALFORMED,
        /** A result from more than 30 s in the future (dropped from its batch). */
        FUTURE,
        /** A result from 24 h ago or earlier (dropped from its batch). */
        STALE,
        /** A result for a target not assigned to the location (dropped from its batch). */
        UNASSIGNED;

        /** The lower-case name used in answers, logs and metrics: {@code too_large}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One batch accepted with {@code results} results (refused ones not counted). */
    void accepted(String location, int results);

    /**
     * Refused: a whole request ({@code count} 1, for {@code AUTH}, {@code LOCATION},
     * {@code TOO_LARGE}, {@code MALFORMED}) or {@code count} results of an accepted batch.
     *
     * @param location the token's location, empty when no token was recognised
     */
    void refused(Optional<String> location, Reason reason, int count);

    /** Counts nothing. */
    ProbeListener NONE = new ProbeListener() {
        @Override
        public void accepted(String location, int results) {
        }

        @Override
        public void refused(Optional<String> location, Reason reason, int count) {
        }
    };
}
