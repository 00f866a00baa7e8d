package io.varde.chat.slack;

import io.varde.core.LogThrottle;
import io.varde.core.MemoryOnceKeys;
import io.varde.core.OnceKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an HTTP request to {@code /slack/events} must pass before anything reads its body: Slack's
 * signature, checked here, before Bolt sees the request.
 * <ol>
 * <li>{@code X-Slack-Request-Timestamp} (epoch seconds) and {@code X-Slack-Signature}
 * ({@code v0=} and 64 lowercase hex digits) present once each and well formed;</li>
 * <li>the timestamp within {@link #WINDOW} of now, either side (the clock is an input);</li>
 * <li>the signature equal (compared in constant time) to HMAC-SHA256 under the signing secret of
 * {@code v0:<timestamp>:} and the exact body bytes;</li>
 * <li>the signature not seen before within the window ({@link OnceKeys}: this process's
 * {@link MemoryOnceKeys}, or the database's, shared by every node of a cluster, so a request run by
 * one node is a replay at another; only verified signatures are remembered, so a flood of forged
 * ones costs no memory). A request seen before that carries {@code X-Slack-Retry-Num} is Slack
 * retrying a delivery it thinks failed: it is {@link Verdict.Retry acknowledged} but not run
 * again. Any other is a replay, refused.</li>
 * </ol>
 * When the shared memory cannot be asked (the database is down), the request is
 * {@link Verdict.Unavailable not run} (503, so Slack tries again later): running it could run a
 * replay. That is logged as {@code event=slack_replay_memory_unavailable}, at most once a second.
 * <p>
 * A refused request is logged as one line, {@code event=slack_request_refused reason=... remote=...}
 * (and {@code timestamp=} when stale or future), never its body nor another header's value; at most
 * one line per reason per second, the next one counting the lines left out ({@code suppressed=}), so
 * a flood cannot fill the disk.
 */
final class SlackRequestGate {

    private static final Logger LOG = LoggerFactory.getLogger(SlackRequestGate.class);

    /** How far a request's timestamp may be from now, either way: Slack's 5 minutes. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Signatures remembered at most; Slack's own traffic is a few a second at most. */
    static final int REMEMBERED_MAX = 20_000;

    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final String SIGNATURE = "X-Slack-Signature";
    static final String RETRY_NUM = "X-Slack-Retry-Num";

    private static final Pattern WELL_FORMED_TIMESTAMP = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern WELL_FORMED_SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");
    private static final Pattern SAFE_ADDRESS = Pattern.compile("[0-9A-Za-z.:\\[\\]%_-]{1,64}");
    private static final String HMAC = "HmacSHA256";

    /** Why a request was refused, as logged. */
    enum Reason {
        MISSING_SIGNATURE, BAD_SIGNATURE, STALE, FUTURE, REPLAY;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to do with a request. */
    sealed interface Verdict {
        /** Verified and new: run it. */
        record Pass() implements Verdict {
        }

        /** Verified, seen before, and Slack says it is retrying: acknowledge, do not run. */
        record Retry() implements Verdict {
        }

        /** Refused (401). */
        record Refused(Reason reason) implements Verdict {
        }

        /** Verified, but whether it was seen before cannot be told now (503): not run. */
        record Unavailable() implements Verdict {
        }
    }

    /** What verified signatures are remembered under, so other users of a shared store never collide. */
    static final String KEY_PREFIX = "slack-signature:";

    private final SecretKeySpec key;
    private final Clock clock;
    private final OnceKeys seen;
    /** {@link #seen} when it is this process's memory (its evictions are logged), else null. */
    private final MemoryOnceKeys memory;
    private final Map<Reason, LogThrottle> throttles = new EnumMap<>(Reason.class);
    private final LogThrottle evictionLines = new LogThrottle(Duration.ofSeconds(1));
    private final LogThrottle unavailableLines = new LogThrottle(Duration.ofSeconds(1));
    private long evictionsLogged;

    /** With a replay memory of this process, at most {@code rememberedMax} signatures. */
    SlackRequestGate(String signingSecret, Clock clock, int rememberedMax) {
        this(signingSecret, clock, new MemoryOnceKeys(rememberedMax));
    }

    /** With {@code seen} as the replay memory, e.g. one every node of a cluster shares. */
    SlackRequestGate(String signingSecret, Clock clock, OnceKeys seen) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("a signing secret is required to verify Slack's requests");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.memory = seen instanceof MemoryOnceKeys m ? m : null;
        for (Reason r : Reason.values()) {
            throttles.put(r, new LogThrottle(Duration.ofSeconds(1)));
        }
    }

    /**
     * Checks one request: its headers (names in any case) and its exact body bytes; logs a refusal.
     *
     * @param remoteAddress the peer's address, for the log line only ({@code -} when unknown)
     */
    Verdict check(byte[] body, Map<String, List<String>> headers, String remoteAddress) {
        long now = clock.millis();
        List<String> timestamps = values(headers, TIMESTAMP);
        List<String> signatures = values(headers, SIGNATURE);
        if (timestamps.isEmpty() || signatures.isEmpty()) {
            return refuse(Reason.MISSING_SIGNATURE, remoteAddress, null, now);
        }
        String timestamp = timestamps.get(0);
        String signature = signatures.get(0);
        if (timestamps.size() > 1 || signatures.size() > 1 || timestamp == null || signature == null
                || !WELL_FORMED_TIMESTAMP.matcher(timestamp).matches()
                || !WELL_FORMED_SIGNATURE.matcher(signature).matches()) {
            return refuse(Reason.BAD_SIGNATURE, remoteAddress, null, now);
        }
        long seconds = Long.parseLong(timestamp);
        long sentAt = seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        long age = now - sentAt;
        if (age > WINDOW.toMillis()) {
            return refuse(Reason.STALE, remoteAddress, timestamp, now);
        }
        if (age < -WINDOW.toMillis()) {
            return refuse(Reason.FUTURE, remoteAddress, timestamp, now);
        }
        if (!MessageDigest.isEqual(sign(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return refuse(Reason.BAD_SIGNATURE, remoteAddress, null, now);
        }
        boolean first;
        try {
            first = seen.first(KEY_PREFIX + signature, Instant.ofEpochMilli(sentAt).plus(WINDOW),
                    Instant.ofEpochMilli(now));
        } catch (RuntimeException e) {
            long suppressed = unavailableLines.pass(now);
            if (suppressed >= 0) {
                LOG.warn("event=slack_replay_memory_unavailable error=\"{}\"{}",
                        String.valueOf(e.getMessage()).replace('"', '\''),
                        suppressed > 0 ? " suppressed=" + suppressed : "");
            }
            return new Verdict.Unavailable();
        }
        logEvictions(now);
        if (first) {
            return new Verdict.Pass();
        }
        if (!values(headers, RETRY_NUM).isEmpty()) {
            return new Verdict.Retry();
        }
        return refuse(Reason.REPLAY, remoteAddress, null, now);
    }

    /** How many verified signatures this process remembers now; 0 when the memory is shared (the database). */
    int remembered() {
        return memory == null ? 0 : memory.size(clock.instant());
    }

    /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:} and the body bytes. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    private Verdict refuse(Reason reason, String remoteAddress, String timestamp, long now) {
        long suppressed = throttles.get(reason).pass(now);
        if (suppressed >= 0) {
            String remote = remoteAddress != null && SAFE_ADDRESS.matcher(remoteAddress).matches() ? remoteAddress : "-";
            String line = "event=slack_request_refused reason=" + reason.key() + " remote=" + remote
                    + (timestamp == null ? "" : " timestamp=" + timestamp)
                    + (suppressed > 0 ? " suppressed=" + suppressed : "");
            if (reason == Reason.MISSING_SIGNATURE) {
                LOG.info(line);
            } else {
                LOG.warn(line);
            }
        }
        return new Verdict.Refused(reason);
    }

    private void logEvictions(long now) {
        long evictions = memory == null ? 0 : memory.evictions();
        if (evictions == 0) {
            return;
        }
        synchronized (evictionLines) {
            if (evictions > evictionsLogged && evictionLines.pass(now) >= 0) {
                LOG.warn("event=slack_replay_memory_full capacity={} forgotten_early={}", memory.capacity(),
                        evictions);
                evictionsLogged = evictions;
            }
        }
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }
}
