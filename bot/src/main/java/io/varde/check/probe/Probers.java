package io.varde.check.probe;

import io.varde.check.Observation;
import io.varde.check.Prober;
import io.varde.check.Target;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Prober} the application wires: routes each target by {@link Target#kind()} to the
 * HTTP(S), TCP or DNS prober, which share one set of threads. Construct it early: building it
 * loads the HTTP prober, which sets the JDK property that allows {@code Connection: close}, and
 * that property only takes effect if set before anything else in the JVM uses java.net.http.
 * Thread-safe; {@link #close()} stops every thread, after which probes complete with an error.
 */
public final class Probers implements Prober, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Probers.class);

    private final ProbeExecutors executors;
    private final HttpProber http;
    private final TcpProber tcp;
    private final DnsProber dns;

    /** Sets the JDK HTTP properties probes need; call before anything builds an HttpClient. */
    public static void prepareJdk() {
        HttpProber.prepareJdk();
    }

    public Probers() {
        this.executors = new ProbeExecutors();
        this.http = new HttpProber(executors);
        this.tcp = new TcpProber(executors);
        this.dns = new DnsProber(executors);
    }

    @Override
    public CompletableFuture<Observation> probe(Target target) {
        return switch (target.kind()) {
            case HTTP -> http.probe(target);
            case TCP -> tcp.probe(target);
            case DNS -> dns.probe(target);
        };
    }

    @Override
    public void close() {
        http.close();
        executors.close();
        LOG.debug("event=probers_closed");
    }
}
