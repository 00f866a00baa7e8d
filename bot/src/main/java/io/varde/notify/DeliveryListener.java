package io.varde.notify;

import java.time.Duration;

/**
 * Hears what the {@link DeliveryWorker} does with each attempt, for metrics. Every method has a
 * no-op default, so a listener implements only what it counts; {@link #NONE} hears nothing.
 * <p>
 * Called on the delivery thread, inside a pass, after the outcome is stored: a listener must be
 * quick and must not throw (an exception would end the pass like a store failure does). The
 * channel is given whole ({@code slack:C0123}); {@link #channelType} gives its platform.
 */
public interface DeliveryListener {

    /** A listener that hears nothing. */
    DeliveryListener NONE = new DeliveryListener() {
    };

    /** A message was delivered to {@code channel}. */
    default void sent(String channel) {
    }

    /**
     * An attempt failed. {@code permanent} is false when the message will be tried again (a
     * transient failure, rescheduled), true when it never will be (a permanent failure, no
     * notifier for the channel, or a retry that gave up).
     */
    default void failed(String channel, boolean permanent) {
    }

    /**
     * The message about to be attempted on {@code channel} had to wait {@code waited} for the
     * channel's rate limit (measured from the first pass that held it back to this pass). Called
     * once per held message, right before its attempt; never for a message that did not wait.
     */
    default void rateLimited(String channel, Duration waited) {
    }

    /** The platform of a channel: {@code slack} for {@code slack:C0123}, {@code console} for {@code console}. */
    static String channelType(String channel) {
        return Channels.prefix(channel);
    }
}
