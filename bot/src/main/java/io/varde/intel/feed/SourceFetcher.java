package io.varde.intel.feed;

import io.varde.intel.IntelSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the current content of an intel source: an http(s) URL or a file; a directory gives its
 * newest list ({@link NewestFile}). Stateless: the caller keeps the {@link Version} it last
 * processed and passes it back, so that an unchanged source costs a {@code 304} (or, for a file,
 * one look at its size and time) and a list fetched but not stored (a failure after the fetch)
 * is fetched again.
 *
 * <p>HTTP: {@code GET} with {@code User-Agent: varde/<version>}, {@code If-None-Match} and
 * {@code If-Modified-Since} from the version, redirects followed (not from https to http), one
 * deadline of {@link #TIMEOUT} for the whole exchange body included (so a server that trickles
 * cannot hold the poller), and a body over {@link #MAX_BYTES} refused: by its
 * {@code Content-Length}, or as soon as more arrives.
 */
public final class SourceFetcher {

    /** The largest list or feed read; the biggest DDoSia lists seen are under 1 MiB. */
    public static final long MAX_BYTES = 32L << 20;
    /** The deadline of one fetch, from the request to the last byte of the body. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * What identifies the content last processed: the HTTP validators, or for a file its path,
     * size and modification time.
     *
     * @param etag         the {@code ETag} as the server sent it, or the file's identity; empty if none
     * @param lastModified the {@code Last-Modified} as the server sent it; empty if none
     */
    public record Version(String etag, String lastModified) {

        /** Nothing read yet: the next fetch is unconditional. */
        public static final Version NONE = new Version("", "");

        public Version {
            etag = etag == null ? "" : etag;
            lastModified = lastModified == null ? "" : lastModified;
        }
    }

    private final HttpClient client;
    private final String userAgent;
    private final long maxBytes;
    private final Duration timeout;

    /** @param version Varde's version for the {@code User-Agent}; null in a development build */
    public SourceFetcher(String version) {
        this(version, MAX_BYTES, TIMEOUT);
    }

    SourceFetcher(String version, long maxBytes, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                // one request every few minutes: HTTP/2 buys nothing, and h2c upgrades confuse some servers
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.userAgent = "varde/" + (version == null || version.isBlank() ? "dev" : version);
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /**
     * The content of {@code source}, or empty when it is the same as {@code since}.
     *
     * @param now when the fetch started: the observed time of content whose name has no time
     * @throws FetchException with a message fit for users and logs (no URL query), for an HTTP
     *                        status other than 200 and 304, a timeout, a refused connection, a
     *                        body too large, or a missing file
     * @throws InterruptedIOException when the calling thread is interrupted
     */
    public Optional<Fetched> fetch(IntelSource source, Version since, Instant now) throws IOException {
        return source.remote() ? http(source, since, now) : file(source, since, now);
    }

    private Optional<Fetched> http(IntelSource source, Version since, Instant now) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(source.location())
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .header("Accept", source.kind() == IntelSource.Kind.FEED
                        ? "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
                        : "application/json, */*;q=0.8")
                .GET();
        if (!since.etag().isEmpty()) {
            request.header("If-None-Match", since.etag());
        }
        if (!since.lastModified().isEmpty()) {
            request.header("If-Modified-Since", since.lastModified());
        }
        String where = source.where();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(),
                info -> info.statusCode() == 200
                        ? new CappedBody(maxBytes, info.headers().firstValueAsLong("Content-Length"), where)
                        : BodySubscribers.replacing(new byte[0]));
        HttpResponse<byte[]> response = await(exchange, where);
        int status = response.statusCode();
        if (status == 304) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new FetchException(where + ": HTTP " + status);
        }
        URI finalUri = response.uri();
        String path = finalUri.getPath() == null ? "" : finalUri.getPath();
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        return Optional.of(new Fetched(response.body(), where,
                response.headers().firstValue("Content-Type").orElse(""),
                DdosiaTaskLists.observedAtFromName(fileName).orElse(now),
                new Version(response.headers().firstValue("ETag").orElse(""),
                        response.headers().firstValue("Last-Modified").orElse(""))));
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> exchange, String where)
            throws IOException {
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FetchException(where + ": no complete answer within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(where + ": interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), where);
        }
    }

    /** The first {@link FetchException} in the cause chain, or one that says what went wrong. */
    private FetchException failure(Throwable cause, String where) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FetchException f) {
                return f;
            }
            if (t instanceof HttpTimeoutException) {
                return new FetchException(where + ": no answer within " + timeout.toSeconds() + "s");
            }
            if (t instanceof ConnectException) {
                return new FetchException(where + ": cannot connect");
            }
        }
        return new FetchException(where + ": " + (cause == null ? "failed" : cause.toString()));
    }

    private Optional<Fetched> file(IntelSource source, Version since, Instant now) throws IOException {
        Path path = Path.of(source.location());
        if (Files.isDirectory(path)) {
            path = NewestFile.in(path, source.kind());
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new FetchException(path + ": no such file");
        }
        Version version = new Version(path + " " + attributes.size() + " bytes "
                + attributes.lastModifiedTime().toMillis(), "");
        if (version.equals(since)) {
            return Optional.empty();
        }
        if (attributes.size() > maxBytes) {
            throw CappedBody.tooLarge(path.toString(), maxBytes);
        }
        return Optional.of(new Fetched(Files.readAllBytes(path), path.toString(), "",
                DdosiaTaskLists.observedAtFromName(path.getFileName().toString()).orElse(now), version));
    }

    /** A source that could not be read; the message says which and why, without secrets. */
    public static final class FetchException extends IOException {

        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }
    }
}
