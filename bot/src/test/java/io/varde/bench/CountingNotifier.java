package io.varde.bench;

import io.varde.notify.Delivery;
import io.varde.notify.Notifier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notifier that delivers nothing: it counts sends and remembers when the last one happened,
 * so a benchmark measures the outbox and the worker, not a chat platform. It returns a message
 * ref like a real platform, so the worker stores it and later sends edit that message.
 */
final class CountingNotifier implements Notifier {

    private final String name;
    private final AtomicInteger sends = new AtomicInteger();
    private volatile long lastSendNanos;

    CountingNotifier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String send(Delivery delivery) {
        sends.incrementAndGet();
        lastSendNanos = System.nanoTime();
        return delivery.messageRef() != null ? delivery.messageRef()
                : "msg-" + delivery.message().incident();
    }

    int sends() {
        return sends.get();
    }

    long lastSendNanos() {
        return lastSendNanos;
    }
}
