package io.varde.notify;

import io.varde.notify.OutboxStore.Pending;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the candidates of each channel: the pending messages a delivery pass may send there
 * next. Pure, and shared by every {@link OutboxStore} so that they all choose alike.
 * <p>
 * A channel's pending messages form one lane per incident; delivery takes a lane whole (its
 * newest card, the lines due), so any due message of a lane stands for it. The candidates are
 * the oldest due message of an {@link io.varde.incident.OutboxMessage.Priority#URGENT urgent}
 * incident (a campaign, lost connectivity) and the oldest due message of a normal one; the
 * worker alternates between the two kinds when both wait, so a campaign's edits never starve the
 * first post of another incident, and per-site alerts never bury the campaign.
 * <p>
 * Each candidate carries the channel's hold as its {@code notBefore}: a transient failure (a
 * Retry-After from a 429, a backoff) is stored on the message that failed, but the platform
 * limits the whole channel, so whichever lane goes next waits for it too.
 */
public final class ChannelHeads {

    private static final Comparator<Pending> BY_ID = Comparator.comparingLong(p -> p.message().id());

    private ChannelHeads() {
    }

    /**
     * @param due   due pending messages, in any order (at least the oldest urgent and the
     *              oldest normal one of each channel)
     * @param holds by channel, the latest {@code notBefore} of its pending messages that failed
     * @return per channel the oldest due urgent and the oldest due normal message (those that
     *         exist), with the channel's hold (or null) as {@code notBefore}, ordered by id
     */
    public static List<Pending> choose(Collection<Pending> due, Map<String, Instant> holds) {
        Map<String, Pending> chosen = new LinkedHashMap<>();
        for (Pending p : due.stream().sorted(BY_ID).toList()) {
            chosen.putIfAbsent(p.message().channel() + "|" + p.message().priority(), p);
        }
        return chosen.values().stream()
                .map(p -> new Pending(p.message(), p.attempts(), holds.get(p.message().channel()), p.cardShown()))
                .sorted(BY_ID)
                .toList();
    }
}
