package io.varde.web;

import java.time.Duration;
import java.util.Objects;

/**
 * What the web edge allows one client and all of them together. The defaults suit an internal
 * ops service whose callers are Prometheus, a status page in a browser, webhooks and Slack: none
 * of them sends kilobytes of headers, megabytes of body, takes seconds to send a request or holds
 * dozens of connections. {@link WebServer#start(java.net.InetSocketAddress, java.util.List)} uses
 * {@link #DEFAULTS}; tests lower them through the package-private overload.
 *
 * @param maxHeaderBytes     request line and headers together, at most; more is answered 431
 *                           (a request line alone over it: 414)
 * @param maxBodyBytes       a request body, at most: a larger declared {@code Content-Length} is
 *                           answered 413 before any of the body is read, a chunked body that
 *                           grows past it 413 when it does
 * @param bufferedBodies     bodies being received, in all, at most (bytes held in memory until
 *                           their handlers have run); a body that would go past it is answered
 *                           503 and its connection closed, so stalled uploads cannot exhaust the heap
 * @param idleTimeout        no byte in either direction for this long closes the connection
 *                           (a client stalled mid-headers, mid-body or idle between requests;
 *                           mid-body it is answered 408 first)
 * @param requestTime        from a request's first byte to its last (headers and body) at most;
 *                           a client still sending then is disconnected, however steadily it
 *                           trickles
 * @param perAddress         open connections from one client IP address, at most; the next one
 *                           is closed as soon as it is accepted
 * @param total              open connections in all, at most; likewise
 * @param threads            the most handler threads ({@code varde-web-N}); a connection holds
 *                           one only while its handler runs, never while the server waits for
 *                           its bytes
 */
record WebLimits(int maxHeaderBytes, int maxBodyBytes, long bufferedBodies, Duration idleTimeout,
                 Duration requestTime, int perAddress, int total, int threads) {

    /** Request line and headers: 8 KiB, what common proxies allow (nginx's default buffer). */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** A request body: 1 MiB, Slack's largest payloads with room to spare; the claims webhook takes 64 KiB of it. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * Bodies in memory in all: 64 MiB, 64 of the largest at once; without it, 512 connections
     * each stalled one byte short of 1 MiB would hold half a gigabyte.
     */
    static final long BUFFERED_BODIES = 64L * 1024 * 1024;

    /** Silence on a connection: 10 s, beyond any scrape or webhook client's pause mid-request. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    /** A whole request in: 15 s, a slowloris cap (a real client sends one in milliseconds). */
    static final Duration REQUEST_TIME = Duration.ofSeconds(15);

    /** Connections from one IP address: 32, a browser's 6 and a few scrapers many times over. */
    static final int MAX_CONNECTIONS_PER_ADDRESS = 32;

    /** Connections in all: 512, so a flood from many addresses still leaves file descriptors and memory. */
    static final int MAX_CONNECTIONS = 512;

    /**
     * Handler threads: 32. Handlers answer in milliseconds (a {@code /readyz} check within 2 s), and
     * no thread waits for a slow client, so these are for handlers slowed by a slow database.
     */
    static final int THREADS = 32;

    static final WebLimits DEFAULTS = new WebLimits(MAX_HEADER_BYTES, MAX_BODY_BYTES, BUFFERED_BODIES, IDLE_TIMEOUT, REQUEST_TIME,
            MAX_CONNECTIONS_PER_ADDRESS, MAX_CONNECTIONS, THREADS);

    WebLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTime, "requestTime");
        if (maxHeaderBytes < 1024 || maxBodyBytes < 0 || bufferedBodies < maxBodyBytes || perAddress < 1 || total < perAddress || threads < 4
                || idleTimeout.isNegative() || idleTimeout.isZero() || requestTime.isNegative() || requestTime.isZero()) {
            throw new IllegalArgumentException("web limits out of range: " + idleTimeout + " " + requestTime);
        }
    }

    /** These limits with other connection caps (tests). */
    WebLimits withConnections(int perAddress, int total) {
        return new WebLimits(maxHeaderBytes, maxBodyBytes, bufferedBodies, idleTimeout, requestTime, perAddress,
                total, threads);
    }

    /** These limits with other timeouts (tests). */
    WebLimits withTimeouts(Duration idleTimeout, Duration requestTime) {
        return new WebLimits(maxHeaderBytes, maxBodyBytes, bufferedBodies, idleTimeout, requestTime, perAddress,
                total, threads);
    }

    /** These limits with other body caps (tests). */
    WebLimits withBodies(int maxBodyBytes, long bufferedBodies) {
        return new WebLimits(maxHeaderBytes, maxBodyBytes, bufferedBodies, idleTimeout, requestTime, perAddress,
                total, threads);
    }
}
