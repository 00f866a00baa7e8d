package io.varde.check.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty {@link HttpClient} per (source address, TLS verification), built and started on first
 * use and stopped by {@link #close()}: the clients of HTTP checks that leave from a source address,
 * which the JDK 17 client cannot bind (it gained that in JDK 19). Each is set up to behave as the
 * JDK client does for checks: HTTP/1.1 only, no cookies kept between checks (a CDN's cookie would
 * otherwise let later checks through its challenge), no content decoding and so no
 * {@code Accept-Encoding}, no default {@code User-Agent} or {@code Content-Type}, no redirects of
 * its own (the exchange follows them, each on a fresh connection), and the JDK's cipher suites
 * rather than Jetty's stricter list, so a legacy site passes or fails alike on both paths.
 * <p>
 * A client owns a selector thread and a small pool, all daemons. There are few of them: one per
 * address a location or target names.
 */
final class JettyClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JettyClients.class);

    /**
     * Jetty's own bound on a TCP connect. A check's deadline completes the probe long before; the
     * connect cannot be cancelled from outside, so its socket lingers until it connects (and is
     * closed at once) or this passes. Two minutes is about where Linux gives up on an unanswered
     * SYN anyway ({@code tcp_syn_retries} 6).
     */
    static final Duration CONNECT_LIMIT = Duration.ofMinutes(2);

    /** A connection silent for this long is closed by Jetty (checks end far sooner). */
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(2);

    private record Key(InetAddress source, boolean verifyTls) {
    }

    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();
    private final AtomicInteger built = new AtomicInteger();
    private volatile boolean closed;

    /**
     * The started client whose connections leave from {@code source}.
     *
     * @throws IllegalStateException when closed, or when the client cannot start
     */
    HttpClient forSource(InetAddress source, boolean verifyTls) {
        if (closed) {
            throw new IllegalStateException("prober is closed");
        }
        HttpClient client = clients.computeIfAbsent(new Key(source, verifyTls), this::start);
        if (closed) {
            stop(client);
            throw new IllegalStateException("prober is closed");
        }
        return client;
    }

    private HttpClient start(Key key) {
        String name = "varde-probe-jetty-" + built.incrementAndGet();
        ClientConnector connector = new ClientConnector();
        connector.setBindAddress(new InetSocketAddress(key.source(), 0));
        connector.setSelectors(1);
        connector.setConnectTimeout(CONNECT_LIMIT);
        connector.setIdleTimeout(IDLE_LIMIT);
        connector.setSslContextFactory(tls(key.verifyTls()));
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName(name);
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        connector.setExecutor(threads);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setName(name);
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler(name + "-timer", true));
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setDefaultRequestContentType(null);
        client.setIdleTimeout(IDLE_LIMIT.toMillis());
        client.setDestinationIdleTimeout(Duration.ofMinutes(10).toMillis());
        client.setSocketAddressResolver(JettyClients::resolveFirst);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client for source address "
                    + key.source().getHostAddress() + ": " + e.getMessage(), e);
        }
        client.getContentDecoderFactories().clear();
        LOG.debug("event=probe_http_client_started source={} verify_tls={}",
                key.source().getHostAddress(), key.verifyTls());
        return client;
    }

    /**
     * Resolves as the JDK client does: the first address only, so a check reports what that
     * address did instead of quietly trying the next. The prober has just resolved the host on
     * a lookup thread, so this is answered from the JVM's cache, on the calling thread.
     */
    private static void resolveFirst(String host, int port, Map<String, Object> context,
                                     org.eclipse.jetty.util.Promise<List<InetSocketAddress>> promise) {
        try {
            promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByName(host), port)));
        } catch (UnknownHostException e) {
            promise.failed(e);
        }
    }

    private static SslContextFactory.Client tls(boolean verify) {
        SslContextFactory.Client tls = new SslContextFactory.Client(!verify) {
            /**
             * Jetty's start-up checks warn, once per client and cipher suite, about what is
             * chosen here on purpose: the JDK's own suites (its disabled algorithms still
             * apply), and trusting any certificate when a target turns verification off.
             */
            @Override
            protected void checkConfiguration() {
                // nothing to warn about
            }
        };
        if (!verify) {
            tls.setEndpointIdentificationAlgorithm(null);
        }
        tls.setExcludeCipherSuites();
        return tls;
    }

    @Override
    public void close() {
        closed = true;
        for (HttpClient client : clients.values()) {
            stop(client);
        }
        clients.clear();
    }

    private static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            LOG.debug("event=probe_http_client_stop_failed message=\"{}\"", e.getMessage());
        }
    }
}
