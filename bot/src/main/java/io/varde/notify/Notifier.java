package io.varde.notify;

/** The port every alert destination implements (console, Slack, Discord, webhooks). */
public interface Notifier {

    /** A short name for logs, e.g. {@code console}. */
    String name();

    /**
     * Delivers {@code notification}. May throw on failure; the caller logs it and carries on
     * with the other notifiers.
     */
    void send(Notification notification) throws Exception;
}
