package io.varde.notify;

import io.varde.incident.IncidentCards;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a chat platform refuses until a person acts: a token it no longer accepts, a channel it
 * does not know or the bot may not post in, a connection it does not open. Each problem is logged
 * once when it starts (with what to do) and once when it ends, and is listed by
 * {@link #problems()} for {@code /readyz} meanwhile. One per platform; thread-safe.
 */
public final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    /** How long the message of a refused channel or token waits before it is tried again. */
    public static final int PARK_MINUTES = 10;
    public static final Duration PARK = Duration.ofMinutes(PARK_MINUTES);

    /** What the bot token's problem is filed under. */
    public static final String TOKEN = "token";

    private final String platform;
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    /** @param platform for the logs, e.g. {@code slack} */
    public Refusals(String platform) {
        this.platform = platform;
    }

    private record Problem(String error, String hint, Instant since) {
    }

    /**
     * Records that the platform refused {@code what} ({@link #TOKEN}, a connection such as {@code socket mode}, or
     * {@link #channel(String) a channel}) with {@code error}.
     *
     * @return true when this is news (not the same problem already recorded), i.e. it was logged
     */
    public synchronized boolean report(String what, String error, String hint, Instant now) {
        Problem known = problems.get(what);
        if (known != null && known.error().equals(error)) {
            return false;
        }
        problems.put(what, new Problem(error, hint, now));
        LOG.warn("event=refused platform={} what=\"{}\" error={} hint=\"{}\"", platform, what, error, hint);
        return true;
    }

    /**
     * Reports {@code what} (logged once per problem) and returns the failure that parks the
     * message: transient, tried again after {@link #PARK}, so nothing is lost when someone fixes
     * it, and the platform is not hammered meanwhile (the worker still gives up at its bound).
     *
     * @param failed what failed, e.g. {@code slack chat.postMessage: not_in_channel}
     */
    public DeliveryException park(String what, String error, String hint, String failed, Instant now) {
        report(what, error, hint, now);
        return DeliveryException.transientFailure(failed + " (parked: " + hint + ")", PARK, null);
    }

    /** The platform accepted {@code what} again. */
    public synchronized void clear(String what) {
        if (problems.remove(what) != null) {
            LOG.info("event=accepted platform={} what=\"{}\"", platform, what);
        }
    }

    /** What a channel's problem is filed under, e.g. {@code channel C0OPS}. */
    public static String channel(String id) {
        return "channel " + id;
    }

    /** Each current problem in words, e.g. {@code channel C0GONE: channel_not_found since ... (hint)}. */
    public synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        problems.forEach((what, p) -> out.add(what + ": " + p.error() + " since "
                + IncidentCards.time(p.since()) + " (" + p.hint() + ")"));
        return out;
    }
}
