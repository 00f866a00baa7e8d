package io.varde.intel.feed;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * The content of an intel source as fetched. Immutable: the body is only handed out as a fresh
 * stream.
 */
public final class Fetched {

    private final byte[] body;
    private final String name;
    private final String contentType;
    private final Instant observedAt;
    private final SourceFetcher.Version version;

    /**
     * @param name        the file read or the URL asked (without its query), for messages
     * @param contentType the HTTP {@code Content-Type} (its charset tells how to read XML); empty for a file
     * @param observedAt  the time in the file name, else when the fetch started
     * @param version     what to pass back to {@link SourceFetcher#fetch} once this content is processed
     */
    Fetched(byte[] body, String name, String contentType, Instant observedAt, SourceFetcher.Version version) {
        this.body = Objects.requireNonNull(body, "body");
        this.name = Objects.requireNonNull(name, "name");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.observedAt = Objects.requireNonNull(observedAt, "observedAt");
        this.version = Objects.requireNonNull(version, "version");
    }

    /** A new stream over the body. */
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }

    public int size() {
        return body.length;
    }

    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public Instant observedAt() {
        return observedAt;
    }

    public SourceFetcher.Version version() {
        return version;
    }
}
