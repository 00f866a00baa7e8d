package io.varde.notify;

/**
 * The port every alert destination implements (console, Slack, Discord, outgoing webhooks). One
 * implementation per platform, in its own {@code notify.<name>} package, registered in the
 * wiring class.
 */
public interface Notifier {

    /** The channel prefix it serves: {@code console}, {@code slack}, {@code discord}, {@code webhook}. */
    String name();

    /**
     * Delivers one message: posts it when {@code delivery.messageRef()} is null, else edits that
     * message (and adds {@code change} where the platform has threads).
     *
     * @return the platform's id of the message, stored for later edits
     * @throws DeliveryException classified: transient (retry, maybe after Retry-After) or permanent
     */
    String send(Delivery delivery) throws DeliveryException;
}
