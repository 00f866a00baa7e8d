package io.varde.check.probe;

import io.varde.check.HttpSpec;
import io.varde.check.Mitigation;
import io.varde.check.Observation;
import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.core.Durations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP(S) checks that leave from a source address, on Jetty's client ({@link JettyClients}),
 * giving the same {@link Observation} as the JDK path of {@link HttpProber}: status, capped body,
 * kept headers, the leaf certificate's expiry, the IP talked to (resolved first on a lookup
 * thread), errors classified by {@link Failures}, the same request ({@link HttpSpec}'s method,
 * headers and body, Varde's User-Agent, {@code Connection: close}) and the target's timeout
 * bounding the whole exchange.
 * <p>
 * Every request, and every redirect it follows, goes on a connection of its own, made for it and
 * closed after it: Jetty's pool is never used, so no check reuses a connection (a DDoS breaks new
 * connections first). Redirects are followed as the JDK's {@code Redirect.NORMAL} does
 * ({@link Redirects}). At the deadline the request is aborted and its connection closed.
 */
final class BoundHttpProber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoundHttpProber.class);

    private final ProbeExecutors executors;
    private final String userAgent;
    private final JettyClients clients = new JettyClients();

    BoundHttpProber(ProbeExecutors executors, String userAgent) {
        this.executors = executors;
        this.userAgent = userAgent;
    }

    /**
     * Checks {@code target} from its source address.
     *
     * @param keepBody keep up to {@link HttpProber#BODY_CAP} of the body whatever the status
     */
    CompletableFuture<Observation> probe(Target target, HttpSpec spec, boolean keepBody) {
        Attempt attempt = new Attempt(executors.worker());
        String sourceText = target.vantage().sourceAddress();
        SourceAddresses.Source bound = SourceAddresses.of(target);
        if (bound.error() != null) {
            attempt.fail(bound.error());
            return attempt.result();
        }
        InetAddress source = bound.address();
        try {
            // The JDK path's checks of method and headers, so both refuse the same requests.
            HttpRequests.build(spec, target.timeout(), userAgent, false);
        } catch (IllegalArgumentException e) {
            attempt.fail(new ProbeError(ProbeError.Reason.OTHER, "invalid request: "
                    + e.getMessage()));
            return attempt.result();
        }
        Exchange exchange = new Exchange(attempt, target, spec, keepBody, source, sourceText);
        attempt.arm(executors, target.timeout(), exchange::timedOut, exchange::abort);
        executors.resolve(spec.host(), attempt::isDone).whenComplete((address, error) -> {
            if (error != null) {
                exchange.failed(error);
            } else {
                attempt.address(address);
                exchange.send(spec.url(), spec.method(), spec.body(), 0);
            }
        });
        return attempt.result();
    }

    @Override
    public void close() {
        clients.close();
    }

    /** One check: its hops (the request and the redirects followed), what was seen, the abort. */
    private final class Exchange {

        private final Attempt attempt;
        private final HttpSpec spec;
        private final Duration timeout;
        private final boolean keepBody;
        private final Mitigation mitigation;
        private final Set<String> keptNames;
        private final InetAddress source;
        private final String sourceText;
        private volatile Integer status;
        private volatile Map<String, String> headers = Map.of();
        private volatile Request request;
        private volatile Connection connection;
        private KeptBytes body = new KeptBytes(0);
        private String contentType;

        Exchange(Attempt attempt, Target target, HttpSpec spec, boolean keepBody,
                 InetAddress source, String sourceText) {
            this.attempt = attempt;
            this.spec = spec;
            this.timeout = target.timeout();
            this.keepBody = keepBody;
            this.mitigation = target.mitigation();
            this.keptNames = KeptHeaders.namesFor(target);
            this.source = source;
            this.sourceText = sourceText;
        }

        /** Sends one hop: {@code uri} on a new connection; {@code hops} redirects so far. */
        void send(URI uri, String method, String content, int hops) {
            if (attempt.isDone()) {
                return;
            }
            status = null;
            headers = Map.of();
            Request hop;
            try {
                HttpClient client = clients.forSource(source, spec.verifyTls());
                hop = request(client, uri, method, content);
                request = hop;
                client.resolveDestination(hop).newConnection(new Promise<>() {
                    @Override
                    public void succeeded(Connection opened) {
                        connection = opened;
                        if (attempt.isDone()) {
                            opened.close();
                            return;
                        }
                        opened.send(hop, result -> completed(result, opened, uri, method,
                                content, hops));
                    }

                    @Override
                    public void failed(Throwable error) {
                        Exchange.this.failed(error);
                    }
                });
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private Request request(HttpClient client, URI uri, String method, String content) {
            Request hop = HttpRequests.jetty(client, uri, method, spec.headers(), content, userAgent);
            hop.onResponseHeaders(this::headersArrived);
            hop.onResponseContent((response, buffer) -> body.add(buffer));
            return hop;
        }

        private void headersArrived(Response response) {
            int code = response.getStatus();
            Map<String, String> kept = new HashMap<>();
            for (HttpField field : response.getHeaders()) {
                KeptHeaders.add(keptNames, kept, field.getName(), field.getValue());
            }
            contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
            body = new KeptBytes(keepBody ? HttpProber.BODY_CAP
                    : mitigation.readsBodyOf(code) ? HttpProber.MITIGATION_BODY_CAP : 0);
            headers = kept;
            status = code;
        }

        private void completed(Result result, Connection used, URI uri, String method,
                               String content, int hops) {
            Instant expiry = certificateExpiry(used);
            used.close();
            if (result.isFailed()) {
                failed(result.getFailure());
                return;
            }
            Response response = result.getResponse();
            int code = response.getStatus();
            String location = response.getHeaders().get(HttpHeader.LOCATION);
            if (spec.followRedirects() && Redirects.redirects(code)) {
                if (location == null) {
                    failed(new IOException("Invalid redirection"));
                    return;
                }
                URI next;
                try {
                    next = uri.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    failed(e);
                    return;
                }
                if (!Redirects.downgrades(uri, next)) {
                    if (hops >= Redirects.MAX) {
                        failed(new IOException("too many redirects"));
                        return;
                    }
                    follow(next, code, method, content, hops + 1);
                    return;
                }
            }
            attempt.finish(new Observation(attempt.startedAt(), attempt.elapsed(), null, code,
                    body.text(KeptBytes.charsetOf(contentType)), expiry, true, attempt.ip(), null,
                    headers));
        }

        /** The next hop; a new host is resolved on a lookup thread, never on Jetty's. */
        private void follow(URI next, int code, String method, String content, int hops) {
            boolean toGet = Redirects.becomesGet(code, method);
            String nextMethod = toGet ? "GET" : method;
            String nextContent = toGet ? null : content;
            String host = next.getHost();
            if (host != null && host.equalsIgnoreCase(spec.url().getHost())) {
                send(next, nextMethod, nextContent, hops);
                return;
            }
            executors.resolve(host, attempt::isDone).whenComplete((address, error) -> {
                if (error != null) {
                    failed(error);
                } else {
                    send(next, nextMethod, nextContent, hops);
                }
            });
        }

        void failed(Throwable error) {
            ProbeError classified = Failures.classify(error, spec.host(), noResponse(), sourceText);
            boolean first = classified.reason() == ProbeError.Reason.TIMEOUT
                    ? attempt.finish(timedOut()) : attempt.fail(classified);
            if (first) {
                LOG.debug("event=http_probe_failed url={} source={} reason={} message=\"{}\"",
                        HttpProber.loggable(spec), sourceText, classified.reason(),
                        classified.message(), Failures.traceWorthy(classified, error));
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

        /** Aborts the hop in flight and closes its connection. */
        void abort() {
            Request r = request;
            if (r != null) {
                r.abort(new TimeoutException(noResponse()));
            }
            Connection c = connection;
            if (c != null) {
                c.close();
            }
        }

        private String noResponse() {
            return "no response within " + Durations.format(timeout);
        }
    }

    /** The notAfter of the server's leaf certificate on {@code connection}, or null for HTTP. */
    private static Instant certificateExpiry(Connection connection) {
        EndPoint.SslSessionData tls = connection.getSslSessionData();
        if (tls == null) {
            return null;
        }
        X509Certificate[] chain = tls.peerCertificates();
        return chain != null && chain.length > 0 ? chain[0].getNotAfter().toInstant() : null;
    }
}
