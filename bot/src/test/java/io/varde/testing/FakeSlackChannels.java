package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.varde.testing.FakeSlack.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages of the fake workspace: top-level messages per channel in posting order, thread
 * replies per parent, and ephemeral messages with the user they were shown to. Not thread-safe on
 * its own: {@link FakeSlack} calls it under its lock.
 *
 * <p>Timestamps are the fake's clock in microseconds ({@code 1764340000.000100}), unique and
 * increasing across the whole workspace (at least 100 µs apart), so the order and the time of two
 * messages can be read from their ts, as in Slack.
 */
final class FakeSlackChannels {

    /** An ephemeral message and the one user who saw it. */
    record Ephemeral(String user, Message message) {
    }

    private static final long FIRST_TS_MICROS = 1_764_340_000_000_100L;

    private final Map<String, List<Message>> topLevel = new HashMap<>();
    private final Map<String, List<Message>> threads = new HashMap<>();
    private final Map<String, List<Ephemeral>> ephemerals = new HashMap<>();
    private long lastTsMicros = FIRST_TS_MICROS - 100;

    /** Posts a message, as a reply when {@code threadTs} is not null; {@code metadata} may be null. */
    Message post(String channel, String text, JsonNode blocks, String threadTs, JsonNode metadata, Instant now) {
        Message m = new Message(channel, nextTs(now), text, blocks, threadTs, 0, metadata);
        if (threadTs == null) {
            topLevel.computeIfAbsent(channel, c -> new ArrayList<>()).add(m);
        } else {
            threads.computeIfAbsent(threadKey(channel, threadTs), k -> new ArrayList<>()).add(m);
        }
        return m;
    }

    /**
     * Edits a top-level message or a reply in place: a null {@code text}, {@code blocks} or
     * {@code metadata} keeps the message's own (Slack keeps what an update does not send).
     * Empty when no message of that channel has that ts.
     */
    Optional<Message> update(String channel, String ts, String text, JsonNode blocks, JsonNode metadata) {
        List<List<Message>> lists = new ArrayList<>();
        lists.add(topLevel.getOrDefault(channel, List.of()));
        threads.forEach((key, replies) -> {
            if (key.startsWith(channel + "/")) {
                lists.add(replies);
            }
        });
        for (List<Message> list : lists) {
            for (int i = 0; i < list.size(); i++) {
                Message old = list.get(i);
                if (old.ts().equals(ts)) {
                    Message edited = new Message(channel, ts, text == null ? old.text() : text,
                            blocks == null ? old.blocks() : blocks, old.threadTs(), old.edits() + 1,
                            metadata == null ? old.metadata() : metadata);
                    list.set(i, edited);
                    return Optional.of(edited);
                }
            }
        }
        return Optional.empty();
    }

    Message postEphemeral(String channel, String user, String text, JsonNode blocks, String threadTs, Instant now) {
        Message m = new Message(channel, nextTs(now), text, blocks, threadTs, 0);
        ephemerals.computeIfAbsent(channel, c -> new ArrayList<>()).add(new Ephemeral(user, m));
        return m;
    }

    List<Message> messages(String channel) {
        return List.copyOf(topLevel.getOrDefault(channel, List.of()));
    }

    List<Message> replies(String channel, String threadTs) {
        return List.copyOf(threads.getOrDefault(threadKey(channel, threadTs), List.of()));
    }

    List<Ephemeral> ephemerals(String channel) {
        return List.copyOf(ephemerals.getOrDefault(channel, List.of()));
    }

    /** Everything, for the message of a failed wait. */
    String describe() {
        return "messages=" + topLevel + " threads=" + threads + " ephemerals=" + ephemerals;
    }

    private String nextTs(Instant now) {
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        lastTsMicros = Math.max(lastTsMicros + 100, micros);
        return String.format("%d.%06d", lastTsMicros / 1_000_000, lastTsMicros % 1_000_000);
    }

    private static String threadKey(String channel, String threadTs) {
        return channel + "/" + threadTs;
    }
}
