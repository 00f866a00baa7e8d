package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.slack.api.SlackConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Slack Web API on 127.0.0.1 (ephemeral port) for the real Slack SDK and Bolt: give
 * {@link #apiUrl()} to {@code SlackConfig#setMethodsEndpointUrlPrefix}. It answers
 * {@code auth.test}, {@code chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral} and
 * {@code apps.connections.open} (see {@link FakeSlackMethods} for the errors and their order),
 * records every call, keeps the messages as Slack would show them, and takes JSON POSTs on
 * response URLs ({@link #responseUrl}). Tests script failures ({@link #failNext}), channels that
 * do not exist or lack the bot, a revoked token and a per-channel posting limit, and wait for
 * outcomes with the {@code await*} methods. {@link #delayAnswers} makes each Web API call take
 * as long as Slack's do (off by default). Thread-safe: one lock guards all state, and every
 * call is recorded (and takes effect) before it is answered.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String TEAM_ID = "T0VARDE";
    public static final String BOT_USER_ID = "U0VARDEBOT";
    public static final String BOT_ID = "B0VARDE";
    public static final String APP_ID = "A0VARDE";

    /** One Web API call as it arrived, with its answer; {@code error} is null when it was ok. */
    public record Call(String method, String token, Map<String, String> params, int httpStatus, String error) {
    }

    /**
     * A message as it is shown now; {@code blocks} is an array (empty without blocks);
     * {@code metadata} is {@code {"event_type":..., "event_payload":{...}}} or null.
     */
    public record Message(String channel, String ts, String text, JsonNode blocks, String threadTs, int edits,
                          JsonNode metadata) {

        public Message(String channel, String ts, String text, JsonNode blocks, String threadTs, int edits) {
            this(channel, ts, text, blocks, threadTs, edits, null);
        }
    }

    /** A scripted failure; {@code retryAfterSeconds} is null when no {@code Retry-After} header is sent. */
    public record Failure(int httpStatus, String error, Integer retryAfterSeconds) {

        /** HTTP 429 with {@code Retry-After} and {@code {"ok":false,"error":"ratelimited"}}. */
        public static Failure rateLimited(int retryAfterSeconds) {
            return new Failure(429, "ratelimited", retryAfterSeconds);
        }

        /** Another HTTP status (500, 503, ...) with a small JSON body naming it. */
        public static Failure status(int httpStatus) {
            return new Failure(httpStatus, "http_" + httpStatus, null);
        }

        /** HTTP 200 with {@code {"ok":false,"error":slackError}}. */
        public static Failure error(String slackError) {
            return new Failure(200, slackError, null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FakeSlack.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Object lock = new Object();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, List<JsonNode>> responses = new HashMap<>();
    private final FakeSlackMethods methods;
    private final Clock clock;
    private final FakeHttp.Server server;
    /** Seeded, so a run's latencies repeat; drawn under the lock. */
    private final java.util.Random latency = new Random(7);
    private Duration minDelay = Duration.ZERO;
    private Duration maxDelay = Duration.ZERO;
    private int answering;

    private FakeSlack(String botToken, Clock clock) throws IOException {
        this.methods = new FakeSlackMethods(JSON, botToken);
        this.clock = clock;
        this.server = FakeHttp.start("fake-slack", Map.of("/api/", this::api, "/respond/", this::respond));
    }

    /** Starts a fake workspace whose bot token is {@code botToken}; posting limits read the system clock. */
    public static FakeSlack start(String botToken) {
        return start(botToken, Clock.systemUTC());
    }

    /** As {@link #start(String)}, with the clock that times {@link #limitPostsPerChannel}. */
    public static FakeSlack start(String botToken, Clock clock) {
        try {
            return new FakeSlack(botToken, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:P/api/}. */
    public String apiUrl() {
        return base() + "/api/";
    }

    /** {@code http://127.0.0.1:P/respond/<name>}: JSON POSTed there is recorded under {@code name}. */
    /** An SDK configuration pointed at this fake (a new one: {@code SlackConfig.DEFAULT} is immutable). */
    public SlackConfig sdkConfig() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl());
        return config;
    }

    public String responseUrl(String name) {
        return base() + "/respond/" + name;
    }

    /** Makes {@code apps.connections.open}, called with {@code appToken}, answer {@code sm}'s URL. */
    public void attach(FakeSocketMode sm, String appToken) {
        synchronized (lock) {
            methods.attach(sm.url(), appToken);
        }
    }

    /** A user group ({@code usergroups.users.list}) with these members; unknown groups answer no_such_subteam. */
    public void userGroup(String id, List<String> users) {
        change(() -> methods.userGroup(id, users));
    }

    /** From now on every call with a known token answers {@code token_revoked}. */
    public void revoke() {
        change(() -> methods.revoke());
    }

    /** Posts and updates in channel {@code id} answer {@code channel_not_found}. */
    public void missingChannel(String id) {
        change(() -> methods.missingChannel(id));
    }

    /** Posts and updates in channel {@code id} answer {@code not_in_channel}. */
    public void notInChannel(String id) {
        change(() -> methods.notInChannel(id));
    }

    /** The bot is invited to {@code id}: posts there work again. */
    public void invite(String id) {
        change(() -> methods.invite(id));
    }

    /** The next call of {@code method} fails so; several queue up and are used in order. */
    public void failNext(String method, Failure failure) {
        change(() -> methods.failNext(method, failure));
    }

    /** A {@code chat.postMessage} to a channel sooner than {@code interval} after its last accepted one gets 429. */
    /**
     * Answers {@code conversations.history} and {@code conversations.replies} with
     * {@code missing_scope}, as Slack does for an app installed without {@code channels:history}.
     */
    public void withoutHistoryScope() {
        change(methods::withoutHistoryScope);
    }

    public void limitPostsPerChannel(Duration interval) {
        change(() -> methods.limitPostsPerChannel(interval));
    }

    /**
     * From now on every Web API call is answered {@code min} to {@code max} (uniformly, seeded)
     * after it arrived, as Slack's answers take a few hundred milliseconds: the call takes effect
     * and is recorded at once, only its answer waits. So a client killed meanwhile has made the
     * call without hearing of it. Zero and zero (the default) answer at once.
     */
    public void delayAnswers(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, not " + min + ", " + max);
        }
        change(() -> {
            minDelay = min;
            maxDelay = max;
        });
    }

    /** How many Web API calls have been made but not answered yet (see {@link #delayAnswers}). */
    public int answering() {
        return read(() -> answering);
    }

    /** How many posts {@link #limitPostsPerChannel} refused. */
    public int rateLimitViolations() {
        return read(methods::rateLimitViolations);
    }

    /** Every Web API call so far, in arrival order. */
    public List<Call> calls() {
        return read(() -> List.copyOf(calls));
    }

    /** The channel's top-level messages in posting order, as they read now. */
    public List<Message> messages(String channel) {
        return read(() -> methods.channels().messages(channel));
    }

    /** The replies in the thread of message {@code ts}, in posting order. */
    public List<Message> replies(String channel, String ts) {
        return read(() -> methods.channels().replies(channel, ts));
    }

    /** The ephemeral messages of the channel, whoever saw them. */
    public List<Message> ephemerals(String channel) {
        return read(() -> methods.channels().ephemerals(channel).stream().map(FakeSlackChannels.Ephemeral::message)
                .toList());
    }

    /** The ephemeral messages of the channel shown to {@code user}. */
    public List<Message> ephemerals(String channel, String user) {
        return read(() -> methods.channels().ephemerals(channel).stream().filter(e -> e.user().equals(user))
                .map(FakeSlackChannels.Ephemeral::message).toList());
    }

    /** The JSON bodies POSTed to {@link #responseUrl(String) responseUrl(name)}, in order. */
    public List<JsonNode> responses(String name) {
        return read(() -> List.copyOf(responses.getOrDefault(name, List.of())));
    }

    /** The first call of {@code method} (earlier ones included) that matches {@code p}. */
    public Call awaitCall(String method, Predicate<Call> p, Duration timeout) {
        return FakeWait.until(lock, timeout, "a matching " + method + " call",
                () -> calls.stream().filter(c -> c.method().equals(method) && p.test(c)).findFirst(),
                calls::toString);
    }

    /** The channel's top-level messages once there are at least {@code n}. */
    public List<Message> awaitMessages(String channel, int n, Duration timeout) {
        return FakeWait.until(lock, timeout, n + " messages in " + channel,
                () -> atLeast(methods.channels().messages(channel), n), methods.channels()::describe);
    }

    /** The first top-level message of the channel that matches {@code p} (e.g. once edited to resolved). */
    public Message awaitMessage(String channel, Predicate<Message> p, Duration timeout) {
        return FakeWait.until(lock, timeout, "a matching message in " + channel,
                () -> methods.channels().messages(channel).stream().filter(p).findFirst(),
                methods.channels()::describe);
    }

    /** The thread of message {@code ts} once it has at least {@code n} replies. */
    public List<Message> awaitReplies(String channel, String ts, int n, Duration timeout) {
        return FakeWait.until(lock, timeout, n + " replies to " + channel + "/" + ts,
                () -> atLeast(methods.channels().replies(channel, ts), n), methods.channels()::describe);
    }

    /** The channel's ephemeral messages once there are at least {@code n}. */
    public List<Message> awaitEphemerals(String channel, int n, Duration timeout) {
        return FakeWait.until(lock, timeout, n + " ephemeral messages in " + channel,
                () -> atLeast(ephemerals(channel), n), methods.channels()::describe);
    }

    /** The first JSON body POSTed to response URL {@code name}. */
    public JsonNode awaitResponse(String name, Duration timeout) {
        return awaitResponses(name, 1, timeout).get(0);
    }

    /** The bodies POSTed to response URL {@code name} once there are at least {@code n}. */
    public List<JsonNode> awaitResponses(String name, int n, Duration timeout) {
        return FakeWait.until(lock, timeout, n + " responses to " + name,
                () -> atLeast(responses.getOrDefault(name, List.of()), n), responses::toString);
    }

    @Override
    public void close() {
        server.close();
    }

    private void api(HttpExchange exchange) throws IOException {
        FakeSlackRequest request = FakeSlackRequest.read(exchange, JSON);
        FakeSlackMethods.Answer answer;
        long delayNanos;
        synchronized (lock) {
            answer = methods.answer(request, clock.instant());
            calls.add(new Call(request.method(), request.token(), request.params(), answer.status(), answer.error()));
            long spread = maxDelay.toNanos() - minDelay.toNanos();
            delayNanos = minDelay.toNanos() + (spread == 0 ? 0 : (long) (latency.nextDouble() * spread));
            answering++;
            lock.notifyAll();
        }
        try {
            LOG.debug("fake slack call method={} status={} error={}", request.method(), answer.status(), answer.error());
            if (delayNanos > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(delayNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer.retryAfter()));
            }
            FakeHttp.write(exchange, answer.status(), "application/json; charset=utf-8", answer.body().toString());
        } finally {
            change(() -> answering--);
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/respond/".length());
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        change(() -> responses.computeIfAbsent(name, k -> new ArrayList<>()).add(body));
        FakeHttp.write(exchange, 200, "text/plain; charset=utf-8", "ok");
    }

    private String base() {
        return server.base();
    }

    private void change(Runnable mutation) {
        synchronized (lock) {
            mutation.run();
            lock.notifyAll();
        }
    }

    private <T> T read(Supplier<T> query) {
        synchronized (lock) {
            return query.get();
        }
    }

    private static <T> Optional<List<T>> atLeast(List<T> list, int n) {
        return list.size() >= n ? Optional.of(List.copyOf(list)) : Optional.empty();
    }
}
