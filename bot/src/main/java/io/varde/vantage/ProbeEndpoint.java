package io.varde.vantage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.config.VantageConfig;
import io.varde.core.LogThrottle;
import io.varde.vantage.ProbeListener.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the probe agents, free of any HTTP server: {@code GET /api/probe/assignments}
 * ({@link #assignments}) and {@code POST /api/probe/results} ({@link #results}) as methods over
 * header values and bytes, answering an {@link Answer} the wiring turns into a response.
 *
 * <p>Every request carries {@code Authorization: Bearer <token>}; the token decides the location
 * ({@link ProbeTokens}: constant-time, never logged). A batch of results is refused whole when it
 * is unauthenticated (401), larger than 1 MiB as received, 8 MiB uncompressed or 5,000 results
 * (413; a gzip body is inflated with a hard cap), malformed (400) or for another location than
 * the token's (403). Within an accepted batch, each result must be plausible: from at most 30 s
 * ahead of the server's clock ({@code future}), from less than 24 h ago ({@code stale}), for a
 * target assigned to the location ({@code unassigned}); the others are dropped and counted, the
 * rest go to the {@link ResultSink}. Refusals are counted by the {@link ProbeListener} and logged
 * as {@code event=probe_refused reason=... location=...}, at most one line per location and
 * reason a minute.
 */
public final class ProbeEndpoint {

    /** A request body as received: 1 MiB, the web edge's own limit. */
    public static final int MAX_COMPRESSED = 1024 * 1024;
    /** A batch uncompressed: 8 MiB. */
    public static final int MAX_UNCOMPRESSED = 8 * 1024 * 1024;
    /** Results in one batch. */
    public static final int MAX_RESULTS = 5_000;
    /** How far ahead of the server's clock a result may be. */
    public static final Duration FUTURE = Duration.ofSeconds(30);
    /** How old a result may be (exclusive). */
    public static final Duration STALE = Duration.ofHours(24);
    /** The interval floor sent by default: the config's own shortest interval. */
    public static final Duration DEFAULT_INTERVAL_FLOOR = Duration.ofSeconds(1);

    static final String JSON = "application/json; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ProbeEndpoint.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final String UNKNOWN = "-";

    /**
     * An answer: status, content type, extra headers ({@code ETag}, {@code WWW-Authenticate}) and
     * the whole body (not copied: do not change it).
     */
    public record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

        public Answer {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    private final ProbeTokens tokens;
    private final Function<String, List<Target>> assigned;
    private final ResultSink sink;
    private final ProbeListener listener;
    private final Clock clock;
    private final Duration intervalFloor;
    private final Map<String, LogThrottle> throttles = new ConcurrentHashMap<>();

    /** With the default interval floor (1 s). */
    public ProbeEndpoint(VantageConfig config, Function<String, List<Target>> assigned, ResultSink sink,
                         ProbeListener listener, Clock clock) {
        this(config, assigned, sink, listener, clock, DEFAULT_INTERVAL_FLOOR);
    }

    /**
     * @param assigned      the targets assigned to a location, each with its source address for
     *                      it already resolved; asked on every request (keep it cheap)
     * @param intervalFloor agents check no target more often than this (at least 1 s)
     */
    public ProbeEndpoint(VantageConfig config, Function<String, List<Target>> assigned, ResultSink sink,
                         ProbeListener listener, Clock clock, Duration intervalFloor) {
        if (intervalFloor.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the interval floor is at least 1s: " + intervalFloor);
        }
        this.tokens = new ProbeTokens(config);
        this.assigned = assigned;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
        this.intervalFloor = intervalFloor;
    }

    /**
     * {@code GET /api/probe/assignments}: 200 with the token's location's {@link Assignment} and
     * its version as {@code ETag}; 304 (no body) when {@code If-None-Match} names that version;
     * 401 without a known token.
     */
    public Answer assignments(Optional<String> authorization, Optional<String> ifNoneMatch) {
        Optional<String> location = tokens.locationOf(authorization);
        if (location.isEmpty()) {
            return unauthorized();
        }
        Assignment a = Assignment.of(location.get(), intervalFloor, assigned.apply(location.get()));
        String etag = "\"" + a.version() + "\"";
        if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), a.version())) {
            return new Answer(304, JSON, Map.of("ETag", etag), new byte[0]);
        }
        return new Answer(200, JSON, Map.of("ETag", etag, "Cache-Control", "no-store"), a.toJson());
    }

    /** True when an {@code If-None-Match} value names {@code version} (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String version) {
        for (String part : ifNoneMatch.split(",")) {
            String tag = part.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals("*") || tag.equals(version)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code POST /api/probe/results}: 202 with {@code {"accepted": n, "refused": {"future": k, ...}}}
     * (reasons with a count only), or 400, 401, 403, 413, 415 with {@code {"error": ...}}.
     *
     * @param contentEncoding {@code gzip}, or empty (or {@code identity}) for plain JSON
     * @param body            the body as received
     */
    public Answer results(Optional<String> authorization, Optional<String> contentEncoding, byte[] body) {
        Optional<String> token = tokens.locationOf(authorization);
        if (token.isEmpty()) {
            return unauthorized();
        }
        String location = token.get();
        if (body.length > MAX_COMPRESSED) {
            return refuse(location, Reason.TOO_LARGE, 413, "a batch is at most " + MAX_COMPRESSED + " bytes as sent");
        }
        String encoding = contentEncoding.map(e -> e.strip().toLowerCase(Locale.ROOT)).orElse("identity");
        ResultBatch batch;
        try {
            byte[] json = switch (encoding) {
                case "gzip", "x-gzip" -> Gzip.decompress(body, MAX_UNCOMPRESSED);
                case "identity", "" -> body;
                default -> null;
            };
            if (json == null) {
                return refuse(location, Reason.MALFORMED, 415, "Content-Encoding " + WireReader.brief(encoding)
                        + " is not taken; send gzip or nothing");
            }
            batch = ResultWire.decode(json, MAX_RESULTS);
        } catch (WireFormatException e) {
            return e.tooLarge()
                    ? refuse(location, Reason.TOO_LARGE, 413, e.getMessage())
                    : refuse(location, Reason.MALFORMED, 400, e.getMessage());
        }
        if (!batch.location().equals(location)) {
            return refuse(location, Reason.LOCATION, 403, "the token is not for location " + batch.location());
        }
        return accept(location, batch);
    }

    private Answer accept(String location, ResultBatch batch) {
        Instant now = clock.instant();
        Instant latest = now.plus(FUTURE);
        Instant oldest = now.minus(STALE);
        Set<String> ids = new HashSet<>();
        assigned.apply(location).forEach(t -> ids.add(t.id()));
        Map<Reason, Integer> refused = new EnumMap<>(Reason.class);
        List<CheckResult> accepted = new ArrayList<>(batch.results().size());
        for (CheckResult r : batch.results()) {
            Reason why = r.at().isAfter(latest) ? Reason.FUTURE
                    : !r.at().isAfter(oldest) ? Reason.STALE
                    : !ids.contains(r.targetId()) ? Reason.UNASSIGNED
                    : null;
            if (why == null) {
                accepted.add(r);
            } else {
                refused.merge(why, 1, Integer::sum);
            }
        }
        if (!accepted.isEmpty() || batch.dropped() > 0) {
            try {
                sink.accept(location, accepted, batch.dropped());
            } catch (RuntimeException e) {
                LOG.error("event=probe_results_not_taken location={} results={} error=\"{}\"", location,
                        accepted.size(), e.toString(), e);
                return error(503, "the results could not be taken now; send them again");
            }
        }
        listener.accepted(location, accepted.size());
        refused.forEach((reason, count) -> {
            listener.refused(Optional.of(location), reason, count);
            log(location, reason, count, null);
        });
        ObjectNode answer = WireReader.MAPPER.createObjectNode();
        answer.put("accepted", accepted.size());
        ObjectNode counts = answer.putObject("refused");
        refused.forEach((reason, count) -> counts.put(reason.key(), count));
        return json(202, answer);
    }

    private Answer unauthorized() {
        listener.refused(Optional.empty(), Reason.AUTH, 1);
        log(UNKNOWN, Reason.AUTH, 1, null);
        return new Answer(401, JSON, Map.of("WWW-Authenticate", "Bearer realm=\"varde-probe\""),
                errorBody("a probe agent's token is required: Authorization: Bearer <token>"));
    }

    private Answer refuse(String location, Reason reason, int status, String message) {
        listener.refused(Optional.of(location), reason, 1);
        log(location, reason, 1, message);
        return error(status, message);
    }

    /** One line per location and reason a minute, with how many were left out before it. */
    private void log(String location, Reason reason, int count, String detail) {
        LogThrottle throttle = throttles.computeIfAbsent(location + "|" + reason.key(), k -> new LogThrottle(LOG_EVERY));
        long suppressed = throttle.pass(clock.millis());
        if (suppressed < 0) {
            return;
        }
        LOG.warn("event=probe_refused reason={} location={} count={} suppressed={}{}", reason.key(), location, count,
                suppressed, detail == null ? "" : " detail=\"" + WireReader.brief(detail, 300) + "\"");
    }

    private static Answer error(int status, String message) {
        return new Answer(status, JSON, Map.of(), errorBody(message));
    }

    private static byte[] errorBody(String message) {
        try {
            return WireReader.MAPPER.writeValueAsBytes(WireReader.MAPPER.createObjectNode().put("error", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static Answer json(int status, ObjectNode body) {
        try {
            return new Answer(status, JSON, Map.of(), WireReader.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
