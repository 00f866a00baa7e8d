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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1 (ephemeral port) for the real
 * {@code SocketModeClient} and Bolt's {@code SocketModeApp}; {@link FakeSlack#attach} makes
 * {@code apps.connections.open} hand out {@link #url()}. Each connection is greeted with Slack's
 * {@code hello}; {@link #send} pushes an envelope and {@link #awaitAck} returns the frame the
 * client acknowledged it with; {@link #disconnect} asks the client to reconnect, as Slack does
 * every few hours.
 *
 * <p>Envelopes go to the live connection: the newest one opened since the last
 * {@link #disconnect()}. If there is none yet (the client is still reconnecting), {@code send}
 * waits for one up to 10 s. Thread-safe: one lock guards all state.
 */
public final class FakeSocketMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeSocketMode.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(10);

    private final Object lock = new Object();
    private final List<WebSocket> opened = new ArrayList<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Server server = new Server();
    private WebSocket live;
    private int envelopes;

    private FakeSocketMode() {
    }

    /** Starts listening; returns once the port is bound. */
    public static FakeSocketMode start() {
        FakeSocketMode sm = new FakeSocketMode();
        sm.server.setReuseAddr(true);
        sm.server.start();
        try {
            if (!sm.started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake socket mode server did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        return sm;
    }

    /** {@code ws://127.0.0.1:W/link/}. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/link/";
    }

    /**
     * Sends an envelope of {@code type} ({@code slash_commands}, {@code interactive},
     * {@code events_api}) carrying {@code payload}; slash commands and interactive envelopes accept
     * a response payload. Returns the new envelope id.
     */
    public String send(String type, JsonNode payload) {
        WebSocket connection = FakeWait.until(lock, RECONNECT_WAIT, "a live socket mode connection",
                () -> Optional.ofNullable(live).filter(WebSocket::isOpen), () -> opened.size() + " opened, none live");
        String id;
        synchronized (lock) {
            envelopes++;
            id = "env-" + envelopes;
        }
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", id).put("type", type)
                .put("accepts_response_payload", type.equals("slash_commands") || type.equals("interactive"));
        envelope.set("payload", payload);
        connection.send(envelope.toString());
        LOG.debug("fake socket mode sent envelope_id={} type={}", id, type);
        return id;
    }

    /** The frame the client sent back with {@code envelopeId} (its ack, with any response payload). */
    public JsonNode awaitAck(String envelopeId, Duration timeout) {
        return FakeWait.until(lock, timeout, "the ack of " + envelopeId,
                () -> received.stream().filter(f -> f.path("envelope_id").asText().equals(envelopeId)).findFirst(),
                received::toString);
    }

    /** Every frame clients sent, in arrival order. */
    public List<JsonNode> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /** Asks the client to reconnect, as Slack does; later envelopes go to its next connection. */
    public void disconnect() {
        WebSocket connection;
        synchronized (lock) {
            connection = live;
            live = null;
        }
        if (connection != null && connection.isOpen()) {
            connection.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\","
                    + "\"debug_info\":{\"host\":\"fake\"}}");
        }
    }

    /** Waits until clients have opened at least {@code n} connections in all; returns how many. */
    public int awaitConnections(int n, Duration timeout) {
        return FakeWait.until(lock, timeout, n + " socket mode connections",
                () -> opened.size() >= n ? Optional.of(opened.size()) : Optional.empty(),
                () -> opened.size() + " connections");
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            int count;
            synchronized (lock) {
                opened.add(conn);
                live = conn;
                count = opened.size();
                lock.notifyAll();
            }
            LOG.debug("fake socket mode connection path={} count={}", handshake.getResourceDescriptor(), count);
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\""
                    + FakeSlack.APP_ID + "\"},\"debug_info\":{\"host\":\"fake\",\"approximate_connection_time\":18060}}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode frame = JSON.readTree(message);
                synchronized (lock) {
                    received.add(frame);
                    lock.notifyAll();
                }
            } catch (IOException e) {
                LOG.warn("fake socket mode got a frame that is not JSON error={}", e.toString());
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            LOG.warn("fake socket mode got a binary frame bytes={}", message.remaining());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            synchronized (lock) {
                if (live == conn) {
                    live = null;
                }
                lock.notifyAll();
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LOG.warn("fake socket mode error error={}", ex.toString());
        }
    }
}
