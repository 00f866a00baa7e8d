package io.varde.notify;

import io.varde.notify.OutboxStore.Pending;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the head of each channel: the one pending message a delivery pass may send there next.
 * Pure, and shared by every {@link OutboxStore} so that they all choose alike.
 * <p>
 * A channel's pending messages form one lane per incident, each delivered strictly in id order
 * (an incident's post before its edits). Between lanes, the lane whose next message is
 * {@link io.varde.incident.OutboxMessage.Priority#URGENT urgent} goes first (the oldest such
 * one); otherwise the oldest next message goes. So a campaign's summary waits behind at most the
 * send in progress, not behind every per-site alert queued before it.
 * <p>
 * The head carries the channel's hold as its {@code notBefore}: the latest {@code notBefore} of
 * any lane's next message. A transient failure (a Retry-After from a 429, a backoff) is stored on
 * the message that failed, but the platform limits the whole channel, so whichever message is
 * chosen next waits for it too. Only a lane's next message is ever attempted, so looking at lane
 * heads finds every hold.
 */
public final class ChannelHeads {

    private static final Comparator<Pending> BY_ID = Comparator.comparingLong(p -> p.message().id());

    private ChannelHeads() {
    }

    /**
     * @param laneHeads the oldest pending message of each (channel, incident) pair, in any
     *                  order; nothing else
     * @return one head per channel, with the channel's hold as its {@code notBefore} (null when
     *         no lane has one), ordered by message id
     */
    public static List<Pending> choose(Collection<Pending> laneHeads) {
        Map<String, Pending> chosen = new LinkedHashMap<>();
        Map<String, Instant> holds = new LinkedHashMap<>();
        for (Pending p : laneHeads.stream().sorted(BY_ID).toList()) {
            String channel = p.message().channel();
            chosen.merge(channel, p, ChannelHeads::first);
            if (p.notBefore() != null) {
                holds.merge(channel, p.notBefore(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return chosen.values().stream()
                .map(p -> new Pending(p.message(), p.attempts(), holds.get(p.message().channel())))
                .sorted(BY_ID)
                .toList();
    }

    /** The one of two lane heads to send first; {@code older} has the lower id. */
    private static Pending first(Pending older, Pending newer) {
        return newer.message().urgent() && !older.message().urgent() ? newer : older;
    }
}
