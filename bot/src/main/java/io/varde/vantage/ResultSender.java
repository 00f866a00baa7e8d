package io.varde.vantage;

import io.varde.vantage.AgentClient.Reply;
import io.varde.vantage.ResultBuffer.Taken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.varde.core.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's send loop, on its own thread: a batch of at most {@code batchSize} (1,000) of the
 * oldest buffered results every second, or at once when that many are waiting. An answer other
 * than 202 keeps the results (they go back in front) and waits 1 s, doubling to 30 s (or the
 * server's {@code Retry-After}, within those 30 s), except: 413 halves the batch size and tries
 * again at once; 400 (the server will never take those bytes) drops the batch, loudly. 401 is
 * logged as the token refused, 403 as the token being another location's. When stopped it makes
 * a last attempt at what is left, within the deadline it is given.
 */
final class ResultSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultSender.class);
    static final int BATCH = 1_000;
    private static final long EVERY_MILLIS = 1_000;

    private enum Sent { SENT, NOTHING, RETRY_NOW, FAILED }

    private final String location;
    private final ResultBuffer buffer;
    private final AgentClient client;
    private final Clock clock;
    private final Backoff backoff = new Backoff();
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private int batchSize = BATCH;
    private Duration nextWait = Backoff.FIRST;
    private long sentTotal;

    ResultSender(String location, ResultBuffer buffer, AgentClient client, Clock clock) {
        this.location = location;
        this.buffer = buffer;
        this.client = client;
        this.clock = clock;
    }

    /** Makes the loop send what is left, until {@code deadlineNanos} ({@link System#nanoTime}), and end. */
    void stop(long deadlineNanos) {
        drainDeadline = deadlineNanos;
        stopping = true;
        buffer.wake();
    }

    /** Results the server has accepted so far. */
    synchronized long sentTotal() {
        return sentTotal;
    }

    @Override
    public void run() {
        long waitMillis = EVERY_MILLIS;
        try {
            while (!stopping) {
                buffer.await(batchSize, waitMillis);
                if (stopping) {
                    break;
                }
                waitMillis = EVERY_MILLIS;
                Sent s;
                do {
                    s = sendOne(AgentClient.REQUEST);
                } while (s == Sent.RETRY_NOW || s == Sent.SENT && buffer.size() >= batchSize && !stopping);
                if (s == Sent.FAILED) {
                    waitMillis = nextWait.toMillis();
                    // Wait the backoff out whatever arrives meanwhile: a full batch must not cut it short.
                    sleepUnlessStopped(waitMillis);
                    waitMillis = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        drain();
    }

    private void sleepUnlessStopped(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (long left = millis; left > 0 && !stopping; left = (deadline - System.nanoTime()) / 1_000_000L) {
            buffer.await(Integer.MAX_VALUE, Math.min(left, 250));
        }
    }

    /** The last attempts at stop: batches until the buffer is empty, one fails or the deadline passes. */
    private void drain() {
        while (buffer.size() > 0) {
            long left = (drainDeadline - System.nanoTime()) / 1_000_000L;
            if (left < 100) {
                break;
            }
            try {
                Sent s = sendOne(Duration.ofMillis(left));
                if (s == Sent.FAILED || s == Sent.NOTHING) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private Sent sendOne(Duration timeout) throws InterruptedException {
        Taken taken = buffer.take(batchSize);
        if (taken.results().isEmpty() && taken.dropped() == 0) {
            return Sent.NOTHING;
        }
        ResultBatch batch = new ResultBatch(location, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                taken.dropped(), taken.results());
        Reply reply;
        try {
            reply = client.results(ResultWire.encodeGzip(batch), timeout);
        } catch (IOException e) {
            buffer.putBack(taken);
            return failed("event=send_failed results={} buffered={} error=\"{}\" retry_in={}s", taken, e.toString(),
                    Optional.empty());
        } catch (InterruptedException e) {
            buffer.putBack(taken);
            throw e;
        }
        int status = reply.status();
        if (status == 202 || status == 200) {
            buffer.settled(taken);
            synchronized (this) {
                sentTotal += taken.results().size();
            }
            if (backoff.failures() > 0) {
                LOG.info("event=send_resumed failures={} results={} buffered={}", backoff.failures(),
                        taken.results().size(), buffer.size());
            }
            backoff.succeeded();
            return Sent.SENT;
        }
        String said = said(reply);
        if (status == 413 && batchSize > 1) {
            buffer.putBack(taken);
            batchSize = Math.max(1, batchSize / 2);
            LOG.warn("event=batch_too_large results={} batch_size={} server=\"{}\"", taken.results().size(), batchSize, said);
            return Sent.RETRY_NOW;
        }
        if (status == 400 || status == 413) {
            // The same bytes would be refused again forever: they are dropped, loudly.
            LOG.error("event=batch_refused status={} results={} server=\"{}\" reason=\"the server cannot read this "
                    + "batch; its results are dropped\"", status, taken.results().size(), said);
            return Sent.SENT;
        }
        buffer.putBack(taken);
        String why = switch (status) {
            case 401 -> "token refused: check VARDE_PROBE_TOKEN against the location's token on the server";
            case 403 -> "the token is another location's than " + location;
            case 429 -> "the server is busy";
            default -> status >= 500 ? "the server failed" : "unexpected answer";
        };
        return failed("event=send_failed results={} buffered={} error=\"" + status + " " + why
                + ": {}\" retry_in={}s", taken, said, reply.retryAfter());
    }

    private Sent failed(String line, Taken taken, String detail, Optional<String> retryAfter) {
        Duration wait = backoff.failed();
        Duration asked = RetryAfter.parse(retryAfter.orElse(null), clock.instant());
        if (asked != null && asked.compareTo(wait) > 0) {
            wait = asked.compareTo(Backoff.MOST) > 0 ? Backoff.MOST : asked;
        }
        nextWait = wait;
        LOG.warn(line, taken.results().size(), buffer.size(), detail, wait.toSeconds());
        return Sent.FAILED;
    }

    /** What the server said, for a log line: its error message, cut short and printable. */
    private static String said(Reply reply) {
        String text = new String(reply.body(), 0, Math.min(reply.body().length, 600), StandardCharsets.UTF_8);
        try {
            var node = WireReader.MAPPER.readTree(text);
            if (node != null && node.hasNonNull("error")) {
                text = node.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: the text as it is
        }
        return WireReader.brief(text, 300);
    }
}
