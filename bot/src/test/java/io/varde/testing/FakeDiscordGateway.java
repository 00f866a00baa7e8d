package io.varde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake Discord gateway (JSON encoding, no compression) on 127.0.0.1, ephemeral port. Each
 * connection gets HELLO (op 10); every heartbeat (op 1) its ACK (op 11); IDENTIFY (op 2) with the
 * bot's token READY and then GUILD_CREATE, after which the connection is the live session that
 * {@link #dispatch} sends to; a wrong token closes with 4004, as Discord does. A RESUME (op 6) is
 * answered with INVALID_SESSION (op 9, not resumable), so a reconnecting JDA identifies anew.
 * It counts the identified sessions open now and the most ever open at once, so a test of several
 * bot processes can tell that no two held a session at the same time. State is guarded by the
 * lock it shares with {@link FakeDiscord}.
 */
final class FakeDiscordGateway {

    private static final Logger LOG = LoggerFactory.getLogger(FakeDiscordGateway.class);
    private static final Duration SESSION_WAIT = Duration.ofSeconds(15);

    private final Object lock;
    private final ObjectMapper json;
    private final String botToken;
    private final FakeDiscordGuild guild;
    private final Server server = new Server();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<WebSocket, Integer> sequences = new HashMap<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final Set<WebSocket> identified = new HashSet<>();
    private WebSocket live;
    private int sessions;
    private int mostOpen;

    FakeDiscordGateway(Object lock, ObjectMapper json, String botToken, FakeDiscordGuild guild) {
        this.lock = lock;
        this.json = json;
        this.botToken = botToken;
        this.guild = guild;
    }

    /** Binds and returns once the port is known. */
    void start() {
        server.setReuseAddr(true);
        server.start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake discord gateway did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake discord gateway", e);
        }
    }

    String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/";
    }

    /** Sends dispatch {@code type} to the live session, waiting up to 15 s for one to be identified. */
    void dispatch(String type, JsonNode data) {
        WebSocket connection = FakeWait.until(lock, SESSION_WAIT, "an identified gateway session",
                () -> Optional.ofNullable(live).filter(WebSocket::isOpen), () -> sessions + " sessions, none live");
        send(connection, type, data);
    }

    /** How many sessions have been identified (READY sent) so far. */
    int sessions() {
        return sessions;
    }

    /** How many identified sessions are open now. */
    int openSessions() {
        return identified.size();
    }

    /** The most identified sessions that were open at the same time so far. */
    int mostOpenSessions() {
        return mostOpen;
    }

    /** Every frame the clients sent, in arrival order. */
    List<JsonNode> received() {
        return List.copyOf(received);
    }

    void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(WebSocket connection, String type, JsonNode data) {
        ObjectNode frame = json.createObjectNode().put("op", 0).put("t", type);
        synchronized (lock) {
            int s = sequences.merge(connection, 1, Integer::sum);
            frame.put("s", s);
            frame.set("d", data);
            connection.send(frame.toString());
        }
        LOG.debug("fake discord dispatch type={}", type);
    }

    private void identify(WebSocket connection, JsonNode d) {
        String token = d.path("token").asText("");
        if (!token.equals(botToken) && !token.equals("Bot " + botToken)) {
            LOG.debug("fake discord gateway refused an identify reason=token");
            connection.close(4004, "Authentication failed.");
            return;
        }
        String sessionId;
        synchronized (lock) {
            sessions++;
            sessionId = "fake-session-" + sessions;
            if (connection.isOpen()) { // counted before READY goes out: a client that sees it sees the count
                identified.add(connection);
                mostOpen = Math.max(mostOpen, identified.size());
            }
            lock.notifyAll();
        }
        send(connection, "READY", guild.ready(sessionId, url()));
        send(connection, "GUILD_CREATE", guild.guildCreate());
        synchronized (lock) {
            live = connection;
            lock.notifyAll();
        }
    }

    /** The Java-WebSocket server; its callbacks run on its own threads. */
    private final class Server extends WebSocketServer {

        Server() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            LOG.debug("fake discord gateway connection path={}", handshake.getResourceDescriptor());
            conn.send("{\"op\":10,\"s\":null,\"t\":null,\"d\":{\"heartbeat_interval\":41250,\"_trace\":[\"fake\"]}}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            JsonNode frame;
            try {
                frame = json.readTree(message);
            } catch (IOException e) {
                LOG.warn("fake discord gateway got a frame that is not JSON error={}", e.toString());
                return;
            }
            synchronized (lock) {
                received.add(frame);
                lock.notifyAll();
            }
            switch (frame.path("op").asInt(-1)) {
                case 1 -> conn.send("{\"op\":11,\"s\":null,\"t\":null,\"d\":null}");
                case 2 -> identify(conn, frame.path("d"));
                case 6 -> conn.send("{\"op\":9,\"s\":null,\"t\":null,\"d\":false}");
                default -> LOG.debug("fake discord gateway ignored op={}", frame.path("op").asInt(-1));
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            LOG.warn("fake discord gateway got a binary frame bytes={} (is compression off?)", message.remaining());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            synchronized (lock) {
                sequences.remove(conn);
                identified.remove(conn);
                if (live == conn) {
                    live = null;
                }
                lock.notifyAll();
            }
            LOG.debug("fake discord gateway closed code={} remote={}", code, remote);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LOG.warn("fake discord gateway error error={}", ex.toString());
        }
    }
}
