package io.varde.intel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a polled intel source is doing, for {@code /readyz}, the status page and chat. Each poll
 * makes the next value: {@link #read}, {@link #unchanged} or {@link #failed}.
 *
 * @param name        the source's name
 * @param kind        what it serves
 * @param lastAttempt when it was last read (started), empty before the first poll
 * @param lastSuccess when it was last read without error (unchanged counts), empty until then
 * @param lastError   the last error, kept after a recovery so that it can still be shown
 * @param lastErrorAt when {@code lastError} happened
 * @param failures    polls failed in a row; 0 when the last poll succeeded
 * @param entries     in the last list or feed read: its rows or entries
 * @param hosts       in the last list or feed read: the distinct hosts it names
 */
public record SourceStatus(String name, IntelSource.Kind kind, Optional<Instant> lastAttempt,
                           Optional<Instant> lastSuccess, Optional<String> lastError,
                           Optional<Instant> lastErrorAt, int failures, int entries, int hosts) {

    public SourceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastErrorAt, "lastErrorAt");
    }

    /** A source not polled yet. */
    public static SourceStatus never(IntelSource source) {
        return new SourceStatus(source.name(), source.kind(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0, 0);
    }

    /** Read at {@code at}: a list or feed of {@code entries} naming {@code hosts} hosts. */
    public SourceStatus read(Instant at, int entries, int hosts) {
        return new SourceStatus(name, kind, Optional.of(at), Optional.of(at), lastError, lastErrorAt, 0,
                entries, hosts);
    }

    /** Asked at {@code at}; unchanged since the last read (the counts stay those of that read). */
    public SourceStatus unchanged(Instant at) {
        return read(at, entries, hosts);
    }

    /** Failed at {@code at} with {@code error} (no secrets: a URL without its query). */
    public SourceStatus failed(Instant at, String error) {
        return new SourceStatus(name, kind, Optional.of(at), lastSuccess, Optional.of(error), Optional.of(at),
                failures + 1, entries, hosts);
    }

    /** True while the last poll failed. */
    public boolean failing() {
        return failures > 0;
    }
}
