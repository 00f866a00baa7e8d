package io.varde.notify;

import io.varde.detect.DetectionEvent;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Hands detection events to every notifier. A notifier that throws is reported to
 * {@code onFailure} and does not keep the others from getting the notification.
 */
public final class Alerts {

    private final List<Notifier> notifiers;
    private final BiConsumer<Notifier, Exception> onFailure;

    public Alerts(List<Notifier> notifiers, BiConsumer<Notifier, Exception> onFailure) {
        this.notifiers = List.copyOf(notifiers);
        this.onFailure = onFailure;
    }

    /** Composes and sends each event, in order. */
    public void publish(List<DetectionEvent> events) {
        for (DetectionEvent e : events) {
            Notification n = AlertComposer.compose(e);
            for (Notifier notifier : notifiers) {
                try {
                    notifier.send(n);
                } catch (Exception ex) {
                    onFailure.accept(notifier, ex);
                }
            }
        }
    }
}
