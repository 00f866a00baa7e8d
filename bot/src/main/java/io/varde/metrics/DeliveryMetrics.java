package io.varde.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.varde.notify.DeliveryListener;
import java.time.Duration;

/**
 * Notification metrics, heard from the delivery worker: {@code varde_notifications_sent_total},
 * {@code varde_notifications_failed_total{kind=transient|permanent}}, {@code
 * varde_rate_limit_waits_total} and {@code varde_rate_limit_wait_seconds_total}, all by
 * {@code channel_type} (the platform: {@code slack}, {@code webhook}, ...; never the channel
 * itself, which would make a series per destination).
 */
final class DeliveryMetrics implements DeliveryListener {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void sent(String channel) {
        Counter.builder("varde.notifications.sent")
                .description("Notifications delivered")
                .tag("channel_type", DeliveryListener.channelType(channel))
                .register(registry)
                .increment();
    }

    @Override
    public void failed(String channel, boolean permanent) {
        Counter.builder("varde.notifications.failed")
                .description("Failed delivery attempts: transient (will be retried) or permanent (given up)")
                .tags("channel_type", DeliveryListener.channelType(channel),
                        "kind", permanent ? "permanent" : "transient")
                .register(registry)
                .increment();
    }

    @Override
    public void rateLimited(String channel, Duration waited) {
        String type = DeliveryListener.channelType(channel);
        Counter.builder("varde.rate.limit.waits")
                .description("Messages held back by their channel's rate limit")
                .tag("channel_type", type)
                .register(registry)
                .increment();
        Counter.builder("varde.rate.limit.wait")
                .description("Time messages waited for their channel's rate limit")
                .baseUnit("seconds")
                .tag("channel_type", type)
                .register(registry)
                .increment(waited.toNanos() / 1e9);
    }
}
