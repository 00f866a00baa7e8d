package io.varde.check.probe;

import io.varde.check.Observation;
import io.varde.check.ProbeError;
import io.varde.check.Prober;
import io.varde.check.Target;
import io.varde.check.TcpSpec;
import io.varde.core.Durations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes TCP targets: resolve the host on a lookup thread, open an asynchronous socket connection
 * in the shared NIO group and close it as soon as it is established. At the deadline the channel
 * is closed, which aborts a pending connect. Reports {@code connected}, the IP and the time to
 * connect. With a source address ({@code target.vantage().sourceAddress()}) the channel is bound
 * to it (an ephemeral port) before connecting.
 */
final class TcpProber implements Prober {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProber.class);

    private final ProbeExecutors executors;

    TcpProber(ProbeExecutors executors) {
        this.executors = executors;
    }

    @Override
    public CompletableFuture<Observation> probe(Target target) {
        if (!(target.probe() instanceof TcpSpec spec)) {
            throw new IllegalArgumentException("not a TCP target: " + target.id());
        }
        Attempt attempt = new Attempt(executors.worker());
        String sourceText = target.vantage().sourceAddress();
        SourceAddresses.Source bound = SourceAddresses.of(target);
        if (bound.error() != null) {
            attempt.fail(bound.error());
            return attempt.result();
        }
        InetAddress source = bound.address();
        AtomicReference<AsynchronousSocketChannel> channel = new AtomicReference<>();
        String timeoutMessage = "no connection within " + Durations.format(target.timeout());
        attempt.arm(executors, target.timeout(),
                () -> new Observation(attempt.startedAt(), attempt.elapsed(),
                        new ProbeError(ProbeError.Reason.TIMEOUT, timeoutMessage), null, null, null,
                        false, attempt.ip(), null),
                () -> close(channel.get()));
        executors.resolve(spec.host(), attempt::isDone).whenComplete((address, error) -> {
            if (error != null) {
                fail(attempt, spec, error, timeoutMessage, sourceText);
            } else {
                attempt.address(address);
                connect(attempt, spec, address, source, sourceText, channel, timeoutMessage);
            }
        });
        return attempt.result();
    }

    private void connect(Attempt attempt, TcpSpec spec, InetAddress address, InetAddress source,
                         String sourceText, AtomicReference<AsynchronousSocketChannel> holder,
                         String timeoutMessage) {
        if (attempt.isDone()) {
            return;
        }
        AsynchronousSocketChannel ch;
        try {
            InetSocketAddress remote = new InetSocketAddress(address, spec.port());
            ch = AsynchronousSocketChannel.open(executors.channels());
            holder.set(ch);
            if (attempt.isDone()) {
                close(ch);
                return;
            }
            if (source != null) {
                ch.bind(new InetSocketAddress(source, 0));
            }
            ch.connect(remote, null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void unused, Void attachment) {
                    attempt.finish(new Observation(attempt.startedAt(), attempt.elapsed(), null,
                            null, null, null, true, attempt.ip(), null));
                    close(ch);
                }

                @Override
                public void failed(Throwable error, Void attachment) {
                    fail(attempt, spec, error, timeoutMessage, sourceText);
                    close(ch);
                }
            });
        } catch (IOException | RuntimeException e) {
            fail(attempt, spec, e, timeoutMessage, sourceText);
            close(holder.get());
        }
    }

    private static void fail(Attempt attempt, TcpSpec spec, Throwable error,
                             String timeoutMessage, String sourceText) {
        ProbeError classified = Failures.classify(error, spec.host(), timeoutMessage, sourceText);
        if (attempt.fail(classified)) {
            LOG.debug("event=tcp_probe_failed host={} port={} reason={} message=\"{}\"", spec.host(),
                    spec.port(), classified.reason(), classified.message(),
                    Failures.traceWorthy(classified, error));
        }
    }

    private static void close(AsynchronousSocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("event=tcp_probe_close_failed message=\"{}\"", e.getMessage());
        }
    }
}
