package io.varde.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake gateway's exchanges that JDA does not show when all goes well, driven frame by frame
 * with a plain WebSocket client: HELLO first, heartbeat ACKs, READY then GUILD_CREATE in sequence,
 * a wrong token closed with 4004 and a RESUME refused with INVALID_SESSION.
 */
class FakeDiscordGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeDiscord fake;
    private Client client;

    @BeforeEach
    void start() throws InterruptedException {
        fake = FakeDiscord.start(FakeTokens.DISCORD);
        client = new Client(URI.create(fake.gatewayUrl() + "?encoding=json&v=10"));
        assertThat(client.connectBlocking()).isTrue();
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.closeBlocking();
        fake.close();
    }

    @Test
    void helloComesFirstHeartbeatsAreAckedAndIdentifyGetsReadyThenTheGuild() {
        JsonNode hello = client.await(f -> true);
        assertThat(hello.path("op").asInt()).isEqualTo(10);
        assertThat(hello.path("d").path("heartbeat_interval").asInt()).isEqualTo(41250);

        client.send("{\"op\":1,\"d\":null}");
        client.await(f -> f.path("op").asInt() == 11);
        client.send("{\"op\":2,\"d\":{\"token\":\"" + FakeTokens.DISCORD + "\",\"intents\":0,\"properties\":{}}}");

        JsonNode ready = client.await(f -> "READY".equals(f.path("t").asText()));
        JsonNode guild = client.await(f -> "GUILD_CREATE".equals(f.path("t").asText()));
        assertThat(ready.path("s").asInt()).isEqualTo(1);
        assertThat(ready.path("d").path("guilds").get(0).path("unavailable").asBoolean()).isTrue();
        assertThat(guild.path("s").asInt()).isEqualTo(2);
        assertThat(guild.path("d").path("channels").get(0).path("id").asText()).isEqualTo(FakeDiscord.CHANNEL_ID);
        assertThat(fake.sessions()).isEqualTo(1);
    }

    @Test
    void openSessionsAreCountedAndTheMostAtOnceIsKept() throws InterruptedException {
        assertThat(fake.openSessions()).isZero();
        identify(client);
        client.await(f -> "READY".equals(f.path("t").asText()));
        Client second = new Client(URI.create(fake.gatewayUrl() + "?encoding=json&v=10"));
        assertThat(second.connectBlocking()).isTrue();
        assertThat(fake.openSessions()).as("connected, not identified").isEqualTo(1);
        identify(second);
        second.await(f -> "READY".equals(f.path("t").asText()));
        assertThat(fake.openSessions()).isEqualTo(2);

        client.closeBlocking();
        fake.awaitSessions(2, 1, WAIT);
        second.closeBlocking();
        fake.awaitSessions(2, 0, WAIT);
        assertThat(fake.mostOpenSessions()).isEqualTo(2);
        assertThat(fake.sessions()).isEqualTo(2);
    }

    @Test
    void aWrongTokenIsClosedWithAuthenticationFailed() {
        client.send("{\"op\":2,\"d\":{\"token\":\"not-the-token-of-this-bot\",\"intents\":0,\"properties\":{}}}");

        assertThat(client.awaitClose()).isEqualTo(4004);
        assertThat(fake.sessions()).isZero();
    }

    @Test
    void aResumeIsAnsweredWithANonResumableInvalidSession() {
        client.send("{\"op\":6,\"d\":{\"token\":\"" + FakeTokens.DISCORD + "\",\"session_id\":\"old\",\"seq\":7}}");

        JsonNode invalid = client.await(f -> f.path("op").asInt() == 9);
        assertThat(invalid.path("d").asBoolean(true)).isFalse();
    }

    private static void identify(Client c) {
        c.send("{\"op\":2,\"d\":{\"token\":\"" + FakeTokens.DISCORD + "\",\"intents\":0,\"properties\":{}}}");
    }

        /** Keeps every frame and the close code; waits on itself. */
    private static final class Client extends WebSocketClient {

        private final List<JsonNode> frames = new ArrayList<>();
        private Integer closeCode;

        Client(URI uri) {
            super(uri);
        }

        JsonNode await(Predicate<JsonNode> p) {
            return FakeWait.until(this, WAIT, "a matching frame",
                    () -> frames.stream().filter(p).findFirst(), frames::toString);
        }

        int awaitClose() {
            return FakeWait.until(this, WAIT, "the close", () -> Optional.ofNullable(closeCode), frames::toString);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public synchronized void onMessage(String message) {
            try {
                frames.add(JSON.readTree(message));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            notifyAll();
        }

        @Override
        public synchronized void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            notifyAll();
        }

        @Override
        public void onError(Exception ex) {
        }
    }
}
