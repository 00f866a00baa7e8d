package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Discord for the real JDA 6: a REST API ({@link #restUrl()}, JDK HTTP server) and a
 * gateway ({@link #gatewayUrl()}, Java-WebSocket) on 127.0.0.1, ephemeral ports, with one guild
 * ({@link #GUILD_ID}) holding one text channel ({@link #CHANNEL_ID}; more on request, see
 * {@link #start(String, Clock, List)}), the roles
 * {@link #LEAD_ROLE} and {@link #RESPONDER_ROLE} and the members {@link #LEAD_USER},
 * {@link #RESPONDER_USER} and {@link #VIEWER_USER} (no role). {@link #configure} points a
 * {@code JDABuilder} at it. It keeps the channel's messages as Discord shows them, records every
 * REST call and the registered commands, dispatches interactions ({@link #slashCommand},
 * {@link #buttonClick}, {@link #autocomplete}) and records what the bot answered. Tests script a
 * 429 ({@link #rateLimitNext}) or a channel without access ({@link #missingAccess}) and wait for
 * outcomes with the {@code await*} methods, which throw {@link AssertionError} with what was seen.
 * Thread-safe: one lock guards all state; a call is recorded before it is answered.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String BOT_ID = "1300000000000000001";
    /** The application id; for bots created today it equals the bot user's id, as here. */
    public static final String APP_ID = BOT_ID;
    public static final String GUILD_ID = "1300000000000000100";
    public static final String CHANNEL_ID = "1300000000000000200";
    public static final String LEAD_ROLE = "1300000000000000301";
    public static final String RESPONDER_ROLE = "1300000000000000302";
    public static final String LEAD_USER = "1300000000000000401";
    public static final String RESPONDER_USER = "1300000000000000402";
    public static final String VIEWER_USER = "1300000000000000403";
    /** The slash command that interactions invoke. */
    public static final String COMMAND = "varde";

    /** One REST call: method, path relative to the API base, the answer's status, the JSON body sent (missing if none). */
    public record Call(String method, String path, int status, JsonNode body) {
    }

    /** A channel message as it reads now; {@code json} is all of it, as Discord would return it. */
    public record Message(String channelId, String id, String content, JsonNode embeds, JsonNode components,
            int edits, JsonNode json) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FakeDiscord.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v10/";

    private final Object lock = new Object();
    private final List<Call> calls = new ArrayList<>();
    private final Clock clock;
    private final FakeDiscordMessages messages;
    private final FakeDiscordReplies replies;
    private final FakeDiscordRest rest;
    private final FakeDiscordInteractions interactions;
    private final FakeDiscordGateway gateway;
    private final FakeHttp.Server server;

    private FakeDiscord(String botToken, Clock clock, List<String> moreChannelIds) throws IOException {
        this.clock = clock;
        FakeDiscordGuild guild = new FakeDiscordGuild(JSON, moreChannelIds);
        this.messages = new FakeDiscordMessages(JSON, guild);
        this.replies = new FakeDiscordReplies(messages);
        this.rest = new FakeDiscordRest(JSON, botToken, guild, messages, replies);
        this.interactions = new FakeDiscordInteractions(JSON, guild);
        this.gateway = new FakeDiscordGateway(lock, JSON, botToken, guild);
        this.server = FakeHttp.start("fake-discord", Map.of(API, e -> FakeDiscordHttp.serve(e, API, JSON, this::api)));
        gateway.start();
    }

    /** Starts a fake Discord whose bot token is {@code botToken}; message timestamps read the system clock. */
    public static FakeDiscord start(String botToken) {
        return start(botToken, Clock.systemUTC());
    }

    /**
     * As {@link #start(String)}, with the clock that stamps messages and edits and dates new ids.
     * JDA dates an interaction by its id and refuses to answer one older than 15 minutes by its own
     * clock, so interactions need this clock near the real time.
     */
    public static FakeDiscord start(String botToken, Clock clock) {
        return start(botToken, clock, List.of());
    }

    /**
     * As {@link #start(String, Clock)}, with text channels {@code moreChannelIds} (snowflake-shaped
     * ids) in the guild besides {@link #CHANNEL_ID}: posts and edits there work as there.
     * Interactions still happen in {@link #CHANNEL_ID}.
     */
    public static FakeDiscord start(String botToken, Clock clock, List<String> moreChannelIds) {
        try {
            return new FakeDiscord(botToken, clock, moreChannelIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points {@code builder} at a Discord REST base (with its version path) and gateway, without
     * compression (JSON text frames) and without JDA's shutdown hook. Production code does the same
     * from its settings; tests use {@link #configure(JDABuilder)}.
     */
    public static JDABuilder configure(JDABuilder builder, String restUrl, String gatewayUrl) {
        return builder.setRestConfig(new RestConfig().setBaseUrl(restUrl))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gatewayUrl;
                    }
                })
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false);
    }

    /** Points {@code builder} at this fake. */
    public JDABuilder configure(JDABuilder builder) {
        return configure(builder, restUrl(), gatewayUrl());
    }

    /** {@code http://127.0.0.1:P/api/v10/}. */
    public String restUrl() {
        return server.base() + API;
    }

    /** {@code ws://127.0.0.1:W/}. */
    public String gatewayUrl() {
        return gateway.url();
    }

    /** The next call whose {@code "METHOD path"} (path relative to the API base) contains a match of {@code routeRegex} answers 429. */
    public void rateLimitNext(String routeRegex, double retryAfterSeconds) {
        change(() -> rest.rateLimitNext(routeRegex, retryAfterSeconds));
    }

    /** From now on posts and edits in {@code channelId} answer 403 Missing Access (50001). */
    public void missingAccess(String channelId) {
        change(() -> rest.missingAccess(channelId));
    }

    /** Deletes a channel message as a person would; later edits of it answer 404 Unknown Message. */
    public void deleteMessage(String channelId, String messageId) {
        change(() -> messages.delete(channelId, messageId));
    }

    /** Dispatches {@code /varde <sub> [options]} by {@code userId}; returns the interaction id. */
    public String slashCommand(String userId, String sub, Map<String, ?> options) {
        return dispatch(null, (id, token) -> interactions.slash(id, token, userId, rest.commandId(COMMAND), COMMAND,
                sub, options));
    }

    /** Dispatches autocomplete of option {@code focused} of {@code /varde <sub>}; returns the interaction id. */
    public String autocomplete(String userId, String sub, Map<String, ?> options, String focused) {
        return dispatch(null, (id, token) -> interactions.autocomplete(id, token, userId, rest.commandId(COMMAND),
                COMMAND, sub, options, focused));
    }

    /** Dispatches a click by {@code userId} on button {@code customId} of a channel message; returns the interaction id. */
    public String buttonClick(String userId, String messageId, String customId) {
        JsonNode message = read(() -> messages.find(CHANNEL_ID, messageId).orElseThrow(
                () -> new IllegalArgumentException("no message " + messageId + " in " + CHANNEL_ID)));
        return dispatch(messageId, (id, token) -> interactions.button(id, token, userId, message, customId));
    }

    /** Every REST call so far, in arrival order. */
    public List<Call> calls() {
        return read(() -> List.copyOf(calls));
    }

    /** The channel's messages in posting order, as they read now. */
    public List<Message> messages(String channelId) {
        return read(() -> messages.messages(channelId));
    }

    /** The registered commands (global, then guild ones with {@code guild_id}) as echoed to the bot. */
    public List<JsonNode> registeredCommands() {
        return read(rest::commands);
    }

    /** The original response to an interaction (its type 4 or 5 callback, as edited since), if any. */
    public Optional<JsonNode> original(String interactionId) {
        return read(() -> replies.original(interactionId));
    }

    /** The followup messages of an interaction, in order. */
    public List<JsonNode> followups(String interactionId) {
        return read(() -> replies.followups(interactionId));
    }

    /** How many gateway sessions have been identified (READY sent). */
    public int sessions() {
        return read(gateway::sessions);
    }

    /** How many identified gateway sessions are open now (one per connected bot process). */
    public int openSessions() {
        return read(gateway::openSessions);
    }

    /** The most identified gateway sessions that were open at the same time since the start. */
    public int mostOpenSessions() {
        return read(gateway::mostOpenSessions);
    }

    /**
     * Waits until {@code identified} sessions in all have been identified and exactly {@code open}
     * are open now (e.g. 2 and 1: a second session replaced the first); returns the open count.
     */
    public int awaitSessions(int identified, int open, Duration timeout) {
        return FakeWait.until(lock, timeout, identified + " sessions identified, " + open + " open",
                () -> gateway.sessions() >= identified && gateway.openSessions() == open
                        ? Optional.of(open) : Optional.empty(),
                () -> gateway.sessions() + " identified, " + gateway.openSessions() + " open");
    }

    /** The first call (earlier ones included) that matches {@code p}. */
    public Call awaitCall(Predicate<Call> p, Duration timeout) {
        return FakeWait.until(lock, timeout, "a matching REST call",
                () -> calls.stream().filter(p).findFirst(), calls::toString);
    }

    /** The first message of the channel that matches {@code p} (e.g. once edited). */
    public Message awaitMessage(String channelId, Predicate<Message> p, Duration timeout) {
        return FakeWait.until(lock, timeout, "a matching message in " + channelId,
                () -> messages.messages(channelId).stream().filter(p).findFirst(), messages::describe);
    }

    /** The callback body ({@code type}, {@code data}) the bot POSTed for the interaction. */
    public JsonNode awaitCallback(String interactionId, Duration timeout) {
        return FakeWait.until(lock, timeout, "the callback of interaction " + interactionId,
                () -> replies.callback(interactionId), replies::describe);
    }

    /** The original response of the interaction once it matches {@code p} (e.g. a deferred reply edited). */
    public JsonNode awaitOriginal(String interactionId, Predicate<JsonNode> p, Duration timeout) {
        return FakeWait.until(lock, timeout, "a matching original response to " + interactionId,
                () -> replies.original(interactionId).filter(p), replies::describe);
    }

    /** The gateway frames the bot sent (identify, heartbeats, ...) once one matches {@code p}. */
    public JsonNode awaitGatewayFrame(Predicate<JsonNode> p, Duration timeout) {
        return FakeWait.until(lock, timeout, "a matching gateway frame",
                () -> gateway.received().stream().filter(p).findFirst(), () -> gateway.received().toString());
    }

    @Override
    public void close() {
        gateway.close();
        server.close();
    }

    private interface Payload {
        JsonNode build(String id, String token);
    }

    private String dispatch(String messageId, Payload payload) {
        String id;
        JsonNode data;
        synchronized (lock) {
            id = messages.snowflake(clock.instant());
            String token = "interaction-token-" + id;
            data = payload.build(id, token);
            replies.sent(id, token, messageId);
        }
        gateway.dispatch("INTERACTION_CREATE", data);
        return id;
    }

    /** Answers and records one REST call under the lock, so state and record change together. */
    private FakeDiscordRest.Answer api(String method, String path, String authorization, JsonNode body) {
        FakeDiscordRest.Answer answer;
        synchronized (lock) {
            answer = body == null
                    ? FakeDiscordRest.Answer.error(400, "fake discord reads JSON bodies only", 50035)
                    : rest.answer(method, path, authorization, body, clock.instant());
            calls.add(new Call(method, path, answer.status(), body == null ? JSON.missingNode() : body));
            lock.notifyAll();
        }
        LOG.debug("fake discord call method={} path={} status={}", method, path, answer.status());
        return answer;
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
}
