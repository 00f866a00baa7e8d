package io.varde.check.probe;

import io.varde.check.HttpSpec;
import io.varde.check.Mitigation;
import io.varde.check.Observation;
import io.varde.check.ProbeError;
import io.varde.check.Prober;
import io.varde.check.Target;
import io.varde.core.Durations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes HTTP(S) targets with the JDK's asynchronous {@link HttpClient}.
 * <p>
 * One check: resolve the host on a lookup thread (this also reports the IP, and it keeps the
 * blocking look-up off the client's worker threads, since the client then finds the address in
 * the JVM's cache), send the request on a fresh connection, read the whole body (keeping the
 * first {@value #BODY_CAP} bytes when a condition needs it, or the first
 * {@value #MITIGATION_BODY_CAP} when the status is one a challenge page may answer with, so
 * {@link io.varde.check.Mitigation#recognise} can read it), keep the few headers
 * {@link KeptHeaders} names, and read the leaf certificate's expiry. The whole of it, look-up
 * included, is bounded by the target's timeout: at the deadline the exchange is cancelled, which
 * closes its connection, and the probe completes with TIMEOUT.
 * <p>
 * A target with a source address ({@code target.vantage().sourceAddress()}) is checked by
 * {@link BoundHttpProber} on Jetty's client instead, since the JDK 17 client cannot bind one; the
 * others stay on the JDK client, whose cost is measured (docs/BENCHMARKS.md).
 */
final class HttpProber implements Prober, AutoCloseable {

    /** The most of a body kept for conditions. */
    static final int BODY_CAP = 1024 * 1024;

    /** The most of a body kept only to recognise a challenge or block page: they are small. */
    static final int MITIGATION_BODY_CAP = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpProber.class);
    private static final boolean CLOSE_CONNECTIONS;

    /**
     * The JDK retries a failed connect once by default, which doubles the connections sent to a
     * struggling site, hides single failures and, in Java 17, replaces "connection refused" by a
     * message-less error; a check should report what one attempt saw.
     */
    private static final String DISABLE_RETRY_CONNECT = "jdk.httpclient.disableRetryConnect";

    static {
        System.setProperty(HttpRequests.ALLOW_PROPERTY, HttpRequests.withAllowed(
                System.getProperty(HttpRequests.ALLOW_PROPERTY), "connection", "host"));
        if (System.getProperty(DISABLE_RETRY_CONNECT) == null) {
            System.setProperty(DISABLE_RETRY_CONNECT, "true");
        }
        CLOSE_CONNECTIONS = HttpRequests.connectionHeaderAllowed();
        if (!CLOSE_CONNECTIONS) {
            LOG.warn("event=fresh_connections_off reason=\"JDK HTTP client loaded before {} was"
                    + " set; checks may reuse keep-alive connections\"",
                    HttpRequests.ALLOW_PROPERTY);
        }
    }

    /**
     * Makes sure the JDK properties above are set before any other code builds an HttpClient
     * (the JDK reads them once, when its HTTP internals load; a webhook notifier built first would
     * otherwise leave probes without {@code Connection: close}). Call first thing at start-up.
     */
    static void prepareJdk() {
        // Loading this class ran the static initializer; nothing else to do.
    }

    private final ProbeExecutors executors;
    private final HttpClients clients;
    private final BoundHttpProber bound;
    private final String userAgent;

    HttpProber(ProbeExecutors executors) {
        this.executors = executors;
        this.clients = new HttpClients(executors.worker());
        this.userAgent = "Varde/" + version() + " (health check)";
        this.bound = new BoundHttpProber(executors, userAgent);
    }

    @Override
    public CompletableFuture<Observation> probe(Target target) {
        return probe(target, target.needsBody());
    }

    /**
     * As {@link #probe(Target)}, with whether to keep the body given explicitly: the seam that lets
     * tests ask for the body without depending on how conditions declare their needs.
     */
    CompletableFuture<Observation> probe(Target target, boolean keepBody) {
        if (!(target.probe() instanceof HttpSpec spec)) {
            throw new IllegalArgumentException("not an HTTP target: " + target.id());
        }
        if (target.vantage().sourceAddress() != null) {
            return bound.probe(target, spec, keepBody);
        }
        Attempt attempt = new Attempt(executors.worker());
        Exchange exchange = new Exchange(attempt, target, spec, keepBody);
        attempt.arm(executors, target.timeout(), exchange::timedOut, exchange::cancel);
        HttpRequest request;
        try {
            request = HttpRequests.build(spec, target.timeout(), userAgent, CLOSE_CONNECTIONS);
        } catch (IllegalArgumentException e) {
            attempt.fail(new ProbeError(ProbeError.Reason.OTHER, "invalid request: "
                    + e.getMessage()));
            return attempt.result();
        }
        executors.resolve(spec.host(), attempt::isDone).whenComplete((address, error) -> {
            if (error != null) {
                exchange.failed(error);
            } else {
                attempt.address(address);
                exchange.send(clients.forSpec(spec), request);
            }
        });
        return attempt.result();
    }

    /** Stops the Jetty clients of source-bound checks; the JDK clients need no closing. */
    @Override
    public void close() {
        bound.close();
    }

    /**
     * The URL without user info, query or fragment: those may carry tokens (often put there
     * through {@code ${VAR}} in the rules), and logs must never show a secret.
     */
    static String loggable(HttpSpec spec) {
        URI u = spec.url();
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        return u.getScheme() + "://" + u.getHost() + port + path;
    }

    private static String version() {
        String v = HttpProber.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The state of one request: what has been seen so far and how to abort it. */
    private static final class Exchange {

        private final Attempt attempt;
        private final HttpSpec spec;
        private final Duration timeout;
        private final boolean keepBody;
        private final Mitigation mitigation;
        private final Set<String> keptNames;
        private volatile Integer status;
        private volatile Map<String, String> headers = Map.of();
        private volatile CompletableFuture<HttpResponse<String>> inFlight;

        Exchange(Attempt attempt, Target target, HttpSpec spec, boolean keepBody) {
            this.attempt = attempt;
            this.spec = spec;
            this.timeout = target.timeout();
            this.keepBody = keepBody;
            this.mitigation = target.mitigation();
            this.keptNames = KeptHeaders.namesFor(target);
        }

        void send(HttpClient client, HttpRequest request) {
            if (attempt.isDone()) {
                return;
            }
            try {
                inFlight = client.sendAsync(request, info -> {
                    int code = info.statusCode();
                    headers = KeptHeaders.pick(keptNames, info.headers().map());
                    status = code;
                    int cap = keepBody ? BODY_CAP
                            : mitigation.readsBodyOf(code) ? MITIGATION_BODY_CAP : 0;
                    return new CappedBody(cap, CappedBody.charsetOf(info.headers()));
                });
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            if (attempt.isDone()) {
                cancel();
                return;
            }
            inFlight.whenComplete((response, error) -> {
                if (error != null) {
                    failed(error);
                } else {
                    attempt.finish(new Observation(attempt.startedAt(), attempt.elapsed(), null,
                            response.statusCode(), response.body(), certificateExpiry(response),
                            true, attempt.ip(), null, headers));
                }
            });
        }

        void failed(Throwable error) {
            ProbeError classified = Failures.classify(error, spec.host(), noResponse());
            boolean first = classified.reason() == ProbeError.Reason.TIMEOUT
                    ? attempt.finish(timedOut()) : attempt.fail(classified);
            if (first) {
                LOG.debug("event=http_probe_failed url={} reason={} message=\"{}\"", loggable(spec),
                        classified.reason(), classified.message(),
                        Failures.traceWorthy(classified, error));
            }
        }

        /** The observation at the deadline; keeps the status and headers when they had arrived. */
        Observation timedOut() {
            Integer seen = status;
            String message = seen == null ? noResponse()
                    : "response body not complete within " + Durations.format(timeout);
            return new Observation(attempt.startedAt(), attempt.elapsed(),
                    new ProbeError(ProbeError.Reason.TIMEOUT, message), seen, null, null,
                    seen != null, attempt.ip(), null, seen == null ? Map.of() : headers);
        }

        /** Cancels the exchange, which makes the JDK close its connection. */
        void cancel() {
            CompletableFuture<HttpResponse<String>> f = inFlight;
            if (f != null) {
                f.cancel(true);
            }
        }

        private String noResponse() {
            return "no response within " + Durations.format(timeout);
        }
    }

    /** The notAfter of the server's leaf certificate, or null for plain HTTP. */
    static Instant certificateExpiry(HttpResponse<?> response) {
        Optional<SSLSession> session = response.sslSession();
        if (session.isEmpty()) {
            return null;
        }
        try {
            Certificate[] chain = session.get().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? leaf.getNotAfter().toInstant() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
