package io.varde.web;

import io.varde.core.LogThrottle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web edge's connection caps and request-time watchdog, as a listener on the connector's
 * connections.
 *
 * <p><b>Caps.</b> A connection beyond {@link WebLimits#perAddress()} from its client's IP address,
 * or beyond {@link WebLimits#total()} in all, is closed as soon as it opens, before a byte of it
 * is read. Refusals are logged at info at most once a minute, with how many there were.
 *
 * <p><b>Request time.</b> Jetty's idle timeout closes a connection that goes silent, but not one
 * that trickles a byte every few seconds. So every connection is watched: from the first byte of
 * a request (Jetty's own begin time once the headers are in; until then, the sweep that first saw
 * bytes arrive) until its body is complete, at most {@link WebLimits#requestTime()} may pass, or
 * the connection is closed. While a handler runs and its response is written the clock stops; it
 * starts again with the next request's first byte. A sweep on the server's scheduler checks every
 * connection at {@link #sweepPeriodMillis()} intervals, so the cap holds to within one period.
 */
final class EdgeGuard implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeGuard.class);
    private static final long NONE = Long.MIN_VALUE;

    private final WebLimits limits;
    private final long requestNanos;
    private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final LogThrottle refusalLines = new LogThrottle(Duration.ofMinutes(1));
    private volatile long lastSweep = System.nanoTime();
    private volatile boolean stopped;

    /** One open connection, as far as the caps and the clock are concerned. */
    private static final class Watch {
        final InetAddress address;
        volatile long bytesWhenIdle;
        volatile long startedAt = NONE;
        volatile boolean answering;

        Watch(InetAddress address, long bytesIn) {
            this.address = address;
            this.bytesWhenIdle = bytesIn;
        }
    }

    EdgeGuard(WebLimits limits) {
        this.limits = limits;
        this.requestNanos = limits.requestTime().toNanos();
    }

    /** How often the watchdog looks: a fifteenth of the request time, between 50 ms and 1 s. */
    long sweepPeriodMillis() {
        return Math.max(50, Math.min(1000, limits.requestTime().toMillis() / 15));
    }

    /** Starts the watchdog on {@code scheduler}; it runs until {@link #stop()}. */
    void start(Scheduler scheduler) {
        long period = sweepPeriodMillis();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (stopped) {
                return;
            }
            try {
                sweep(System.nanoTime());
            } finally {
                scheduler.schedule(tick[0], period, TimeUnit.MILLISECONDS);
            }
        };
        scheduler.schedule(tick[0], period, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
    }

    /** Open connections now (tests). */
    int openConnections() {
        return total.get();
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection.getEndPoint().getRemoteSocketAddress());
        if (total.incrementAndGet() > limits.total()) {
            total.decrementAndGet();
            refuse(connection, address, "total", limits.total());
            return;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limits.perAddress()) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            refuse(connection, address, "per_address", limits.perAddress());
            return;
        }
        open.put(connection, new Watch(address, connection.getBytesIn()));
    }

    @Override
    public void onClosed(Connection connection) {
        Watch watch = open.remove(connection);
        if (watch == null) {
            return;
        }
        perAddress.computeIfPresent(watch.address, (a, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
    }

    /** A request's headers are in; its first byte came at {@code beginNanos} (System.nanoTime). */
    void headersIn(Connection connection, long beginNanos) {
        Watch watch = open.get(connection);
        if (watch != null) {
            watch.startedAt = beginNanos;
        }
    }

    /** The request's body is in: the clock stops while it is answered. */
    void bodyIn(Connection connection) {
        Watch watch = open.get(connection);
        if (watch != null) {
            watch.answering = true;
        }
    }

    /** The response is written: the clock waits for the next request's first byte. */
    void answered(Connection connection) {
        Watch watch = open.get(connection);
        if (watch != null) {
            watch.startedAt = NONE;
            watch.bytesWhenIdle = connection.getBytesIn();
            watch.answering = false;
        }
    }

    /** Closes every connection whose request has been coming in for longer than the request time. */
    void sweep(long now) {
        long previous = lastSweep;
        for (Map.Entry<Connection, Watch> e : open.entrySet()) {
            Connection connection = e.getKey();
            Watch watch = e.getValue();
            if (watch.answering) {
                continue;
            }
            long started = watch.startedAt;
            if (started == NONE) {
                if (connection.getBytesIn() != watch.bytesWhenIdle) {
                    watch.startedAt = previous;
                }
            } else if (now - started > requestNanos) {
                LOG.debug("event=web_request_too_slow address={} limit_ms={}", watch.address.getHostAddress(),
                        limits.requestTime().toMillis());
                connection.getEndPoint().close();
            }
        }
        lastSweep = now;
    }

    private void refuse(Connection connection, InetAddress address, String cap, int limit) {
        connection.getEndPoint().close();
        long leftOut = refusalLines.pass(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
        if (leftOut >= 0) {
            LOG.info("event=web_connections_refused cap={} limit={} address={} refused={}", cap, limit,
                    address.getHostAddress(), leftOut + 1);
        } else {
            LOG.debug("event=web_connection_refused cap={} limit={} address={}", cap, limit, address.getHostAddress());
        }
    }

    private static InetAddress address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
