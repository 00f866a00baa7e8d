package io.varde.intel.feed;

import io.varde.core.Threads;
import io.varde.core.Durations;
import io.varde.intel.HostNames;
import io.varde.intel.HostReading;
import io.varde.intel.IntelIntake;
import io.varde.intel.IntelSource;
import io.varde.intel.IntelSources;
import io.varde.intel.RawClaim;
import io.varde.intel.SourceStatus;
import io.varde.intel.TaskList;
import io.varde.intel.TaskListDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the intel sources of {@code intel.yaml} and hands what they give to {@link IntelIntake}:
 * task lists through {@link DdosiaTaskLists} and {@link IntelIntake#taskList}, feeds through
 * {@link FeedReader} and {@link IntelIntake#claim} (lenient: dirty hosts are left out, the rest
 * kept).
 *
 * <p>{@link #pollDue} is called often (every few seconds, by the scheduler) and returns at once:
 * each source that is due, and not still being read, is queued for the poller's own thread
 * ({@code varde-intel}), which reads one source at a time, so no scheduler thread ever waits on a
 * slow site and the sources are never hammered in parallel. A source is first due on the first
 * call, then {@code every} after its last poll started.
 *
 * <p>A failing source (HTTP error, timeout, bad JSON or XML, the store down) is logged once per
 * streak of failures, as {@code source=... error=...}, and once more when it recovers; it is
 * tried again when next due and never stops the others. Its {@link SourceFetcher.Version} is
 * kept only once its content was stored, so content fetched but not stored is fetched again.
 * {@link #status()} tells how each source is doing.
 */
public final class IntelPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IntelPoller.class);

    /** One source's schedule and state; guarded by the poller's lock. */
    private static final class Slot {
        final IntelSource source;
        Instant due;
        boolean running;
        SourceFetcher.Version version = SourceFetcher.Version.NONE;
        SourceStatus status;

        Slot(IntelSource source) {
            this.source = source;
            this.status = SourceStatus.never(source);
        }
    }

    /** What one read stored, for the status and the log. */
    private record Counts(int entries, int hosts, String change) {
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final IntelIntake intake;
    private final SourceFetcher fetcher;
    private final Clock clock;
    private final ExecutorService worker;
    private boolean closed;

    /** @param clock read on the poller's thread when a fetch starts (status times, observed times) */
    public IntelPoller(IntelSources sources, IntelIntake intake, SourceFetcher fetcher, Clock clock) {
        sources.sources().forEach(s -> slots.put(s.name(), new Slot(s)));
        this.intake = intake;
        this.fetcher = fetcher;
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(Threads.daemon("varde-intel"));
    }

    /**
     * Queues each source due at {@code now} that is not being read. Returns at once; the result
     * completes when the sources queued by this call are read (tests wait on it; the scheduler
     * does not).
     */
    public CompletableFuture<Void> pollDue(Instant now) {
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            for (Slot slot : slots.values()) {
                if (slot.running || (slot.due != null && now.isBefore(slot.due))) {
                    continue;
                }
                slot.running = true;
                slot.due = now.plus(slot.source.every());
                try {
                    queued.add(CompletableFuture.runAsync(() -> poll(slot), worker));
                } catch (RejectedExecutionException e) {
                    slot.running = false;
                }
            }
        }
        return CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new));
    }

    /** Each source's status, in the order of {@code intel.yaml}. */
    public synchronized List<SourceStatus> status() {
        return slots.values().stream().map(s -> s.status).toList();
    }

    private void poll(Slot slot) {
        IntelSource source = slot.source;
        SourceFetcher.Version since;
        synchronized (this) {
            if (closed) {
                slot.running = false;
                return;
            }
            since = slot.version;
        }
        Instant at = clock.instant();
        try {
            Optional<Fetched> fetched = fetcher.fetch(source, since, at);
            Counts counts = fetched.isEmpty() ? null : store(source, fetched.get());
            synchronized (this) {
                boolean wasFailing = slot.status.failing();
                int failures = slot.status.failures();
                slot.status = counts == null ? slot.status.unchanged(at)
                        : slot.status.read(at, counts.entries(), counts.hosts());
                fetched.ifPresent(f -> slot.version = f.version());
                if (wasFailing) {
                    LOG.info("event=intel_source_recovered source={} failures={}", source.name(), failures);
                }
            }
            if (counts != null && !counts.change().isEmpty()) {
                LOG.info("event=intel_source_read source={} entries={} hosts={} {}", source.name(),
                        counts.entries(), counts.hosts(), counts.change());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InterruptedIOException) {
                Thread.currentThread().interrupt();
            }
            String error = e instanceof IOException ? e.getMessage() : e.toString();
            boolean first;
            synchronized (this) {
                first = !slot.status.failing();
                slot.status = slot.status.failed(at, error);
            }
            if (first) {
                LOG.warn("event=intel_source_failed source={} kind={} error=\"{}\" retry_in={}", source.name(),
                        source.kind().word().replace(' ', '_'), error, Durations.format(source.every()));
            } else {
                LOG.debug("event=intel_source_still_failing source={} error=\"{}\"", source.name(), error);
            }
        } finally {
            synchronized (this) {
                slot.running = false;
            }
        }
    }

    /** Reads and stores {@code fetched}; the counts say what it held and what changed. */
    private Counts store(IntelSource source, Fetched fetched) throws IOException {
        try (InputStream in = fetched.body()) {
            if (source.kind() == IntelSource.Kind.TASK_LIST) {
                TaskList list = DdosiaTaskLists.read(in, fetched.name(), fetched.observedAt());
                Optional<TaskListDiff> diff = intake.taskList(source.name(), source.actor(), list);
                int hosts = list.pathsByHost(IntelPoller::normalised).size();
                return new Counts(list.tasks().size(), hosts, diff.map(d -> "added=" + d.added().size()
                        + " removed=" + d.removed().size()).orElse(""));
            }
            FeedReader.Reading reading = FeedReader.read(in, fetched.contentType(), source, fetched.observedAt());
            int stored = 0;
            for (RawClaim raw : reading.claims()) {
                IntelIntake.Receipt receipt = intake.claim(raw, false);
                if (receipt.claim().isPresent() && !receipt.duplicate()) {
                    stored++;
                }
            }
            return new Counts(reading.entries(), reading.hosts(), stored == 0 ? "" : "new_claims=" + stored);
        }
    }

    /** Stops polling: a read in progress may finish (up to 10 s), queued ones are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
                LOG.warn("event=intel_poller_stopped_mid_read");
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A task list's host field as {@link HostNames} reads it, or null when it cannot. */
    private static String normalised(String raw) {
        return HostNames.normalise(raw) instanceof HostReading.Read read ? read.host().host() : null;
    }
}
