package io.varde.notify.slack;

import io.varde.incident.IncidentCards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack refuses until a person acts: a token it no longer accepts, a channel it does not
 * know or the bot is not in, a Socket Mode connection it does not open. Each problem is logged once when it starts (with what to do) and once
 * when it ends, and is listed by {@link #problems()} for {@code /readyz} meanwhile. Thread-safe.
 */
public final class SlackHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SlackHealth.class);
    /** What the bot token's problem is filed under. */
    public static final String TOKEN = "token";
    /** What the Socket Mode connection's problem is filed under. */
    public static final String SOCKET_MODE = "socket mode";

    private final Map<String, Problem> problems = new LinkedHashMap<>();

    private record Problem(String error, String hint, Instant since) {
    }

    /**
     * Records that Slack refused {@code what} ({@link #TOKEN}, {@link #SOCKET_MODE} or
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
        LOG.warn("event=slack_refused what=\"{}\" error={} hint=\"{}\"", what, error, hint);
        return true;
    }

    /** Slack accepted {@code what} again. */
    public synchronized void clear(String what) {
        if (problems.remove(what) != null) {
            LOG.info("event=slack_accepted what=\"{}\"", what);
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
