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
 * know or the bot is not in. Each problem is logged once when it starts (with what to do) and once
 * when it ends, and is listed by {@link #problems()} for {@code /readyz} meanwhile. Thread-safe.
 */
public final class SlackHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SlackHealth.class);
    /** The key of the token's problem; a channel's key is its id. */
    static final String TOKEN = "token";

    private final Map<String, Problem> problems = new LinkedHashMap<>();

    private record Problem(String error, String hint, Instant since) {
    }

    /**
     * Records that Slack refused {@code key} (the token, or a channel id) with {@code error}.
     *
     * @return true when this is news (not the same problem already recorded), i.e. it was logged
     */
    public synchronized boolean report(String key, String error, String hint, Instant now) {
        Problem known = problems.get(key);
        if (known != null && known.error().equals(error)) {
            return false;
        }
        problems.put(key, new Problem(error, hint, now));
        LOG.warn("event=slack_refused what={} error={} hint=\"{}\"", describe(key), error, hint);
        return true;
    }

    /** Slack accepted {@code key} again. */
    public synchronized void clear(String key) {
        if (problems.remove(key) != null) {
            LOG.info("event=slack_accepted what={}", describe(key));
        }
    }

    /** Each current problem in words, e.g. {@code channel C0GONE: channel_not_found since ... (hint)}. */
    public synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        problems.forEach((key, p) -> out.add(describe(key) + ": " + p.error() + " since "
                + IncidentCards.time(p.since()) + " (" + p.hint() + ")"));
        return out;
    }

    private static String describe(String key) {
        return key.equals(TOKEN) ? "token" : "channel " + key;
    }
}
