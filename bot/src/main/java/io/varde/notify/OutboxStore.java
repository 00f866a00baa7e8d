package io.varde.notify;

import io.varde.incident.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery side of the durable outbox. Every outcome is also written to the delivery log.
 */
public interface OutboxStore {

    /**
     * At most one undelivered message per channel: the only one a delivery pass may send there
     * now, chosen by {@link ChannelHeads#choose} from the oldest pending message of each incident
     * in that channel (an urgent incident's before a normal one's, otherwise the oldest), with
     * the channel's hold as its {@code notBefore}; ordered by id. Its cost grows with the number
     * of channels and incidents that have pending messages, not with the backlog.
     */
    List<Pending> heads();

    /** Delivered: stores the platform's message id for later edits of the same incident. */
    void sent(long id, Instant at, int attempts, String messageRef);

    /** Not delivered yet: try again at {@code nextAttemptAt}. */
    void retry(long id, Instant at, int attempts, Instant nextAttemptAt, String error);

    /** Will never be delivered: recorded, and no longer pending. */
    void failed(long id, Instant at, int attempts, String error);

    /** The platform message id last stored for this incident in this channel. */
    Optional<String> messageRef(long incident, String channel);

    /** A queued message and its delivery progress. */
    record Pending(OutboxMessage message, int attempts, Instant notBefore) {
    }
}
