package io.varde.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.detect.TargetReport;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentState;
import io.varde.intel.IntelEvent;
import io.varde.notify.DeliveryListener;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Varde's metrics in the Prometheus text format (0.0.4): one instance, built in the wiring, fed
 * by it, and scraped by {@code GET /metrics}. Counters are fed as things happen ({@link
 * #checked}, {@link #deliveryListener()}, {@link #intel}); gauges read suppliers at scrape time,
 * each at most once per {@link #CACHE}, so frequent scrapes never hammer the database.
 * Thread-safe: probe, delivery, intake and web threads call it at once.
 * <p>
 * Names follow the Prometheus conventions: {@code varde_} prefix, base units in the name
 * (seconds), counters end in {@code _total}. The full list with its labels is the golden file of
 * {@code VardeMetricsTest}.
 */
public final class VardeMetrics implements AutoCloseable {

    /** How long a gauge's source value is reused. */
    public static final Duration CACHE = Duration.ofSeconds(5);
    /** The content type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final CheckMetrics checks = new CheckMetrics(registry);
    private final DeliveryMetrics delivery = new DeliveryMetrics(registry);
    private final IntelMetrics intel = new IntelMetrics(registry);

    /** @param clock read only to expire cached gauge values */
    public VardeMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Counts one judged check (call it for every result, before detection). */
    public void checked(CheckResult result) {
        checks.checked(result);
    }

    /**
     * Registers {@code varde_target_up{target,sector}} for each of {@code targets} (1 UP,
     * 0.5 DEGRADED, 0 DOWN, NaN UNKNOWN), read from {@code reports}. Call once.
     */
    public void targetStates(List<Target> targets, Supplier<List<TargetReport>> reports) {
        checks.targetStates(targets, reports, clock, CACHE);
    }

    /**
     * Registers {@code varde_incidents{kind,state}}: how many incidents of each kind are open and
     * acknowledged now, counted from {@code unresolved} (every kind and both states are exported,
     * 0 when none). Call once.
     */
    public void incidents(Supplier<List<Incident>> unresolved) {
        Cached<Map<IncidentKind, Map<IncidentState, Integer>>> counts =
                new Cached<>("incidents", () -> count(unresolved.get()), Map.of(), clock, CACHE);
        for (IncidentKind kind : IncidentKind.values()) {
            for (IncidentState state : List.of(IncidentState.OPEN, IncidentState.ACKNOWLEDGED)) {
                Gauge.builder("varde.incidents", counts,
                                c -> c.get().getOrDefault(kind, Map.of()).getOrDefault(state, 0))
                        .description("Unresolved incidents now, by kind and state (open, acknowledged)")
                        .tags("kind", CheckMetrics.lower(kind.name()), "state", CheckMetrics.lower(state.name()))
                        .strongReference(true)
                        .register(registry);
            }
        }
    }

    private static Map<IncidentKind, Map<IncidentState, Integer>> count(List<Incident> incidents) {
        Map<IncidentKind, Map<IncidentState, Integer>> out = new EnumMap<>(IncidentKind.class);
        for (Incident i : incidents) {
            out.computeIfAbsent(i.kind(), k -> new EnumMap<>(IncidentState.class)).merge(i.state(), 1, Integer::sum);
        }
        return out;
    }

    /** Registers {@code varde_notifications_queued}: outbox messages not delivered yet. Call once. */
    public void queued(IntSupplier pending) {
        Cached<Integer> cached = new Cached<>("outbox", pending::getAsInt, 0, clock, CACHE);
        Gauge.builder("varde.notifications.queued", cached, c -> c.get())
                .description("Notifications waiting in the outbox")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Registers {@code varde_dropped_total{buffer}}: what a buffer that waits for the database
     * dropped because too much waited ({@code history}: check results; {@code events}: detection
     * events and findings). {@code count} never goes down. Call once per buffer.
     */
    public void dropped(String buffer, java.util.function.LongSupplier count) {
        io.micrometer.core.instrument.FunctionCounter.builder("varde.dropped", count, c -> c.getAsLong())
                .description("Items dropped from a buffer waiting for the database")
                .tag("buffer", buffer)
                .register(registry);
    }

    /** The listener to give the delivery worker: notifications sent, failed and rate-limited. */
    public DeliveryListener deliveryListener() {
        return delivery;
    }

    /**
     * {@code next} with {@code varde_claims_total{source}} and {@code varde_tasked_targets}
     * counted from each intel event on its way.
     */
    public Consumer<IntelEvent> intel(Consumer<IntelEvent> next) {
        return intel.counting(Objects.requireNonNull(next, "next"));
    }

    /** Every metric now, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
