package io.varde.notify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A notifier that records every delivery and answers from a script: each call takes the next
 * step, and once the script is empty it succeeds with {@code <name>-ref-<n>} as message ref.
 */
final class ScriptedNotifier implements Notifier {

    /** One scripted answer. */
    interface Step {
        String answer(Delivery delivery) throws DeliveryException;
    }

    final List<Delivery> calls = new CopyOnWriteArrayList<>();
    private final String name;
    private final Deque<Step> script = new ArrayDeque<>();
    private int posted;

    ScriptedNotifier(String name) {
        this.name = name;
    }

    synchronized ScriptedNotifier then(Step step) {
        script.add(step);
        return this;
    }

    static Step transientFailure(String error, java.time.Duration retryAfter) {
        return d -> {
            throw DeliveryException.transientFailure(error, retryAfter, null);
        };
    }

    static Step permanentFailure(String error) {
        return d -> {
            throw DeliveryException.permanentFailure(error, null);
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized String send(Delivery delivery) throws DeliveryException {
        calls.add(delivery);
        Step step = script.poll();
        if (step != null) {
            return step.answer(delivery);
        }
        return delivery.messageRef() != null ? delivery.messageRef() : name + "-ref-" + ++posted;
    }

    /** The idempotency keys of all calls, in call order. */
    List<String> calledKeys() {
        return calls.stream().map(Delivery::key).toList();
    }
}
